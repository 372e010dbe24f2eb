"""Who may take a number now, and why not: one answer for the kiosk's tiles, the
snapshot and the issue path alike."""

from datetime import datetime

from protocol.centre import CentreConfig, ServiceConf
from protocol.errors import ErrorCode
from server.domain.clock import within_hours
from server.domain.numbering import scheme_of


def unavailable(
    cfg: CentreConfig, svc: ServiceConf, issued: int, now: datetime
) -> ErrorCode | None:
    """Why `svc` takes no ticket at `now` after `issued` tickets today, or None."""
    if svc.closed:
        return ErrorCode.SERVICE_CLOSED
    if cfg.enforce_hours and not within_hours(now, cfg.tz, _hours(cfg)):
        return ErrorCode.OUTSIDE_HOURS
    if svc.daily_limit is not None and issued >= svc.daily_limit:
        return ErrorCode.DAILY_LIMIT_REACHED
    capacity = scheme_of(svc.numbers).capacity
    if capacity is not None and issued >= capacity:
        return ErrorCode.DAILY_LIMIT_REACHED
    return None


def _hours(cfg: CentreConfig) -> dict:  # type: ignore[type-arg]
    cache = cfg.__dict__.get("_hours_cache")
    if cache is None:
        cache = cfg.hours_parsed()
        cfg.__dict__["_hours_cache"] = cache
    return cache
