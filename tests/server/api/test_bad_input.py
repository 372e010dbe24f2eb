"""Bad input gets 4xx problem+json with a Vietnamese title, never 500, and changes nothing."""

import json
import unicodedata
from typing import Any

import pytest

from protocol.enums import Role
from server.commands.setup import add_device, add_user
from tests.support.inproc import InProc

BAD_TICKETS = [
    ({"service_id": "khong-co"}, 422, "unknown-service"),
    ({"service_id": 123}, 422, "validation-error"),
    ({"service_id": "dat-dai", "priority": "vip"}, 422, "unknown-priority"),
    ({"service_id": "dat-dai", "procedure_id": "tu-phap-01"}, 422, "unknown-procedure"),
    ({"service_id": "dat-dai", "extra": 1}, 422, "validation-error"),
    ({}, 422, "validation-error"),
    ([1, 2], 422, "validation-error"),
    ({"service_id": "x" * 5000}, 422, "validation-error"),
]


def state_seq(env: InProc) -> int:
    return env.api("GET", "/state", env.display_token).json()["seq"]


def assert_problem(r, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["type"] == code and body["status"] == status
    assert body["title"] and body["title"].isascii() is False  # Vietnamese, with diacritics


@pytest.mark.parametrize(("body", "status", "code"), BAD_TICKETS)
def test_bad_ticket_bodies(inproc: InProc, body: object, status: int, code: str) -> None:
    before = state_seq(inproc)
    r = inproc.api("POST", "/tickets", inproc.kiosk_token, json=body)
    assert_problem(r, status, code)
    assert state_seq(inproc) == before


def test_malformed_json_and_huge_body(inproc: InProc) -> None:
    before = state_seq(inproc)
    h = {"Authorization": f"Bearer {inproc.kiosk_token}", "content-type": "application/json"}
    r = inproc.client.post("/api/v1/tickets", content=b'{"service_id": ', headers=h)
    assert_problem(r, 400, "malformed-request")
    r = inproc.client.post("/api/v1/tickets", content=b"{" + b" " * 200_000 + b"}", headers=h)
    assert_problem(r, 413, "payload-too-large")
    assert state_seq(inproc) == before


def test_wrong_types_and_unknowns_on_counters(inproc: InProc) -> None:
    inproc.counter(1, "open")
    before = state_seq(inproc)
    clerk = inproc.login("canbo1")
    cases = [
        ("/counters/abc/call-next", None, 422, "validation-error"),
        ("/counters/999/call-next", None, 404, "unknown-counter"),
        ("/counters/1/call", {"ticket_id": "x"}, 422, "validation-error"),
        ("/counters/1/call", {"ticket_id": 424242}, 404, "unknown-ticket"),
        ("/counters/1/transfer", {}, 422, "validation-error"),
        (
            "/counters/1/transfer",
            {"service_id": "dat-dai", "to_counter_id": 2},
            422,
            "validation-error",
        ),
        ("/counters/1/transfer", {"service_id": "dat-dai"}, 409, "counter-idle"),
        ("/counters/1/pause", {"reason": ""}, 422, "validation-error"),
        ("/counters/1/resume", None, 409, "invalid-transition"),
        ("/counters/1/call-next", None, 409, "queue-empty"),
        ("/counters/1/finish", None, 409, "counter-idle"),
    ]
    for path, body, status, code in cases:
        assert_problem(inproc.api("POST", path, clerk, json=body), status, code)
    assert state_seq(inproc) == before


def test_finished_ticket_called_again(inproc: InProc) -> None:
    t = inproc.issue()
    inproc.counter(1, "open")
    inproc.counter(1, "call-next")
    inproc.counter(1, "start")
    inproc.counter(1, "finish")
    before = state_seq(inproc)
    assert_problem(inproc.counter(1, "call", ticket_id=t["id"]), 409, "ticket-not-waiting")
    assert_problem(inproc.counter(1, "return", ticket_id=t["id"]), 409, "invalid-transition")
    assert state_seq(inproc) == before


def test_unknown_route_and_method(inproc: InProc) -> None:
    assert_problem(inproc.api("GET", "/nothing-here", inproc.kiosk_token), 404, "not-found")
    assert_problem(inproc.api("DELETE", "/tickets", inproc.kiosk_token), 405, "method-not-allowed")


def test_bad_login(inproc: InProc) -> None:
    r = inproc.client.post("/api/v1/auth/login", json={"username": "canbo1", "password": "sai"})
    assert_problem(r, 401, "bad-credentials")
    assert r.json()["title"] == "Sai tên đăng nhập hoặc mật khẩu"


# -- the whole class, on SQLite and PostgreSQL ------------------------------------------
BIG = 9223372036854775808  # 2**63: beyond SQLite's integer
INT32 = 2147483648  # 2**31: beyond PostgreSQL's integer (the id columns)
V, UR = "validation-error", "unknown-reason"
R_OK = {"level": "unsatisfied"}  # reasons are checked before the ticket
SLOT = "2030-01-02T09:00:00+07:00"

# (who, method, path, json body, extra headers, status, code)
CASES: list[tuple[str, str, str, Any, dict[str, str] | None, int, str]] = [
    # ids beyond the id columns, in path and body
    ("canbo1", "POST", "/counters/1/call", {"ticket_id": BIG}, None, 422, V),
    ("canbo1", "POST", "/counters/1/call", {"ticket_id": INT32}, None, 422, V),
    ("canbo1", "POST", "/counters/1/return", {"ticket_id": INT32}, None, 422, V),
    ("canbo1", "POST", "/counters/1/call", {"ticket_id": 2**31 - 1}, None, 404, "unknown-ticket"),
    ("canbo1", "POST", "/counters/1/transfer", {"to_counter_id": BIG}, None, 422, V),
    ("canbo1", "POST", f"/counters/{BIG}/call-next", None, None, 422, V),
    ("canbo1", "GET", f"/counters/{BIG}/waiting", None, None, 422, V),
    ("admin", "GET", f"/tickets/{INT32}", None, None, 422, V),
    ("admin", "GET", f"/tickets/{BIG}", None, None, 422, V),
    ("admin", "GET", "/tickets/-1", None, None, 422, V),
    ("kiosk", "POST", f"/tickets/{INT32}/print-failed", {"reason": "hết giấy"}, None, 422, V),
    ("kiosk", "POST", f"/tickets/{INT32}/printed", None, None, 422, V),
    ("admin", "POST", f"/tickets/{BIG}/cancel", None, None, 422, V),
    ("rating", "POST", "/ratings", {"ticket_id": INT32, "level": "satisfied"}, None, 422, V),
    # control, invisible and bidi characters; lengths
    ("canbo1", "POST", "/counters/1/pause", {"reason": "Họp\x00"}, None, 422, V),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "Khác: a\u202eb"}, None, 422, V),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "H\u200bọp"}, None, 422, V),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "Họp\nHọp"}, None, 422, V),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "\ud800"}, None, 422, V),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "x" * 5000}, None, 422, V),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "   "}, None, 422, V),
    ("kiosk", "POST", "/tickets/1/print-failed", {"reason": "giấy\x00"}, None, 422, V),
    ("kiosk", "POST", "/tickets", {"appointment_code": "AB\x00CD"}, None, 422, V),
    ("kiosk", "POST", "/tickets", {"appointment_code": "AB\u200bCD"}, None, 422, V),
    ("kiosk", "POST", "/tickets", {"service_id": "dat-dai\x00"}, None, 422, V),
    ("kiosk", "POST", "/tickets", {"service_id": "dat-dai", "priority": "\x1b[2J"}, None, 422, V),
    (
        "admin",
        "POST",
        "/appointments",
        {"service_id": "dat-dai", "slot_start": SLOT, "code": "AB\x00CD"},
        None,
        422,
        V,
    ),
    (
        "admin",
        "POST",
        "/appointments",
        {"service_id": "dat-dai", "slot_start": "9999-12-31T23:00:00-12:00"},
        None,
        422,
        V,
    ),
    (
        "admin",
        "POST",
        "/appointments",
        {"service_id": "dat-dai", "slot_start": SLOT, "slot_end": "2030-01-02T08:00:00"},
        None,
        422,
        V,
    ),
    (
        "admin",
        "POST",
        "/appointments",
        {"service_id": "dat-dai", "slot_start": SLOT, "slot_end": "2030-01-02T08:00:00+07:00"},
        None,
        422,
        V,
    ),
    # reasons outside the centre's lists
    ("canbo1", "POST", "/counters/1/pause", {"reason": "Đi chơi"}, None, 422, UR),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "Khác:"}, None, 422, UR),
    ("canbo1", "POST", "/counters/1/pause", {"reason": "Khác: " + "x" * 101}, None, 422, UR),
    ("rating", "POST", "/ratings", {**R_OK, "ticket_id": 1, "reasons": ["x" * 5000]}, None, 422, V),
    (
        "rating",
        "POST",
        "/ratings",
        {**R_OK, "ticket_id": 1, "reasons": ["Ngoài danh sách"]},
        None,
        422,
        UR,
    ),
    (
        "rating",
        "POST",
        "/ratings",
        {**R_OK, "ticket_id": 1, "reasons": ["Khác: " + "x" * 101]},
        None,
        422,
        UR,
    ),
    (
        "rating",
        "POST",
        "/ratings",
        {**R_OK, "ticket_id": 1, "reasons": ["Họp", "Họp"]},
        None,
        422,
        V,
    ),
    ("rating", "POST", "/ratings", {**R_OK, "ticket_id": 1, "reasons": [""]}, None, 422, V),
    # logins with invisible characters
    (None, "POST", "/auth/login", {"username": "canbo1\x00", "password": "demo1234"}, None, 422, V),
    (
        None,
        "POST",
        "/auth/login",
        {"username": "can\u200bbo1", "password": "demo1234"},
        None,
        422,
        V,
    ),
    (
        None,
        "POST",
        "/auth/login",
        {"username": "\u202ecanbo1", "password": "demo1234"},
        None,
        422,
        V,
    ),
    (None, "POST", "/auth/login", {"username": "canbo1", "password": "demo\x001234"}, None, 422, V),
    # Idempotency-Key: required from kiosks, printable ASCII
    ("kiosk", "POST", "/tickets", {"service_id": "dat-dai"}, {"Idempotency-Key": ""}, 422, V),
    ("kiosk", "POST", "/tickets", {"service_id": "dat-dai"}, {"Idempotency-Key": "a b"}, 422, V),
    (
        "kiosk",
        "POST",
        "/tickets",
        {"service_id": "dat-dai"},
        {"Idempotency-Key": "k" * 129},
        422,
        V,
    ),
]


def token_for(env: InProc, who: str | None) -> str | None:
    devices = {"kiosk": env.kiosk_token, "display": env.display_token, "rating": env.rating_token}
    return None if who is None else devices.get(who) or env.login(who)


def test_bad_input_table_changes_nothing(inproc_any: InProc) -> None:
    env = inproc_any
    env.issue()  # ticket 1, waiting
    env.counter(1, "open")
    tokens = {who: token_for(env, who) for who in {c[0] for c in CASES}}
    failures = []
    for who, method, path, body, headers, status, code in CASES:
        before = state_seq(env)
        h = {"Authorization": f"Bearer {tokens[who]}"} if tokens[who] else {}
        h.update(headers or {})
        if body is not None:  # ASCII JSON: a lone surrogate travels as an escape
            h["content-type"] = "application/json"
        content = None if body is None else json.dumps(body)
        r = env.client.request(method, "/api/v1" + path, content=content, headers=h)
        where = f"{who} {method} {path} {str(body)[:60]!r} {headers}"
        try:
            assert_problem(r, status, code)
            assert state_seq(env) == before, "the event log moved"
        except AssertionError as e:
            failures.append(f"{where}: {e}")
    assert not failures, "\n".join(failures)
    counter = env.api("GET", "/state", env.display_token).json()["counters"]
    assert next(c for c in counter if c["id"] == 1)["status"] == "open"


def test_reasons_from_the_list_or_other(inproc_any: InProc) -> None:
    env = inproc_any
    t = env.issue()
    # A listed reason typed decomposed (NFD) is the listed one.
    r = env.counter(1, "open")
    r = env.counter(1, "pause", reason=unicodedata.normalize("NFD", " Họp "))
    assert r.status_code == 200 and r.json()["pause_reason"] == "Họp", r.text
    env.counter(1, "resume")
    r = env.counter(1, "pause", reason="Khác:Hỗ trợ quầy 5")
    assert r.status_code == 200 and r.json()["pause_reason"] == "Khác: Hỗ trợ quầy 5", r.text
    env.counter(1, "resume")
    for action in ("call-next", "start", "finish"):
        assert env.counter(1, action).status_code == 200
    reasons = ["Thời gian chờ quá lâu", "Khác: " + "ý" * 100]
    body = {"ticket_id": t["id"], "level": "unsatisfied", "reasons": reasons}
    r = env.api("POST", "/ratings", env.rating_token, json=body)
    assert r.status_code == 201 and r.json()["reasons"] == reasons, r.text


def test_idempotency_key_required_from_kiosks_and_scoped_per_caller(inproc_any: InProc) -> None:
    env = inproc_any
    before = state_seq(env)
    h = {"Authorization": f"Bearer {env.kiosk_token}"}
    r = env.client.post("/api/v1/tickets", json={"service_id": "dat-dai"}, headers=h)
    assert_problem(r, 400, "idempotency-key-required")
    assert state_seq(env) == before
    site = env.api("GET", "/auth/me", env.kiosk_token).json()["site"]
    kiosk2 = add_device(env.ctx, site, "kiosk-2", Role.KIOSK)
    admin = env.login("admin")
    key = {"Idempotency-Key": "same-key-0001"}
    body = {"service_id": "dat-dai"}
    a = env.api("POST", "/tickets", env.kiosk_token, json=body, headers=key)
    b = env.api("POST", "/tickets", kiosk2, json=body, headers=key)
    c = env.api("POST", "/tickets", admin, json=body, headers=key)
    assert [x.status_code for x in (a, b, c)] == [201, 201, 201]
    assert len({a.json()["id"], b.json()["id"], c.json()["id"]}) == 3
    again = env.api("POST", "/tickets", kiosk2, json=body, headers=key)
    assert again.status_code == 201 and again.json()["id"] == b.json()["id"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    # An admin may issue without a key.
    r = env.client.post("/api/v1/tickets", json=body, headers={"Authorization": f"Bearer {admin}"})
    assert r.status_code == 201, r.text


def test_usernames_are_nfc_at_creation_and_login(inproc_any: InProc) -> None:
    env = inproc_any
    site = env.api("GET", "/auth/me", env.kiosk_token).json()["site"]
    nfd = unicodedata.normalize("NFD", "Nguyễn")
    add_user(env.ctx, site, nfd, Role.CLERK, "mật khẩu dài")
    for name in ("Nguyễn", nfd):
        r = env.client.post(
            "/api/v1/auth/login", json={"username": name, "password": "mật khẩu dài"}
        )
        assert r.status_code == 200 and r.json()["username"] == "Nguyễn", r.text
    with pytest.raises(ValueError, match="U\\+200B"):
        add_user(env.ctx, site, "ad\u200bmin", Role.CLERK, "mật khẩu dài")


def test_chunked_body_over_the_limit_is_413(inproc: InProc) -> None:
    before = state_seq(inproc)
    h = {
        "Authorization": f"Bearer {inproc.kiosk_token}",
        "content-type": "application/json",
        "Idempotency-Key": "chunked-1",
    }

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"service_id": "dat-dai"'
        for _ in range(160):
            yield b" " * 65_536  # 10 MB, no Content-Length
        yield b"}"

    r = inproc.client.post("/api/v1/tickets", content=chunks(), headers=h)
    assert_problem(r, 413, "payload-too-large")
    assert state_seq(inproc) == before


def test_public_tracking_is_rate_limited(inproc: InProc) -> None:
    code = inproc.issue()["tracking_code"]
    answers = [inproc.client.get(f"/api/v1/public/tickets/{code}") for _ in range(60)]
    answers += [inproc.client.get(f"/t/{code}") for _ in range(5)]
    statuses = [r.status_code for r in answers]
    assert statuses[:20] == [200] * 20  # a phone refreshing is never refused
    assert statuses.count(429) >= 25, statuses
    limited = next(r for r in answers if r.status_code == 429)
    assert_problem(limited, 429, "too-many-requests")
    assert int(limited.headers["Retry-After"]) >= 1
    assert answers[-1].status_code == 429  # the page shares the allowance
