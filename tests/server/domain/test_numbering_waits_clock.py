from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from protocol.errors import ErrorCode
from server.domain.clock import FakeClock, business_day, within_hours
from server.domain.errors import DomainError
from server.domain.model import Ticket
from server.domain.numbering import NumberScheme
from server.domain.queues import Lines
from server.domain.waits import estimate_wait_s, moving_average
from tests.server.domain.factories import cand

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_numeric_block() -> None:
    s = NumberScheme(1001, 1999)
    assert [s.text(s.nth(n)) for n in (1, 2, 999)] == ["1001", "1002", "1999"]
    with pytest.raises(DomainError) as e:
        s.nth(1000)
    assert e.value.code == ErrorCode.DAILY_LIMIT_REACHED


def test_prefix_padded() -> None:
    s = NumberScheme(1, None, "A", 3)
    assert s.text(s.nth(5)) == "A005"
    assert s.text(s.nth(1234)) == "A1234"


def test_business_day_turns_at_local_midnight() -> None:
    clock = FakeClock(datetime(2026, 11, 22, 23, 59, tzinfo=HCM))
    assert business_day(clock.now(), HCM).isoformat() == "2026-11-22"
    clock.advance(minutes=2)
    assert business_day(clock.now(), HCM).isoformat() == "2026-11-23"
    # 17:00 UTC is already tomorrow in Hà Nội
    assert business_day(datetime(2026, 11, 22, 17, 30, tzinfo=UTC), HCM).isoformat() == "2026-11-23"


def test_hours() -> None:
    hours = {"mon": (time(7), time(17)), "sat": (time(7, 30), time(11, 30))}
    monday_8 = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)
    assert within_hours(monday_8, HCM, hours)
    assert not within_hours(monday_8.replace(hour=17), HCM, hours)
    assert not within_hours(monday_8 + timedelta(days=1), HCM, hours)  # tuesday not listed
    assert within_hours(datetime(2026, 11, 28, 11, 0, tzinfo=HCM), HCM, hours)


T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def c(i: int, prio: str | None = None, minute: int | None = None) -> Ticket:
    return cand(i, "a", minute if minute is not None else i, priority=prio)


def test_people_ahead_normal_counts_interleaved_priority() -> None:
    queue = [c(1), c(2), c(3), c(10, "elderly"), c(11, "elderly"), c(12, "elderly")]
    lines = Lines()
    for t in queue:
        lines.add(t)
    now = T0 + timedelta(hours=1)
    # ticket 3 has two normal ahead; priority overtakes at most 2 per normal call: 3 of them.
    assert lines.ahead(queue[2], 2, now) == 2 + 3
    assert lines.ahead(queue[0], 2, now) == 0 + 2
    # a priority ticket has only the older priority tickets (and interleaved normals) ahead
    assert lines.ahead(queue[5], 2, now) == 2 + 1


def test_wait_estimate_formula() -> None:
    assert estimate_wait_s(6, 300, 2) == 900
    assert estimate_wait_s(6, 300, 0) == 1800  # no open counter: count one, not divide by 0
    assert moving_average([], 420) == 420
    assert moving_average([100, 200, 300], 420) == 200
    assert moving_average(list(range(1, 101)), 420) == sum(range(81, 101)) / 20
