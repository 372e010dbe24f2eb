"""The centre's time, as every app shows it: the centre's time zone (`Catalog.timezone`),
never the PC's. A kiosk or TV whose PC is set to UTC, or a counter PC in another zone,
still shows the hall's clock.

`ServerLink` sets the zone when the catalog arrives (`use_zone`); an app formats with
`hhmm(at)` or asks `now()`. Before any catalog: Vietnam's zone (every centre today)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"
_zone: tzinfo = ZoneInfo(DEFAULT_ZONE)


def zone_of(name: str | tzinfo | None) -> tzinfo:
    """A zone by name (an unknown or empty name falls back to the centre's default)."""
    if isinstance(name, tzinfo):
        return name
    try:
        return ZoneInfo(name) if name else ZoneInfo(DEFAULT_ZONE)
    except (ValueError, KeyError):
        return ZoneInfo(DEFAULT_ZONE)


def use_zone(name: str | tzinfo | None) -> None:
    """The centre's zone from now on (the catalog's `timezone`)."""
    global _zone
    _zone = zone_of(name)


def zone() -> tzinfo:
    return _zone


def now(name: str | tzinfo | None = None) -> datetime:
    """Now in the centre's zone (or in `name`'s)."""
    return datetime.now(_zone if name is None else zone_of(name))


def local(at: datetime, name: str | tzinfo | None = None) -> datetime:
    """A server timestamp (aware; naive means UTC) in the centre's zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(_zone if name is None else zone_of(name))


def hhmm(at: datetime | None, name: str | tzinfo | None = None, empty: str = "–") -> str:
    """ "09:05" in the centre's zone; `empty` when there is no time."""
    return local(at, name).strftime("%H:%M") if at is not None else empty
