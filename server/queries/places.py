"""Position and estimated wait of waiting tickets.

`people_ahead` in server/domain/waits.py defines the result. Loading every waiting
ticket of the service to feed it cost O(queue) ORM rows per issued ticket; here the
same counts are taken by the database in one aggregate query (the domain function's
six counts as SUM(CASE …)), so nothing but one row comes back.
tests/integration/server/test_places_sql.py checks both agree on random queues.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, func, not_, or_, select
from sqlmodel import Session

from protocol.enums import CounterStatus, TicketStatus
from server.centre import CentreConfig
from server.domain.policy import Candidate
from server.domain.waits import Place, estimate_wait_s, moving_average
from server.store.convert import aware, utc
from server.store.tables import Counter, Ticket


def candidate(t: Ticket) -> Candidate:
    assert t.id is not None
    return Candidate(
        ticket_id=t.id,
        service_id=t.service_id,
        queue_at=aware(t.queue_at),
        priority=t.priority,
        to_counter_id=t.to_counter_id,
        appointment_slot=aware(t.appointment_slot),
    )


_AVG = (
    select(Ticket.started_at, Ticket.finished_at)
    .where(
        Ticket.site == bindparam("site"),
        Ticket.day == bindparam("day"),
        Ticket.service_id == bindparam("service"),
        Ticket.status == TicketStatus.DONE.value,
    )
    .order_by(Ticket.finished_at.desc())
    .limit(20)
)
_OPEN_COUNTERS = select(Counter.id).where(
    Counter.site == bindparam("site"), Counter.status == CounterStatus.OPEN.value
)


def avg_service_s(
    session: Session, site: str, day: object, service_id: str, default_s: float
) -> float:
    params = {"site": site, "day": day, "service": service_id}
    rows = session.connection().execute(_AVG, params).all()
    durations = [(f - s).total_seconds() for s, f in reversed(rows) if s and f]
    return moving_average(durations, default_s)


def open_counters_for(session: Session, site: str, cfg: CentreConfig, service_id: str) -> int:
    open_ids = set(session.connection().execute(_OPEN_COUNTERS, {"site": site}).scalars())
    return sum(
        1 for c in cfg.counters if c.id in open_ids and any(s.id == service_id for s in c.services)
    )


def _count(cond: Any) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _ahead_statements() -> dict[str, Any]:
    """The counts of people_ahead, for a ticket sent to a counter, a due appointment, and
    the rest; built once (bind parameters: the ticket and `now`)."""
    T = Ticket
    earlier = or_(
        T.queue_at < bindparam("queue_at"),
        and_(T.queue_at == bindparam("queue_at"), T.id < bindparam("id")),
    )
    due = and_(T.appointment_slot.is_not(None), T.appointment_slot <= bindparam("now"))
    prio = and_(T.priority.is_not(None), T.priority != "")
    rest = and_(T.to_counter_id.is_(None), not_(due))
    others = select().where(
        T.site == bindparam("site"),
        T.day == bindparam("day"),
        T.status == TicketStatus.WAITING.value,
        T.service_id == bindparam("service"),
        T.id != bindparam("id"),
    )
    return {
        "to_counter": others.add_columns(
            _count(and_(T.to_counter_id == bindparam("to_counter"), earlier))
        ),
        "due": others.add_columns(_count(and_(due, T.appointment_slot < bindparam("slot")))),
        "rest": others.add_columns(
            _count(or_(T.to_counter_id.is_not(None), due)),
            _count(and_(rest, prio, earlier)),
            _count(and_(rest, not_(prio), earlier)),
            _count(and_(rest, prio)),
        ),
    }


_AHEAD = _ahead_statements()


def people_ahead_sql(
    session: Session, c: Candidate, site: str, day: object, ratio: int, now: datetime
) -> int:
    """server.domain.waits.people_ahead, counted by the database."""
    conn = session.connection()
    params: dict[str, Any] = {
        "site": site,
        "day": day,
        "service": c.service_id,
        "id": c.ticket_id,
        "queue_at": utc(c.queue_at),
        "now": utc(now),
    }
    if c.to_counter_id is not None:
        params["to_counter"] = c.to_counter_id
        return int(conn.execute(_AHEAD["to_counter"], params).scalar_one())
    if c.appointment_slot is not None and c.appointment_slot <= now:
        params["slot"] = utc(c.appointment_slot)
        return int(conn.execute(_AHEAD["due"], params).scalar_one())
    row = conn.execute(_AHEAD["rest"], params).one()
    first, prio_earlier, normal_earlier, prio_all = (int(v) for v in row)
    if c.priority:
        return first + prio_earlier + min(normal_earlier, prio_earlier // max(ratio, 1))
    return first + normal_earlier + min(prio_all, ratio * (normal_earlier + 1))


def place_in_queue(session: Session, ticket: Ticket, cfg: CentreConfig, now: datetime) -> Place:
    if ticket.status != TicketStatus.WAITING.value:
        return Place(0, 0, 0)
    ahead = people_ahead_sql(
        session, candidate(ticket), ticket.site, ticket.day, cfg.priority_ratio, now
    )
    svc = cfg.service(ticket.service_id)
    default = svc.default_service_s if svc and svc.default_service_s else cfg.default_service_s
    avg = avg_service_s(session, ticket.site, ticket.day, ticket.service_id, default)
    counters = open_counters_for(session, ticket.site, cfg, ticket.service_id)
    return Place(ahead + 1, ahead, estimate_wait_s(ahead, avg, counters))
