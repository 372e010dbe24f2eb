"""Bad input gets 4xx problem+json with a Vietnamese title, never 500, and changes nothing."""

import pytest

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
