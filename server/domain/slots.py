"""Booked times: a field's slots on a day, whether a slot may be booked now, and whether
a citizen checking in at the kiosk is in time for theirs."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from protocol.centre import WEEKDAYS, CentreConfig, ServiceConf
from protocol.errors import ErrorCode
from server.domain.clock import business_day
from server.domain.errors import DomainError


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, the centre's time zone
    end: datetime


def day_slots(cfg: CentreConfig, svc: ServiceConf, day: date) -> list[Slot]:
    """The slots of `svc` on `day`: `length_min` each from opening until closing, none on
    a day the centre or the field is closed."""
    if day in cfg.closed_days or day in svc.slots.closed_days:
        return []
    span = cfg.hours_parsed().get(WEEKDAYS[day.weekday()])
    if span is None:
        return []
    opens = datetime.combine(day, span[0], cfg.tz)
    closes = datetime.combine(day, span[1], cfg.tz)
    step = timedelta(minutes=svc.slots.length_min)
    out, at = [], opens
    while at + step <= closes:
        out.append(Slot(at, at + step))
        at += step
    return out


def booking_offered(svc: ServiceConf) -> bool:
    """Whether citizens may book times for this field at all."""
    return svc.slots.enabled and not svc.closed


def day_refusal(cfg: CentreConfig, svc: ServiceConf, day: date, now: datetime) -> ErrorCode | None:
    """Why no slot of `svc` on `day` may be booked at `now` (None: its slots are listed)."""
    if not booking_offered(svc):
        return ErrorCode.BOOKING_NOT_OFFERED
    today = business_day(now, cfg.tz)
    if not today <= day <= today + timedelta(days=svc.slots.days_ahead):
        return ErrorCode.SLOT_UNAVAILABLE
    return None


def bookable_slot(cfg: CentreConfig, svc: ServiceConf, start: datetime, now: datetime) -> Slot:
    """The slot beginning at `start` when it may be booked at `now` (places aside);
    raises the reason when not."""
    day = business_day(start, cfg.tz)
    why = day_refusal(cfg, svc, day, now)
    if why is not None:
        raise DomainError(why, day.isoformat())
    slot = next((s for s in day_slots(cfg, svc, day) if s.start == start), None)
    if slot is None:
        raise DomainError(ErrorCode.SLOT_UNAVAILABLE, "not a slot of this field")
    if slot.start <= now:
        raise DomainError(ErrorCode.SLOT_UNAVAILABLE, "the slot has begun")
    return slot


class Arrival(StrEnum):
    EARLY = "early"  # before the slot: checked in, called from the slot's start
    ON_TIME = "on-time"
    LATE = "late"  # past the tolerance: a normal number


def arrival(slot_start: datetime, tolerance_min: int, now: datetime) -> Arrival:
    if now > slot_start + timedelta(minutes=tolerance_min):
        return Arrival.LATE
    return Arrival.EARLY if now < slot_start else Arrival.ON_TIME


def late_notice(tolerance_min: int) -> str:
    return f"Quý khách đến trễ quá {tolerance_min} phút so với giờ hẹn nên được cấp số thường"


def early_notice(slot_start: datetime, cfg: CentreConfig) -> str:
    at = slot_start.astimezone(cfg.tz).strftime("%H:%M")
    return f"Quý khách đến sớm: số của quý khách được ưu tiên gọi từ {at} (giờ hẹn)"
