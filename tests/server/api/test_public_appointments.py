"""Booking a slot from a phone (SQLite and PostgreSQL): places left, a full slot, cancel,
and the check-in at the kiosk within and past the slot's tolerance."""

from datetime import datetime, timedelta

from sqlalchemy import select

from server.store.tables import Contact
from tests.server.api.phones_support import FIELD, OTHER, book, configure, problem, slots
from tests.support.inproc import InProc


def _day(env: InProc, days: int) -> str:
    from zoneinfo import ZoneInfo

    return (
        (env.clock.now().astimezone(ZoneInfo("Asia/Ho_Chi_Minh")) + timedelta(days=days))
        .date()
        .isoformat()
    )


def test_slots_fill_up_and_a_cancel_frees_a_place(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env)
    day = slots(env, _day(env, 1))
    assert day["open"] is True and len(day["slots"]) == 20  # 07:00–17:00 by 30 min
    first = day["slots"][0]
    assert first["start"].endswith("07:00:00+07:00") and first["left"] == 2
    a = book(env, first["start"])
    assert a.status_code == 201, a.text
    code = a.json()["code"]
    assert a.json()["qr_text"] == code and a.json()["qr_url"].endswith(f"/{code}/qr.svg")
    assert book(env, first["start"], phone="0912345678", consent=True).status_code == 201
    problem(book(env, first["start"]), 409, "slot-full")
    assert slots(env, _day(env, 1))["slots"][0] == {**first, "left": 0, "bookable": False}
    qr = env.client.get(f"/api/v1/public/appointments/{code}/qr.svg")
    assert qr.status_code == 200 and qr.headers["content-type"] == "image/svg+xml"
    assert env.api("DELETE", f"/public/appointments/{code}").json() == {
        "code": code,
        "cancelled": True,
    }
    problem(env.api("DELETE", f"/public/appointments/{code}"), 404, "unknown-appointment")
    assert slots(env, _day(env, 1))["slots"][0]["left"] == 1
    assert book(env, first["start"]).status_code == 201


def test_booking_refusals(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env, slots={"days_ahead": 3})
    start = slots(env, _day(env, 1))["slots"][0]["start"]
    problem(book(env, start, OTHER), 409, "booking-not-offered")
    assert slots(env, _day(env, 1), OTHER)["why_not"] == "booking-not-offered"
    far = slots(env, _day(env, 5))
    assert far["open"] is False and far["why_not"] == "slot-unavailable" and far["slots"] == []
    problem(book(env, start.replace(":00:00+", ":10:00+")), 409, "slot-unavailable")
    today = slots(env, _day(env, 0))["slots"]
    past = next(s for s in today if not s["bookable"])  # 07:00, before the clock's 09:00
    problem(book(env, past["start"]), 409, "slot-unavailable")
    problem(book(env, start, phone="0912345678"), 409, "consent-required")
    with env.ctx.db.reader.connect() as conn:
        assert conn.execute(select(Contact)).all() == []


def _checkin(env: InProc, code: str):  # type: ignore[no-untyped-def]
    return env.api("POST", "/tickets", env.kiosk_token, json={"appointment_code": code})


def test_kiosk_check_in_within_and_past_tolerance(inproc_any: InProc) -> None:
    env = inproc_any
    configure(env, slots={"tolerance_min": 15})
    today = slots(env, _day(env, 0))["slots"]
    at_930 = next(s for s in today if "T09:30" in s["start"])
    at_1000 = next(s for s in today if "T10:00" in s["start"])
    early = book(env, at_930["start"]).json()["code"]
    late = book(env, at_1000["start"]).json()["code"]
    on_time = book(env, at_1000["start"]).json()["code"]
    # 09:00: half an hour early: checked in, called from 09:30
    t = _checkin(env, early).json()
    assert t["appointment_code"] == early and "09:30" in t["notice"]
    env.clock.set(datetime.fromisoformat(at_1000["start"]) + timedelta(minutes=15))
    t = _checkin(env, on_time.lower()).json()
    assert t["appointment_code"] == on_time and t["notice"] is None
    env.clock.advance(seconds=1)
    t = _checkin(env, late).json()
    assert t["appointment_code"] is None and t["service_id"] == FIELD
    assert t["notice"] == "Quý khách đến trễ quá 15 phút so với giờ hẹn nên được cấp số thường"
    problem(_checkin(env, late), 409, "appointment-used")
    problem(env.api("DELETE", f"/public/appointments/{late}"), 409, "appointment-used")
    got = env.api("GET", f"/public/appointments/{late}").json()
    assert got["checked_in"] is True
