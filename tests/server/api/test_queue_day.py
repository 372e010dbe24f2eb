"""A centre's day through the API (SQLite and PostgreSQL), with a fake clock."""

from datetime import timedelta

from tests.support.inproc import InProc


def seq(env: InProc) -> int:
    return env.api("GET", "/state", env.display_token).json()["seq"]


def test_full_lifecycle_through_counters(inproc_any: InProc) -> None:
    env = inproc_any
    a = env.issue("dat-dai")
    b = env.issue("dat-dai", priority="elderly")
    c = env.issue("dat-dai")
    assert [a["number"], b["number"], c["number"]] == ["1001", "1002", "1003"]
    assert env.counter(1, "open").json()["status"] == "open"
    # priority first (interleaving: up to 2 priority before a normal)
    r = env.counter(1, "call-next")
    assert r.json()["current"]["number"] == "1002"
    assert env.counter(1, "recall").json()["current"]["recall_count"] == 1
    assert env.counter(1, "start").json()["current"]["status"] == "serving"
    done = env.counter(1, "finish").json()
    assert done["current"] is None
    # a no-show, then the citizen comes back and is served first at this counter
    assert env.counter(1, "call-next").json()["current"]["number"] == "1001"
    early = env.counter(1, "no-show")  # the citizen may still be on the way
    assert early.status_code == 409 and early.json()["type"] == "no-show-too-early"
    env.counter(1, "recall")
    env.clock.advance(seconds=60)
    assert env.counter(1, "no-show").json()["current"] is None
    no_shows = env.api("GET", "/counters/1/no-shows", env.login("canbo1")).json()
    assert [t["number"] for t in no_shows] == ["1001"]
    assert env.api("GET", "/counters/8/no-shows", env.login("canbo8")).json() == []
    env.clock.advance(minutes=2)
    assert env.counter(1, "return", ticket_id=a["id"]).status_code == 200
    waiting = env.api("GET", "/counters/1/waiting", env.login("canbo1")).json()
    assert [t["number"] for t in waiting] == ["1001", "1003"]
    assert env.api("GET", "/counters/1/no-shows", env.login("canbo1")).json() == []
    assert env.counter(1, "call-next").json()["current"]["number"] == "1001"
    env.counter(1, "start")
    env.counter(1, "finish")
    # call a specific ticket; finished ones cannot be called again
    assert env.counter(1, "call", ticket_id=c["id"]).json()["current"]["number"] == "1003"
    env.counter(1, "start")
    env.counter(1, "finish")
    again = env.counter(1, "call", ticket_id=c["id"])
    assert again.status_code == 409 and again.json()["type"] == "ticket-not-waiting"
    assert env.counter(1, "call-next").json()["type"] == "queue-empty"
    stats = env.api("GET", "/counters/1/stats", env.login("canbo1")).json()
    assert stats["served"] == 3 and stats["no_shows"] == 0


def test_transfer_keeps_place_and_counter_transfer_goes_first(inproc_any: InProc) -> None:
    env = inproc_any
    old = env.issue("xay-dung")  # issued first
    env.clock.advance(minutes=5)
    newer = env.issue("dat-dai")
    env.counter(4, "open")
    assert env.counter(4, "call-next").json()["current"]["id"] == old["id"]
    # transfer from Xây dựng to Đất đai: it keeps its place (older than `newer`)
    r = env.counter(4, "transfer", service_id="dat-dai")
    assert r.status_code == 200 and r.json()["current"] is None
    env.counter(1, "open")
    first = env.counter(1, "call-next").json()["current"]
    assert first["id"] == old["id"] and first["number"] == old["number"]
    # now to a specific counter: it goes before everyone waiting there
    env.counter(1, "start")
    env.counter(2, "open")
    env.issue("dat-dai")
    assert env.counter(1, "transfer", to_counter_id=2).status_code == 200
    assert env.counter(2, "call-next").json()["current"]["id"] == old["id"]
    # counter 1 does not get it
    assert env.counter(1, "call-next").json()["current"]["id"] == newer["id"]


def test_pause_resume_close_and_rules(inproc_any: InProc) -> None:
    env = inproc_any
    env.issue("tu-phap")
    env.counter(8, "open")
    p = env.counter(8, "pause", reason="Họp")
    assert p.json()["status"] == "paused" and p.json()["pause_reason"] == "Họp"
    r = env.counter(8, "call-next")
    assert r.status_code == 409 and r.json()["type"] == "counter-paused"
    assert r.json()["title"] == "Quầy đang tạm nghỉ"
    assert env.counter(8, "resume").json()["status"] == "open"
    env.counter(8, "call-next")
    busy = env.counter(8, "close")
    assert busy.status_code == 409 and busy.json()["type"] == "counter-busy"
    # a clerk cannot act at another clerk's counter; a supervisor can
    other = env.counter(8, "recall", clerk="canbo9")
    assert other.status_code == 403 and other.json()["type"] == "not-your-counter"
    assert env.counter(8, "recall", clerk="giamsat").status_code == 200
    env.counter(8, "no-show", clerk="giamsat")  # a supervisor need not wait
    assert env.counter(8, "close").json()["status"] == "closed"
    assert env.counter(8, "call-next").json()["type"] == "counter-closed"


def test_day_rollover_cancels_waiting_and_restarts_numbers(inproc_any: InProc) -> None:
    env = inproc_any
    for _ in range(3):
        env.issue("tu-phap")
    env.counter(8, "open")
    env.counter(8, "call-next")
    env.counter(8, "start")
    before = seq(env)
    env.clock.advance(hours=16)  # 01:00 next day in Hà Nội
    fresh = env.issue("tu-phap")
    assert fresh["number"] == "4001"
    state = env.api("GET", "/state", env.display_token).json()
    assert [t["number"] for t in state["waiting"]] == ["4001"]
    assert state["seq"] > before
    # the serving ticket was not cancelled: the clerk still finishes it
    assert env.counter(8, "finish").status_code == 200


def test_idempotent_issue_and_positions(inproc_any: InProc) -> None:
    env = inproc_any
    h = {"Idempotency-Key": "kiosk-1-000042"}
    r1 = env.api("POST", "/tickets", env.kiosk_token, json={"service_id": "y-te"}, headers=h)
    r2 = env.api("POST", "/tickets", env.kiosk_token, json={"service_id": "y-te"}, headers=h)
    assert r1.status_code == r2.status_code == 201
    assert r1.json()["id"] == r2.json()["id"] and r2.headers["Idempotent-Replayed"] == "true"
    other = env.api("POST", "/tickets", env.kiosk_token, json={"service_id": "tu-phap"}, headers=h)
    assert other.status_code == 409 and other.json()["type"] == "idempotency-conflict"
    second = env.issue("y-te")
    assert second["position"] == 2 and second["ahead"] == 1
    # one counter open with the default 420 s service time: about 7 minutes
    env.counter(15, "open")
    third = env.issue("y-te")
    assert third["ahead"] == 2 and third["estimated_wait_s"] == 2 * 420
    track = env.client.get(f"/api/v1/public/tickets/{third['tracking_code']}").json()
    assert track["number"] == third["number"] and track["ahead"] == 2
    assert third["tracking_url"] == f"http://queue.test/t/{third['tracking_code']}"
    page = env.client.get(f"/t/{third['tracking_code']}")
    assert page.status_code == 200 and third["tracking_code"] in page.text


def test_appointment_check_in_goes_before_walk_ins(inproc_any: InProc) -> None:
    env = inproc_any
    sup = env.login("giamsat")
    slot = env.clock.now() + timedelta(minutes=10)
    appt = env.api(
        "POST",
        "/appointments",
        sup,
        json={"service_id": "cu-tru-can-cuoc", "slot_start": slot.isoformat()},
    )
    assert appt.status_code == 201, appt.text
    code = appt.json()["code"]
    walk_in = env.issue("cu-tru-can-cuoc")
    t = env.api("POST", "/tickets", env.kiosk_token, json={"appointment_code": code.lower()})
    assert t.status_code == 201 and t.json()["appointment_code"] == code
    used = env.api("POST", "/tickets", env.kiosk_token, json={"appointment_code": code})
    assert used.json()["type"] == "appointment-used"
    bad = env.api("POST", "/tickets", env.kiosk_token, json={"appointment_code": "NOPE99"})
    assert bad.status_code == 422 and bad.json()["type"] == "appointment-invalid"
    env.counter(20, "open")
    # before its slot the appointment waits like anyone: the walk-in came first
    assert env.counter(20, "call-next").json()["current"]["id"] == walk_in["id"]
    env.counter(20, "no-show", clerk="giamsat")
    env.issue("cu-tru-can-cuoc")
    env.clock.advance(minutes=11)
    assert env.counter(20, "call-next").json()["current"]["id"] == t.json()["id"]
