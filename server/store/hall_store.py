"""The hall's persistence, read side: load a day's hall from the tables and read the log
to catch up (the writes are in hall_writes.py). SQL here selects; it decides nothing."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from protocol.centre import CentreConfig
from protocol.enums import CounterStatus, TicketStatus
from protocol.events import DATA_MODELS, Event, EventType, TicketMovedData
from protocol.snapshot import RecentCall
from server.domain.hall import RECENT_CALLS, Hall
from server.domain.model import Ticket
from server.store.convert import aware, utc
from server.store.hall_writes import Head
from server.store.tables import Counter, User
from server.store.tables import Event as EventRow
from server.store.tables import Ticket as TicketRow

S = TicketStatus
T = TicketRow


# -- loading a hall ------------------------------------------------------------------
def ticket_of(r: Any) -> Ticket:
    return Ticket(
        id=r.id,
        number=r.number_text,
        issued_service_id=r.issued_service_id,
        service_id=r.service_id,
        status=S(r.status),
        queue_at=aware(r.queue_at),  # type: ignore[arg-type]
        issued_at=aware(r.issued_at),  # type: ignore[arg-type]
        procedure_id=r.procedure_id,
        priority=r.priority,
        appointment_code=r.appointment_code,
        appointment_slot=aware(r.appointment_slot),
        counter_id=r.counter_id,
        to_counter_id=r.to_counter_id,
        clerk_user_id=r.clerk_user_id,
        called_at=aware(r.called_at),
        started_at=aware(r.started_at),
        finished_at=aware(r.finished_at),
        recall_count=r.recall_count,
    )


def load_hall(conn: Connection, site: str, h: Head, cfg: CentreConfig, now: datetime) -> Hall:
    """The hall at `h.seq`, from the tables (read inside the caller's transaction)."""
    hall = Hall(site, h.epoch, h.seq, h.business_day, cfg, h.config_version)
    rows = {r.id: r for r in conn.execute(select(Counter).where(Counter.site == site))}
    names = {
        u.id: (u.full_name or u.username)
        for u in conn.execute(
            select(User.id, User.full_name, User.username).where(User.site == site)
        )
    }
    current = [r.current_ticket_id for r in rows.values() if r.current_ticket_id]
    live = [s.value for s in (S.WAITING, S.CALLED, S.SERVING, S.NO_SHOW)]
    today = T.site == site, T.day == h.business_day
    tickets = conn.execute(select(T).where(*today, T.status.in_(live))).all()
    if current:
        tickets += conn.execute(
            select(T).where(T.id.in_(current), T.status.in_(live), T.day != h.business_day)
        ).all()
    for r in sorted(tickets, key=lambda r: (aware(r.queue_at), r.id)):
        hall._put(ticket_of(r))
    for c in hall.counters.values():
        r = rows.get(c.id)
        if r is None:
            continue
        c.status = CounterStatus(r.status)
        c.clerk_user_id, c.clerk = r.clerk_user_id, names.get(r.clerk_user_id or 0)
        c.current_ticket_id = r.current_ticket_id if r.current_ticket_id in hall.tickets else None
        c.pause_reason, c.since, c.priority_streak = (
            r.pause_reason,
            aware(r.since),
            r.priority_streak,
        )
    for sid, n in conn.execute(_ISSUED, {"site": site, "day": h.business_day}).all():
        hall.issued[sid] = n
    done = conn.execute(
        select(T.service_id, T.started_at, T.finished_at)
        .where(*today, T.status == S.DONE.value)
        .order_by(T.finished_at)
    ).all()
    for sid, started, finished in done:
        if started and finished:
            hall.durations[sid].append((aware(finished) - aware(started)).total_seconds())  # type: ignore[operator]
    since = utc(now) - _kiosk_window(cfg)
    for device, at in conn.execute(
        select(T.device_id, T.issued_at)
        .where(*today, T.device_id.is_not(None), T.issued_at > since)
        .order_by(T.issued_at)
    ).all():
        hall.kiosk_issues[device].append(aware(at))  # type: ignore[arg-type]
    calls = conn.execute(
        select(EventRow)
        .where(
            EventRow.site == site,
            EventRow.type.in_([EventType.TICKET_CALLED.value, EventType.TICKET_RECALLED.value]),
            EventRow.seq <= h.seq,
        )
        .order_by(EventRow.seq.desc())
        .limit(RECENT_CALLS)
    ).all()
    for e in reversed(calls):
        call = _call_of(e, cfg, h.business_day)
        if call is not None:
            hall.recent_calls.appendleft(call)
    _load_last_called(conn, hall, cfg, h)
    _load_from_log(conn, hall, h)
    return hall


_ALERTS = [EventType.ALERT_RAISED, EventType.ALERT_CLEARED, EventType.ALERT_ACKED]
# What takes a ticket out of the front of its line after a move (or out of waiting).
_UNMOVING = [
    EventType.TICKET_CALLED,
    EventType.TICKET_TRANSFERRED,
    EventType.TICKET_CANCELLED,
    EventType.TICKET_RETURNED,
]


def _load_from_log(conn: Connection, hall: Hall, h: Head) -> None:
    """What only the log keeps, since the latest day close: today's alerts, and the
    tickets a supervisor moved to the front that nothing has moved since."""
    site = EventRow.site == hall.site
    closed = conn.execute(
        select(func.max(EventRow.seq)).where(
            site, EventRow.type == EventType.DAY_CLOSED.value, EventRow.seq <= h.seq
        )
    ).scalar_one_or_none()
    kinds = [t.value for t in (*_ALERTS, EventType.TICKET_MOVED)]
    rows = conn.execute(
        select(EventRow.seq, EventRow.at, EventRow.type, EventRow.data)
        .where(site, EventRow.type.in_(kinds), EventRow.seq > (closed or 0))
        .where(EventRow.seq <= h.seq)
        .order_by(EventRow.seq)
    ).all()
    moves: dict[int, tuple[int, Any]] = {}  # ticket id -> (seq, at) of its latest move
    for seq, at, type_, data in rows:
        if type_ == EventType.TICKET_MOVED.value:
            tid = int(data["ticket"]["id"])
            moves.pop(tid, None)
            moves[tid] = (seq, (aware(at), data["reason"]))
        else:
            kind = EventType(type_)
            hall.apply(kind, DATA_MODELS[kind].model_validate(data), aware(at))  # type: ignore[arg-type]
    if not moves:
        return
    first = min(seq for seq, _ in moves.values())
    ticket_id = EventRow.data["ticket"]["id"].as_integer()
    for tid, seq in conn.execute(
        select(ticket_id, EventRow.seq).where(
            site,
            EventRow.type.in_([t.value for t in _UNMOVING]),
            EventRow.seq > first,
            EventRow.seq <= h.seq,
            ticket_id.in_(list(moves)),
        )
    ).all():
        if tid in moves and seq > moves[tid][0]:
            del moves[tid]  # called, sent on or cancelled after it was moved
    for tid, (_, (at, reason)) in moves.items():  # in the order they were moved
        t = hall.tickets.get(tid)
        if t is not None and t.status == S.WAITING:
            moved = TicketMovedData(ticket=t.public(), reason=reason)
            hall.apply(EventType.TICKET_MOVED, moved, at)


def _call_of(e: Any, cfg: CentreConfig, day: Any) -> RecentCall | None:
    """A call event of the business day `day` as the hall keeps it, else None."""
    at = aware(e.at)
    if at is None or at.astimezone(cfg.tz).date() != day:
        return None
    t, c = e.data.get("ticket", {}), e.data.get("counter", {})
    return RecentCall(
        ticket_id=t.get("id", 0),
        number=t.get("number", ""),
        counter_id=c.get("id", t.get("counter_id") or 0),
        service_id=t.get("service_id", ""),
        at=at,
        recall=e.type == EventType.TICKET_RECALLED.value,
    )


LAST_CALLED_SCAN = 5000  # calls read back at most to find each field's latest


def _load_last_called(conn: Connection, hall: Hall, cfg: CentreConfig, h: Head) -> None:
    """Each field's latest call today (`Hall.last_called`), newest first from the log,
    until every field has one or the day's calls run out."""
    fields = {s.id for s in cfg.services}
    rows = conn.execute(
        select(EventRow.type, EventRow.at, EventRow.data)
        .where(
            EventRow.site == hall.site,
            EventRow.type == EventType.TICKET_CALLED.value,
            EventRow.seq <= h.seq,
        )
        .order_by(EventRow.seq.desc())
        .limit(LAST_CALLED_SCAN)
    )
    try:
        for e in rows:
            call = _call_of(e, cfg, h.business_day)
            if call is None:
                break  # an earlier day: older calls are earlier still
            hall.last_called.setdefault(call.service_id, call)
            if fields <= hall.last_called.keys():
                break
    finally:
        rows.close()


def _kiosk_window(cfg: CentreConfig) -> timedelta:
    return timedelta(seconds=cfg.kiosk_limit.per_seconds)


_ISSUED = (
    select(T.issued_service_id, func.count())
    .where(T.site == bindparam("site"), T.day == bindparam("day"))
    .group_by(T.issued_service_id)
)


# -- the log ---------------------------------------------------------------------------
_EVENTS = (
    select(EventRow.seq, EventRow.at, EventRow.type, EventRow.data)
    .where(EventRow.site == bindparam("site"), EventRow.seq > bindparam("after"))
    .order_by(EventRow.seq)
    .limit(bindparam("limit"))
)


def read_events(conn: Connection, site: str, after: int, limit: int = 10_000) -> list[Event]:
    rows = conn.execute(_EVENTS, {"site": site, "after": after, "limit": limit}).all()
    return [
        Event(seq=seq, at=aware(at), type=type_, site=site, data=data)  # type: ignore[arg-type]
        for seq, at, type_, data in rows
    ]


_STATUS = select(T.status).where(T.id == bindparam("tid"), T.site == bindparam("site"))


def archived_status(conn: Connection, site: str) -> Callable[[int], TicketStatus | None]:
    def lookup(ticket_id: int) -> TicketStatus | None:
        st = conn.execute(_STATUS, {"tid": ticket_id, "site": site}).scalar_one_or_none()
        return S(st) if st is not None else None

    return lookup
