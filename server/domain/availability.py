"""Who may take a number now, and why not: one answer for the kiosk's tiles, the
snapshot and the issue path alike."""

from datetime import date, datetime

from protocol.centre import CentreConfig, ServiceConf
from protocol.errors import ErrorCode
from server.domain.clock import business_day, within_hours
from server.domain.numbering import scheme_of


def unavailable(
    cfg: CentreConfig, svc: ServiceConf, issued: int, now: datetime
) -> ErrorCode | None:
    """Why `svc` takes no ticket at `now` after `issued` tickets today, or None."""
    if svc.closed:
        return ErrorCode.SERVICE_CLOSED
    if cfg.enforce_hours and not open_at(cfg, now):
        return ErrorCode.OUTSIDE_HOURS
    if svc.daily_limit is not None and issued >= svc.daily_limit:
        return ErrorCode.DAILY_LIMIT_REACHED
    capacity = scheme_of(svc.numbers).capacity
    if capacity is not None and issued >= capacity:
        return ErrorCode.DAILY_LIMIT_REACHED
    return None


def open_at(cfg: CentreConfig, now: datetime) -> bool:
    """The centre's calendar: open in its weekday's hours, except on its closed days
    (public holidays), whatever the hours say."""
    if business_day(now, cfg.tz) in _closed_days(cfg):
        return False
    return within_hours(now, cfg.tz, _hours(cfg))


def _hours(cfg: CentreConfig) -> dict:  # type: ignore[type-arg]
    cache = cfg.__dict__.get("_hours_cache")
    if cache is None:
        cache = cfg.hours_parsed()
        cfg.__dict__["_hours_cache"] = cache
    return cache


def _closed_days(cfg: CentreConfig) -> frozenset[date]:
    cache = cfg.__dict__.get("_closed_cache")
    if cache is None:
        cache = frozenset(cfg.closed_days)
        cfg.__dict__["_closed_cache"] = cache
    return cache  # type: ignore[no-any-return]
