"""A field's slots on a day, which may be booked now, and a check-in's timing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.domain.errors import DomainError
from server.domain.slots import Arrival, arrival, bookable_slot, day_refusal, day_slots

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
THU = date(2026, 9, 3)
NOW = datetime(2026, 9, 3, 9, 10, tzinfo=HCM)


def centre(**slots: object) -> CentreConfig:
    return CentreConfig.model_validate(
        {
            "site": "s",
            "name": "T",
            "hours": {"thu": ["07:30", "11:30"], "fri": ["07:30", "11:30"]},
            "closed_days": ["2026-09-10"],
            "services": [
                {"id": "a", "name": "A", "slots": {"enabled": True, "length_min": 45, **slots}}
            ],
            "counters": [{"id": 1, "services": ["a"]}],
        }
    )


def test_slots_run_from_opening_while_a_whole_one_fits() -> None:
    cfg = centre()
    got = day_slots(cfg, cfg.services[0], THU)
    assert [s.start.strftime("%H:%M") for s in got] == ["07:30", "08:15", "09:00", "09:45", "10:30"]
    assert got[-1].end.strftime("%H:%M") == "11:15"
    assert day_slots(cfg, cfg.services[0], date(2026, 9, 10)) == []  # the centre's closed day
    assert day_slots(cfg, cfg.services[0], date(2026, 9, 6)) == []  # Sunday: no hours
    field_closed = centre(closed_days=["2026-09-04"])
    assert day_slots(field_closed, field_closed.services[0], date(2026, 9, 4)) == []


def test_which_days_and_slots_may_be_booked() -> None:
    cfg = centre(days_ahead=7)
    svc = cfg.services[0]
    assert day_refusal(cfg, svc, THU, NOW) is None
    assert day_refusal(cfg, svc, THU - timedelta(days=1), NOW) == ErrorCode.SLOT_UNAVAILABLE
    assert day_refusal(cfg, svc, THU + timedelta(days=8), NOW) == ErrorCode.SLOT_UNAVAILABLE
    off = centre(enabled=False)
    assert day_refusal(off, off.services[0], THU, NOW) == ErrorCode.BOOKING_NOT_OFFERED
    ok = bookable_slot(cfg, svc, datetime(2026, 9, 3, 9, 45, tzinfo=HCM), NOW)
    assert ok.end == datetime(2026, 9, 3, 10, 30, tzinfo=HCM)
    for start in (datetime(2026, 9, 3, 9, 0, tzinfo=HCM), datetime(2026, 9, 3, 9, 50, tzinfo=HCM)):
        with pytest.raises(DomainError) as e:  # begun already; not a slot's start
            bookable_slot(cfg, svc, start, NOW)
        assert e.value.code == ErrorCode.SLOT_UNAVAILABLE


def test_a_check_in_is_early_on_time_or_late_by_the_tolerance() -> None:
    slot = datetime(2026, 9, 3, 9, 45, tzinfo=HCM)
    assert arrival(slot, 15, slot - timedelta(minutes=1)) == Arrival.EARLY
    assert arrival(slot, 15, slot + timedelta(minutes=15)) == Arrival.ON_TIME
    assert arrival(slot, 15, slot + timedelta(minutes=15, seconds=1)) == Arrival.LATE
    assert arrival(slot, 0, slot + timedelta(seconds=1)) == Arrival.LATE
