"""Time is injected: the server uses SystemClock, tests a FakeClock that can cross midnight."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from protocol.centre import WEEKDAYS


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, **kwargs: float) -> datetime:
        self._now += timedelta(**kwargs)
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)


def business_day(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def within_hours(now: datetime, tz: ZoneInfo, hours: dict[str, tuple[time, time]]) -> bool:
    """True when `now` falls in the opening hours of its weekday in the centre's zone."""
    local = now.astimezone(tz)
    span = hours.get(WEEKDAYS[local.weekday()])
    if span is None:
        return False
    opens, closes = span
    return opens <= local.time() < closes
