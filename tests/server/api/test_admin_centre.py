"""The centre's configuration over the API (the database its source of truth): read and
change it in the centre file's shape, refused changes that name the offending place and
change nothing, the citizens of removed fields cancelled or moved, and a change that
reaches kiosks, TVs and the stream at once."""

import copy
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from protocol.centre import CentreConfig
from server.centre import load_centre_file
from server.commands.setup import CentreChangeRefused, load_centre
from server.domain.clock import business_day
from server.store.tables import Event, Site
from tests.support.inproc import InProc

SITE = "trung-tam-tinh"
PROBLEM = "application/problem+json"


def head(env: InProc) -> tuple[int, int]:
    """(config_version, event log head) of the sample centre."""
    with Session(env.ctx.db.reader) as s:
        site = s.get(Site, SITE)
        assert site is not None
        return site.config_version, site.seq


def events_after(env: InProc, seq: int) -> list[tuple[str, str, dict[str, Any]]]:
    with Session(env.ctx.db.reader) as s:
        rows = s.execute(
            select(Event.type, Event.actor, Event.data)
            .where(Event.site == SITE, Event.seq > seq)
            .order_by(Event.seq)
        ).all()
    return [(t, a, d) for t, a, d in rows]


def centre(env: InProc) -> dict[str, Any]:
    r = env.api("GET", "/admin/centre", env.login("admin"))
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def put(env: InProc, body: Any, waiting: str | None = None) -> Any:
    query = f"?waiting={waiting}" if waiting else ""
    return env.api("PUT", "/admin/centre" + query, env.login("admin"), json=body)


def without(cfg: dict[str, Any], field: str) -> dict[str, Any]:
    """`cfg` without the field `field` (and without it on every counter)."""
    out = copy.deepcopy(cfg)
    out["services"] = [s for s in out["services"] if s["id"] != field]
    for c in out["counters"]:
        c["services"] = [s for s in c["services"] if s["id"] != field] or [{"id": "dat-dai"}]
    return out


def test_read_and_change_round_trip(inproc_any: InProc) -> None:
    env = inproc_any
    cfg = centre(env)
    assert cfg["site"] == SITE and len(cfg["services"]) == 17 and len(cfg["counters"]) == 21
    before = head(env)
    same = put(env, cfg)
    assert same.status_code == 200 and same.json() == cfg
    assert head(env) == before  # the same centre: no new version, no event
    cfg["notice"] = "Trung tâm nghỉ chiều thứ Sáu để tập huấn."
    cfg["services"][0]["name"] = "Đất đai – Nhà ở"
    r = put(env, cfg)
    assert r.status_code == 200 and r.json() == cfg, r.text
    assert centre(env) == cfg
    assert head(env)[0] == before[0] + 1
    catalog = env.api("GET", "/catalog", env.kiosk_token).json()
    assert catalog["notice"] == cfg["notice"]
    assert catalog["services"][0]["name"] == "Đất đai – Nhà ở"


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(cfg: dict[str, Any]) -> None:
        node = cfg
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return edit


def _twice(cfg: dict[str, Any]) -> None:
    _set(("services", 2, "numbers"), {"start": 1500, "end": 2500})(cfg)
    _set(("counters", 3, "services"), ["xyz"])(cfg)


# (what the admin did, loc of each problem, what `detail` says)
INVALID: list[tuple[Callable[[dict[str, Any]], None], list[list[Any]], str]] = [
    (
        _set(("services", 2, "numbers"), {"start": 1500, "end": 2500}),
        [["services", 2, "numbers"]],
        "services[2].numbers: field 'dang-ky-kinh-doanh' numbers 1500–2500 overlap field "
        "'dat-dai' (services[0], 1001–1999)",
    ),
    (
        _set(("counters", 3, "services"), ["xyz"]),
        [["counters", 3, "services", 0]],
        "counters[3].services[0]: counter 4 names unknown service 'xyz'",
    ),
    (
        _twice,
        [["services", 2, "numbers"], ["counters", 3, "services", 0]],
        "counter 4 names unknown service 'xyz'",
    ),
    (
        _set(("services", 1, "id"), "dat-dai"),  # and counters 3 and 4 lose 'xay-dung'
        [["services", 1, "id"], ["counters", 2, "services", 1], ["counters", 3, "services", 0]],
        "services[1].id: field (service) id 'dat-dai' is used twice",
    ),
    (
        _set(("services", 1, "procedures", 0, "id"), "dat-dai-01"),
        [["services", 1, "procedures", 0, "id"]],
        "procedure id 'dat-dai-01' is also services[0].procedures[0]",
    ),
    (
        _set(("counters", 1, "id"), 1),
        [["counters", 1, "id"]],
        "counter id 1 is used twice",
    ),
    (
        _set(("priority_groups", 1, "code"), "elderly"),
        [["priority_groups", 1, "code"]],
        "code 'elderly' is used twice",
    ),
    (
        _set(("services", 0, "colour"), "#FF0000"),
        [["services", 0, "colour"]],
        "services[0].colour: unknown key 'colour'",
    ),
    (_set(("timezone",), "Asia/Hanoi"), [["timezone"]], "timezone: unknown time zone"),
    (_set(("closed_days",), ["2026-02-30"]), [["closed_days", 0]], "closed_days[0]"),
    (_set(("hours", "mon"), ["17:00", "07:00"]), [["hours"]], "opening 17:00 must be before"),
    (_set(("services",), []), [["services"]], "services:"),
    (_set(("site",), "trung-tam-moi"), [["site"]], "site: the centre's id is 'trung-tam-tinh'"),
]


def test_invalid_change_names_each_place_and_changes_nothing(inproc_any: InProc) -> None:
    env = inproc_any
    cfg = centre(env)
    env.issue("dat-dai")
    before = head(env)
    failures = []
    for edit, locs, says in INVALID:
        bad = copy.deepcopy(cfg)
        edit(bad)
        r = put(env, bad)
        body = r.json()
        try:
            assert r.status_code == 422 and r.headers["content-type"] == PROBLEM, r.text
            assert body["type"] == "centre-invalid"
            assert body["title"] == "Cấu hình trung tâm không hợp lệ"
            assert says in body["detail"], body["detail"]
            assert [e["loc"] for e in body["errors"]] == locs
            assert head(env) == before, "the centre or the log moved"
        except AssertionError as e:
            failures.append(f"{says!r}: {e}")
    assert not failures, "\n".join(failures)
    assert centre(env) == cfg


def test_bad_requests_and_other_roles_change_nothing(inproc_any: InProc) -> None:
    env = inproc_any
    cfg = centre(env)
    before = head(env)
    admin = {"Authorization": f"Bearer {env.login('admin')}"}
    r = env.client.put("/api/v1/admin/centre", content=b"{not json", headers=admin)
    assert r.status_code == 400 and r.json()["type"] == "malformed-request"
    r = put(env, [cfg])
    assert r.status_code == 422 and r.json()["type"] == "centre-invalid"
    for waiting in ("delete", "move:", "move:Đất"):
        r = put(env, cfg, waiting=waiting)
        assert r.status_code == 422 and r.json()["type"] == "validation-error", waiting
    for token in (env.login("giamsat"), env.login("canbo1"), env.kiosk_token, env.display_token):
        for method in ("GET", "PUT"):
            r = env.api(method, "/admin/centre", token, json=cfg)
            assert r.status_code == 403 and r.json()["type"] == "forbidden"
        assert env.api("GET", "/admin/centre.yaml", token).status_code == 403
    assert env.api("PUT", "/admin/centre", None, json=cfg).status_code == 401
    assert head(env) == before


def test_a_large_centre_is_accepted(inproc: InProc) -> None:
    """1,500 procedures are a few hundred KB of JSON: more than other requests may send."""
    cfg = centre(inproc)
    for svc in cfg["services"]:
        svc["procedures"] = [
            {"id": f"{svc['id']}-{j:03d}", "name": f"Thủ tục số {j} của lĩnh vực {svc['name']}"}
            for j in range(1, 90)
        ]
    assert len(json.dumps(cfg).encode()) > 128 * 1024
    r = put(inproc, cfg)
    assert r.status_code == 200, r.text[:500]
    catalog = inproc.api("GET", "/catalog", inproc.kiosk_token).json()
    assert sum(len(s["procedures"]) for s in catalog["services"]) == 17 * 89


def test_removing_a_field_in_use_is_refused_then_cancelled(inproc_any: InProc) -> None:
    env = inproc_any
    first, second = env.issue("tu-phap"), env.issue("tu-phap")
    third = env.issue("tu-phap")
    kept = env.issue("dat-dai")
    env.counter(8, "open")
    assert env.counter(8, "call-next").json()["current"]["id"] == first["id"]
    cfg = without(centre(env), "tu-phap")
    before = head(env)
    r = put(env, cfg)
    assert r.status_code == 409 and r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["type"] == "field-in-use" and body["in_use"] == {"tu-phap": 3}
    assert "'tu-phap' has 3 citizen(s) waiting" in body["detail"]
    assert head(env) == before and len(centre(env)["services"]) == 17

    r = put(env, cfg, waiting="cancel")
    assert r.status_code == 200 and len(r.json()["services"]) == 16, r.text
    sup = env.login("giamsat")
    for t in (first, second, third):
        assert env.api("GET", f"/tickets/{t['id']}", sup).json()["status"] == "cancelled"
    assert env.api("GET", f"/tickets/{kept['id']}", sup).json()["status"] == "waiting"
    log = events_after(env, before[1])
    assert [(t, a) for t, a, _ in log] == [
        ("ticket.cancelled", "user:admin"),
        ("ticket.cancelled", "user:admin"),
        ("ticket.cancelled", "user:admin"),
        ("config.changed", "user:admin"),
    ]
    assert log[-1][2]["version"] == before[0] + 1
    # The citizen called at counter 8 no longer stands there; counter 8 is gone too.
    called = next(d for _, _, d in log if d["ticket"]["id"] == first["id"])
    assert called["counter"]["id"] == 8 and called["counter"]["current"] is None
    state = env.api("GET", "/state", env.display_token).json()
    assert {t["service_id"] for t in state["waiting"] + state["now_serving"]} == {"dat-dai"}
    assert "tu-phap" not in {s["id"] for s in state["services"]}
    assert 8 in {c["id"] for c in state["counters"]}  # the counters named in the file stay


def test_citizens_of_a_removed_field_move_keeping_their_place(inproc_any: InProc) -> None:
    env = inproc_any
    a = env.issue("tu-phap")
    env.clock.advance(minutes=1)
    b = env.issue("dat-dai")
    env.clock.advance(minutes=1)
    c = env.issue("tu-phap")
    cfg = without(centre(env), "tu-phap")
    before = head(env)
    r = put(env, cfg, waiting="move:tu-phap")  # not a field of the new configuration
    assert r.status_code == 422 and r.json()["type"] == "unknown-service"
    assert "waiting=move:tu-phap" in r.json()["detail"] and head(env) == before

    r = put(env, cfg, waiting="move:dat-dai")
    assert r.status_code == 200, r.text
    log = events_after(env, before[1])
    assert [(t, a_) for t, a_, _ in log] == [
        ("ticket.transferred", "user:admin"),
        ("ticket.transferred", "user:admin"),
        ("config.changed", "user:admin"),
    ]
    moved = [d for t, _, d in log if t == "ticket.transferred"]
    assert [(d["ticket"]["id"], d["from_service_id"], d["to_service_id"]) for d in moved] == [
        (a["id"], "tu-phap", "dat-dai"),
        (c["id"], "tu-phap", "dat-dai"),
    ]
    clerk = env.login("canbo1")
    waiting = env.api("GET", "/counters/1/waiting", clerk).json()
    assert [t["id"] for t in waiting] == [a["id"], b["id"], c["id"]]  # places kept
    assert [t["number"] for t in waiting] == [a["number"], b["number"], c["number"]]
    env.counter(1, "open")
    assert env.counter(1, "call-next").json()["current"]["id"] == a["id"]


def test_new_field_and_counter_reach_kiosks_tvs_and_the_stream(inproc_any: InProc) -> None:
    env = inproc_any
    cfg = centre(env)
    cfg["services"].append(
        {
            "id": "ho-tro-doanh-nghiep",
            "name": "Hỗ trợ doanh nghiệp",
            "numbers": {"start": 30001, "end": 30999},
            "procedures": [{"id": "ho-tro-01", "name": "Tư vấn thủ tục đầu tư"}],
        }
    )
    cfg["counters"].append({"id": 22, "name": "Quầy 22", "services": ["ho-tro-doanh-nghiep"]})
    with env.client.websocket_connect(
        "/api/v1/stream", headers={"Authorization": f"Bearer {env.display_token}"}
    ) as ws:
        assert ws.receive_json()["kind"] == "hello"
        r = put(env, cfg)
        assert r.status_code == 200, r.text
        changed = None
        for _ in range(40):  # pings every 0.5 s: a bound, not a wait
            msg = ws.receive_json()
            if msg["kind"] == "event" and msg["event"]["type"] == "config.changed":
                changed = msg["event"]
                break
        assert changed is not None, "no config.changed on the stream"
        assert changed["data"]["actor"] == "user:admin"
    catalog = env.api("GET", "/catalog", env.kiosk_token).json()
    assert catalog["services"][-1]["id"] == "ho-tro-doanh-nghiep"
    assert catalog["services"][-1]["procedures"][0]["name"] == "Tư vấn thủ tục đầu tư"
    assert any(c["id"] == 22 for c in catalog["counters"])
    state = env.api("GET", "/state", env.display_token).json()
    assert state["services"][-1]["id"] == "ho-tro-doanh-nghiep"
    assert {"id": 22, "status": "closed"}.items() <= state["counters"][-1].items()
    t = env.issue("ho-tro-doanh-nghiep")
    assert t["number"] == "30001"
    assert env.counter(22, "open", clerk="canbo1").status_code == 200
    assert env.counter(22, "call-next", clerk="canbo1").json()["current"]["id"] == t["id"]


def test_yaml_download_imports_back_unchanged(inproc_any: InProc, tmp_path: Path) -> None:
    env = inproc_any
    cfg = centre(env)
    cfg["notice"] = "Lịch nghỉ Tết: từ 14/2 đến hết 22/2."
    cfg["closed_days"] = ["2026-02-16", "2026-09-02"]
    assert put(env, cfg).status_code == 200
    r = env.api("GET", "/admin/centre.yaml", env.login("admin"))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/yaml; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="centre-trung-tam-tinh.yaml"'
    text = r.content.decode("utf-8")
    assert "Lịch nghỉ Tết: từ 14/2 đến hết 22/2." in text and "\\u" not in text
    path = tmp_path / "centre.yaml"
    path.write_bytes(r.content)
    loaded = load_centre_file(path)
    assert loaded.model_dump(mode="json") == cfg
    before = head(env)
    assert load_centre(env.ctx, loaded) == "unchanged"  # what `motcua init --config` does
    assert head(env) == before


def test_no_ticket_on_a_closed_day(inproc_any: InProc) -> None:
    env = inproc_any
    cfg = centre(env)
    today = business_day(env.clock.now(), env.ctx.config(SITE, head(env)[0]).tz)
    week = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    cfg |= {"enforce_hours": True, "hours": {d: ["00:00", "23:59"] for d in week}}
    cfg["closed_days"] = [today.isoformat(), (today + timedelta(days=3)).isoformat()]
    assert put(env, cfg).status_code == 200
    r = env.api("POST", "/tickets", env.kiosk_token, json={"service_id": "dat-dai"})
    assert r.status_code == 409 and r.json()["type"] == "outside-hours"
    assert r.json()["title"] == "Ngoài giờ tiếp nhận hồ sơ"
    state = env.api("GET", "/state", env.kiosk_token).json()
    assert {s["unavailable"] for s in state["services"]} == {"outside-hours"}
    cfg["closed_days"] = cfg["closed_days"][1:]  # the centre opens after all
    assert put(env, cfg).status_code == 200
    assert env.issue("dat-dai")["number"] == "1001"


def test_motcua_init_goes_the_same_way(inproc: InProc) -> None:
    """The file and the console change the centre alike: a file that strands citizens is
    refused, naming them; a change is recorded with the system as actor."""
    inproc.issue("tu-phap")
    cfg = CentreConfig.model_validate(centre(inproc))
    shrunk = CentreConfig.model_validate(without(centre(inproc), "tu-phap"))
    with pytest.raises(CentreChangeRefused) as e:
        load_centre(inproc.ctx, shrunk)
    assert e.value.in_use == {"tu-phap": 1}
    seq = head(inproc)[1]
    renamed = cfg.model_copy(update={"name": "Trung tâm Phục vụ hành chính công"})
    assert load_centre(inproc.ctx, renamed) == "updated"
    assert [(t, a) for t, a, _ in events_after(inproc, seq)] == [("config.changed", "system")]


def test_a_renamed_field_keeps_its_citizens(inproc_any: InProc) -> None:
    """`tu-phap` renamed `ho-tich`: its citizens follow, the one at counter 8 stays there."""
    env = inproc_any
    called, waiting = env.issue("tu-phap"), env.issue("tu-phap")
    env.counter(8, "open")
    env.counter(8, "call-next")
    renamed = json.loads(json.dumps(centre(env)).replace('"tu-phap', '"ho-tich'))
    r = put(env, renamed, waiting="move:ho-tich")
    assert r.status_code == 200, r.text
    sup = env.login("giamsat")
    now = {t["id"]: env.api("GET", f"/tickets/{t['id']}", sup).json() for t in (called, waiting)}
    assert [(t["service_id"], t["status"]) for t in now.values()] == [
        ("ho-tich", "called"),
        ("ho-tich", "waiting"),
    ]
    counter = next(c for c in env.api("GET", "/state", env.display_token).json()["counters"]
                   if c["id"] == 8)  # fmt: skip
    assert counter["services"] == ["ho-tich"] and counter["current"]["id"] == called["id"]
    for action in ("start", "finish", "call-next"):
        assert env.counter(8, action).status_code == 200, action
    assert env.counter(8, "call-next").json()["type"] == "counter-busy"
    state = env.api("GET", "/state", env.display_token).json()
    assert [t["id"] for t in state["now_serving"]] == [waiting["id"]]
