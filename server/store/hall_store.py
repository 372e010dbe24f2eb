"""The hall's persistence: load a day's hall from the tables, read the log to catch up,
and write what a decision emitted (event rows, then the ticket and counter rows the events
describe). SQL here selects and writes; it decides nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from protocol.centre import CentreConfig
from protocol.enums import CounterStatus, TicketStatus
from protocol.events import Event, EventData, EventType
from protocol.snapshot import RecentCall
from server.domain.hall import RECENT_CALLS, Hall
from server.domain.model import Ticket
from server.store.convert import aware, utc
from server.store.tables import Counter, Site, User
from server.store.tables import Event as EventRow
from server.store.tables import Ticket as TicketRow

S = TicketStatus
T = TicketRow


@dataclass(frozen=True)
class Head:
    epoch: str
    seq: int
    business_day: date
    config_version: int


_HEAD = select(Site.epoch, Site.seq, Site.business_day, Site.config_version).where(
    Site.code == bindparam("site")
)
_HEAD_LOCKED = _HEAD.with_for_update()


def head(conn: Connection, site: str, lock: bool = False) -> Head | None:
    """The site's log position; `lock` holds its row until commit (the per-site writer
    lock on PostgreSQL; SQLite's writers already hold the database)."""
    stmt = _HEAD_LOCKED if lock and conn.dialect.name == "postgresql" else _HEAD
    row = conn.execute(stmt, {"site": site}).one_or_none()
    return Head(*row) if row else None


_SET_HEAD = (
    update(Site)
    .where(Site.code == bindparam("b_site"))
    .values(seq=bindparam("b_seq"), business_day=bindparam("b_day"))
)


def set_head(conn: Connection, site: str, seq: int, day: date) -> None:
    conn.execute(_SET_HEAD, {"b_site": site, "b_seq": seq, "b_day": day})


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
        at = aware(e.at)
        if at is None or at.astimezone(cfg.tz).date() != h.business_day:
            continue
        t, c = e.data.get("ticket", {}), e.data.get("counter", {})
        hall.recent_calls.appendleft(
            RecentCall(
                ticket_id=t.get("id", 0),
                number=t.get("number", ""),
                counter_id=c.get("id", t.get("counter_id") or 0),
                service_id=t.get("service_id", ""),
                at=at,
                recall=e.type == EventType.TICKET_RECALLED.value,
            )
        )
    return hall


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


_INSERT_EVENT = insert(EventRow)


def write_events(
    conn: Connection, site: str, first_seq: int, items: list[tuple[EventType, EventData, datetime]]
) -> list[dict[str, Any]]:
    """Append the events from `first_seq` on; returns them as wire dicts."""
    rows = [
        {
            "site": site,
            "seq": first_seq + i,
            "at": utc(at),
            "type": type_.value,
            "actor": data.actor,
            "data": data.model_dump(mode="json"),
        }
        for i, (type_, data, at) in enumerate(items)
    ]
    conn.execute(_INSERT_EVENT, rows)
    return [
        {
            "seq": r["seq"],
            "at": r["at"].isoformat(),
            "type": r["type"],
            "site": site,
            "data": r["data"],
        }
        for r in rows
    ]


# -- rows the events describe -----------------------------------------------------------
_TICKET_UPDATE = (
    update(T)
    .where(T.id == bindparam("tid"))
    .values(
        status=bindparam("b_status"),
        service_id=bindparam("b_service_id"),
        counter_id=bindparam("b_counter_id"),
        to_counter_id=bindparam("b_to_counter_id"),
        called_at=bindparam("b_called_at"),
        started_at=bindparam("b_started_at"),
        finished_at=bindparam("b_finished_at"),
        recall_count=bindparam("b_recall_count"),
    )
)
_TICKET_CLERK = (
    update(T).where(T.id == bindparam("tid")).values(clerk_user_id=bindparam("b_clerk"))
)
_CANCEL = (
    update(T)
    .where(T.id.in_(bindparam("ids", expanding=True)))
    .values(status=S.CANCELLED.value, finished_at=bindparam("b_at"))
)
_COUNTER_UPDATE = (
    update(Counter)
    .where(Counter.site == bindparam("b_site"), Counter.id == bindparam("b_cid"))
    .values(
        status=bindparam("b_status"),
        clerk_user_id=bindparam("b_clerk_user_id"),
        current_ticket_id=bindparam("b_current_ticket_id"),
        pause_reason=bindparam("b_pause_reason"),
        since=bindparam("b_since"),
        priority_streak=bindparam("b_priority_streak"),
    )
)


def _opt(dt: datetime | None) -> datetime | None:
    return utc(dt) if dt is not None else None


def write_rows(
    conn: Connection, hall: Hall, items: list[tuple[EventType, EventData, datetime]]
) -> None:
    """Bring the ticket and counter rows to what the events say (the issued ticket's row
    was inserted before its event)."""
    tickets: dict[int, dict[str, Any]] = {}
    clerks: list[dict[str, Any]] = []
    counters: set[int] = set()
    for type_, data, at in items:
        if type_ == EventType.DAY_CLOSED and data.cancelled:  # type: ignore[attr-defined]
            conn.execute(_CANCEL, {"ids": data.cancelled, "b_at": utc(at)})  # type: ignore[attr-defined]
            counters.update(hall.counters)
            continue
        counter = getattr(data, "counter", None)
        if counter is not None:
            counters.add(counter.id)
        t = getattr(data, "ticket", None)
        if t is None or type_ in (EventType.TICKET_ISSUED, EventType.TICKET_PRINT_FAILED):
            continue
        if type_ == EventType.TICKET_CALLED:
            clerks.append(
                {"tid": t.id, "b_clerk": counter.clerk_user_id if counter else None}
            )
        tickets[t.id] = {
            "tid": t.id,
            "b_status": t.status.value,
            "b_service_id": t.service_id,
            "b_counter_id": t.counter_id,
            "b_to_counter_id": t.to_counter_id,
            "b_called_at": _opt(t.called_at),
            "b_started_at": _opt(t.started_at),
            "b_finished_at": _opt(t.finished_at),
            "b_recall_count": t.recall_count,
        }
    if tickets:
        conn.execute(_TICKET_UPDATE, list(tickets.values()))
    if clerks:
        conn.execute(_TICKET_CLERK, clerks)
    if counters:
        conn.execute(
            _COUNTER_UPDATE,
            [
                {
                    "b_site": hall.site,
                    "b_cid": c.id,
                    "b_status": c.status.value,
                    "b_clerk_user_id": c.clerk_user_id,
                    "b_current_ticket_id": c.current_ticket_id,
                    "b_pause_reason": c.pause_reason,
                    "b_since": _opt(c.since),
                    "b_priority_streak": c.priority_streak,
                }
                for c in (hall.counters[i] for i in sorted(counters))
            ],
        )


_INSERT_TICKET = insert(T).returning(T.id)


def insert_ticket(conn: Connection, values: dict[str, Any]) -> int:
    return int(conn.execute(_INSERT_TICKET, values).scalar_one())


_STATUS = select(T.status).where(T.id == bindparam("tid"), T.site == bindparam("site"))


def archived_status(conn: Connection, site: str) -> Callable[[int], TicketStatus | None]:
    def lookup(ticket_id: int) -> TicketStatus | None:
        st = conn.execute(_STATUS, {"tid": ticket_id, "site": site}).scalar_one_or_none()
        return S(st) if st is not None else None

    return lookup
