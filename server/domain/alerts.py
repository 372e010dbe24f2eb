"""Which alerts hold now for one hall (live supervision), and what changed since the hall's
own list: pure, no I/O; the caller passes the devices and the time.

Kinds (protocol.admin.AlertKind), each measured against the centre's `alerts` limits:
- long-wait: a waiting citizen past the field's limit (`CentreConfig.alert_wait_min`),
  counted from when they joined the line (`queue_at`, kept through transfers);
- long-pause: a counter paused for `pause_min` or longer;
- idle-counter: a counter open with nobody at it for `idle_min` while a citizen it would
  call waits, counted from the later of when it became free (`since`) and when that
  citizen joined the line;
- printer: an active kiosk's printer reports a problem;
- device-offline: an active kiosk or display not seen for `device_offline_s`, only while
  the centre is open (a TV switched off at night is no alarm). A device never seen has
  not been installed yet: no alarm either.

Each occurrence has its own stable id ("long-pause:5:20261123T021500Z"); a condition that
comes back after it ended is a new occurrence ("long-wait:1234:2").
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from protocol.admin import AlertKind, AlertPublic
from protocol.enums import CounterStatus, Role, TicketStatus
from server.domain.alert_texts import (
    idle_text,
    offline_text,
    pause_text,
    printer_text,
    wait_text,
)
from server.domain.clock import business_day, within_hours
from server.domain.hall import Hall

K = AlertKind
WATCHED = frozenset({Role.KIOSK, Role.DISPLAY})  # devices whose silence is an alarm


@dataclass(frozen=True)
class DeviceSeen:
    """A device as the alerts need it (the store's row, read in the same transaction)."""

    name: str
    role: Role
    last_seen: datetime | None = None
    printer_error: str | None = None
    printer_error_at: datetime | None = None
    active: bool = True


@dataclass(frozen=True)
class AlertChanges:
    raised: list[AlertPublic]
    cleared: list[AlertPublic]


def holding(hall: Hall, devices: Iterable[DeviceSeen], now: datetime) -> list[AlertPublic]:
    """Every alert whose condition holds at `now` (ids of a first occurrence)."""
    devices = list(devices)
    return [
        *_long_waits(hall, now),
        *_counters(hall, now),
        *_printers(hall, devices),
        *_offline(hall, devices, now),
    ]


def changes(today: dict[str, AlertPublic], now: list[AlertPublic]) -> AlertChanges:
    """What to raise (conditions no active alert covers) and to clear (active alerts whose
    condition ended), given the hall's alerts of today."""
    active = {_subject(a): a for a in today.values() if a.active}
    holding_now = {_subject(a) for a in now}
    raised = []
    for a in now:
        if _subject(a) not in active:
            raised.append(a.model_copy(update={"id": _fresh_id(a.id, today)}))
    cleared = [
        a.model_copy(update={"active": False})
        for key, a in active.items()
        if key not in holding_now
    ]
    return AlertChanges(raised, cleared)


def _subject(a: AlertPublic) -> tuple[object, ...]:
    """What one condition is about: the same subject since the same moment."""
    return (a.kind, a.ticket_id, a.counter, a.device, a.since)


def _fresh_id(base: str, today: dict[str, AlertPublic]) -> str:
    if base not in today:
        return base
    n = 2
    while f"{base}:{n}" in today:
        n += 1
    return f"{base}:{n}"


def stamp(at: datetime) -> str:
    """A moment as it appears in an id: 20261123T021500Z."""
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _minutes(d: timedelta) -> int:
    return int(d.total_seconds() // 60)


# -- the conditions ------------------------------------------------------------------
def _long_waits(hall: Hall, now: datetime) -> Iterator[AlertPublic]:
    cfg = hall.cfg
    for t in hall.tickets.values():
        if t.status != TicketStatus.WAITING:
            continue
        waited = now - t.queue_at
        if waited < timedelta(minutes=cfg.alert_wait_min(t.service_id)):
            continue
        svc = cfg.service(t.service_id)
        name = svc.name if svc else t.service_id
        name_en = (svc.name_en or svc.name) if svc else t.service_id
        vi, en = wait_text(t.number, name, name_en, _minutes(waited))
        yield AlertPublic(
            id=f"{K.LONG_WAIT}:{t.id}",
            kind=K.LONG_WAIT,
            site=hall.site,
            since=t.queue_at,
            text=vi,
            text_en=en,
            ticket_id=t.id,
            number=t.number,
            service_id=t.service_id,
        )


def _counters(hall: Hall, now: datetime) -> Iterator[AlertPublic]:
    limits = hall.cfg.alerts
    for c in hall.counters.values():
        if c.status == CounterStatus.PAUSED and c.since is not None:
            paused = now - c.since
            if paused >= timedelta(minutes=limits.pause_min):
                vi, en = pause_text(c.id, c.name, _minutes(paused), c.pause_reason)
                yield _counter_alert(hall, K.LONG_PAUSE, c.id, c.since, vi, en)
        elif c.status == CounterStatus.OPEN and hall.current(c) is None:
            nxt = hall.lines.next_for(hall.policy(c), now)
            if nxt is None:
                continue
            free_since = c.since or nxt.queue_at
            idle = now - max(free_since, nxt.queue_at)
            if idle >= timedelta(minutes=limits.idle_min):
                waiting = sum(hall.lines.waiting(sid) for sid in c.weights)
                vi, en = idle_text(c.id, c.name, _minutes(now - free_since), waiting)
                yield _counter_alert(hall, K.IDLE_COUNTER, c.id, free_since, vi, en)


def _counter_alert(
    hall: Hall, kind: AlertKind, counter: int, since: datetime, vi: str, en: str
) -> AlertPublic:
    return AlertPublic(
        id=f"{kind}:{counter}:{stamp(since)}",
        kind=kind,
        site=hall.site,
        since=since,
        text=vi,
        text_en=en,
        counter=counter,
    )


def _printers(hall: Hall, devices: list[DeviceSeen]) -> Iterator[AlertPublic]:
    for d in devices:
        if not d.active or d.role != Role.KIOSK or not d.printer_error:
            continue
        since = d.printer_error_at or _day_start(hall)
        vi, en = printer_text(d.name, d.printer_error)
        yield AlertPublic(
            id=f"{K.PRINTER}:{d.name}:{stamp(since)}",
            kind=K.PRINTER,
            site=hall.site,
            since=since,
            text=vi,
            text_en=en,
            device=d.name,
        )


def _offline(hall: Hall, devices: list[DeviceSeen], now: datetime) -> Iterator[AlertPublic]:
    if not open_now(hall, now):
        return
    limit = timedelta(seconds=hall.cfg.alerts.device_offline_s)
    for d in devices:
        if not d.active or d.role not in WATCHED or d.last_seen is None:
            continue
        silent = now - d.last_seen
        if silent < limit:
            continue
        vi, en = offline_text(d.name, d.role, int(silent.total_seconds()))
        yield AlertPublic(
            id=f"{K.DEVICE_OFFLINE}:{d.name}:{stamp(d.last_seen)}",
            kind=K.DEVICE_OFFLINE,
            site=hall.site,
            since=d.last_seen,
            text=vi,
            text_en=en,
            device=d.name,
        )


def open_now(hall: Hall, now: datetime) -> bool:
    """The centre is open at `now`: within today's hours, and today is no closed day."""
    cfg = hall.cfg
    if business_day(now, cfg.tz) in cfg.closed_days:
        return False
    return within_hours(now, cfg.tz, cfg.hours_parsed())


def _day_start(hall: Hall) -> datetime:
    return datetime.combine(hall.day, datetime.min.time(), hall.cfg.tz)
