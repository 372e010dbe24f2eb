"""Server rules the apps rely on: per-kiosk limit, print failures, ratings, hours."""

from pathlib import Path

import yaml

from server.centre import load_centre_file
from server.commands.setup import load_centre
from tests.support.inproc import InProc

SAMPLE = Path(__file__).resolve().parents[3] / "deploy" / "sample-centre.yaml"


def test_per_kiosk_limit_against_button_mashing(inproc: InProc) -> None:
    codes = []
    for _ in range(25):
        r = inproc.api("POST", "/tickets", inproc.kiosk_token, json={"service_id": "tu-phap"})
        codes.append(r.status_code)
    assert codes.count(201) == 20 and codes[20:] == [429] * 5
    last = inproc.api("POST", "/tickets", inproc.kiosk_token, json={"service_id": "tu-phap"})
    assert last.json()["type"] == "too-many-tickets"
    assert last.json()["title"] == "Bạn đã lấy quá nhiều số, vui lòng chờ một lát"
    inproc.clock.advance(seconds=61)
    assert inproc.issue("tu-phap")["number"] == "4021"


def test_print_failure_reaches_supervisors_and_clears(inproc: InProc) -> None:
    t = inproc.issue("dat-dai")
    r = inproc.api(
        "POST", f"/tickets/{t['id']}/print-failed", inproc.kiosk_token, json={"reason": "paper-out"}
    )
    assert r.status_code == 202
    sup = inproc.login("giamsat")
    printers = inproc.api("GET", "/stats/today", sup).json()["printers"]
    assert printers == [{"device": "kiosk-1", "error": "paper-out", "at": printers[0]["at"]}]
    # the ticket itself is kept and still waiting
    assert inproc.api("GET", f"/tickets/{t['id']}", sup).json()["status"] == "waiting"
    inproc.api("POST", f"/tickets/{t['id']}/printed", inproc.kiosk_token)
    assert inproc.api("GET", "/stats/today", sup).json()["printers"][0]["error"] is None


def test_one_rating_per_ticket_into_the_figures(inproc: InProc) -> None:
    t = inproc.issue("dat-dai")
    inproc.counter(1, "open")
    inproc.counter(1, "call-next")
    early = inproc.api(
        "POST", "/ratings", inproc.rating_token, json={"ticket_id": t["id"], "level": "satisfied"}
    )
    assert early.json()["type"] == "not-ratable"
    inproc.counter(1, "start")
    inproc.counter(1, "finish")
    body = {"ticket_id": t["id"], "level": "unsatisfied", "reasons": ["Thời gian chờ quá lâu"]}
    r = inproc.api("POST", "/ratings", inproc.rating_token, json=body)
    assert r.status_code == 201 and r.json()["clerk"] == "Cán bộ quầy 1"
    again = inproc.api("POST", "/ratings", inproc.rating_token, json=body)
    assert again.status_code == 409 and again.json()["type"] == "already-rated"
    bad = inproc.api(
        "POST", "/ratings", inproc.rating_token, json={"ticket_id": t["id"], "level": "wow"}
    )
    assert bad.json()["type"] == "unknown-rating-level"
    stats = inproc.api("GET", "/counters/1/stats", inproc.login("canbo1")).json()
    assert stats["ratings"] == 1 and stats["avg_rating"] == 1.0
    assert stats["rating_levels"]["unsatisfied"] == 1


def test_closed_service_and_hours(inproc: InProc, tmp_path: Path) -> None:
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    raw["services"][1]["closed"] = True
    raw["enforce_hours"] = True
    raw["hours"] = {"mon": ["07:00", "08:00"]}  # 09:00 (the fake clock) is outside
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert load_centre(inproc.ctx, load_centre_file(path)) == "updated"
    r = inproc.api("POST", "/tickets", inproc.kiosk_token, json={"service_id": "xay-dung"})
    assert r.json()["type"] == "service-closed"
    r = inproc.api("POST", "/tickets", inproc.kiosk_token, json={"service_id": "dat-dai"})
    assert r.json()["type"] == "outside-hours"
    catalog = inproc.api("GET", "/catalog", inproc.kiosk_token).json()
    assert [s["closed"] for s in catalog["services"][:2]] == [False, True]
    state = inproc.api("GET", "/state", inproc.kiosk_token).json()
    assert [s["unavailable"] for s in state["services"][:2]] == ["outside-hours", "service-closed"]


def test_full_field_is_marked_unavailable(inproc: InProc) -> None:
    for _ in range(3):
        inproc.issue("cu-tru-can-cuoc")
    state = inproc.api("GET", "/state", inproc.kiosk_token).json()
    field = next(s for s in state["services"] if s["id"] == "cu-tru-can-cuoc")
    assert field["issued"] == 3 and field["unavailable"] is None and field["waiting"] == 3


def test_field_full_for_the_day(inproc: InProc) -> None:
    admin = inproc.login("admin")
    for _ in range(200):  # the sample centre's daily limit for ID cards
        r = inproc.api("POST", "/tickets", admin, json={"service_id": "cu-tru-can-cuoc"})
        assert r.status_code == 201
    r = inproc.api("POST", "/tickets", admin, json={"service_id": "cu-tru-can-cuoc"})
    assert r.status_code == 409 and r.json()["type"] == "daily-limit-reached"
    state = inproc.api("GET", "/state", inproc.kiosk_token).json()
    field = next(s for s in state["services"] if s["id"] == "cu-tru-can-cuoc")
    assert field["issued"] == 200 and field["unavailable"] == "daily-limit-reached"
