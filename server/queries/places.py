"""Position and estimated wait of waiting tickets, from the rows of one service."""

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from protocol.enums import CounterStatus, TicketStatus
from server.centre import CentreConfig
from server.domain.policy import Candidate
from server.domain.waits import Place, moving_average, place_of
from server.store.convert import aware
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


def avg_service_s(
    session: Session, site: str, day: object, service_id: str, default_s: float
) -> float:
    rows = session.execute(
        select(Ticket.started_at, Ticket.finished_at)
        .where(
            Ticket.site == site,
            Ticket.day == day,
            Ticket.service_id == service_id,
            Ticket.status == TicketStatus.DONE.value,
        )
        .order_by(Ticket.finished_at.desc())
        .limit(20)
    ).all()
    durations = [(f - s).total_seconds() for s, f in reversed(rows) if s and f]
    return moving_average(durations, default_s)


def open_counters_for(session: Session, site: str, cfg: CentreConfig, service_id: str) -> int:
    open_ids = set(
        session.execute(
            select(Counter.id).where(
                Counter.site == site, Counter.status == CounterStatus.OPEN.value
            )
        ).scalars()
    )
    return sum(
        1 for c in cfg.counters if c.id in open_ids and any(s.id == service_id for s in c.services)
    )


def place_in_queue(session: Session, ticket: Ticket, cfg: CentreConfig, now: datetime) -> Place:
    if ticket.status != TicketStatus.WAITING.value:
        return Place(0, 0, 0)
    waiting = (
        session.execute(
            select(Ticket).where(
                Ticket.site == ticket.site,
                Ticket.day == ticket.day,
                Ticket.service_id == ticket.service_id,
                Ticket.status == TicketStatus.WAITING.value,
            )
        )
        .scalars()
        .all()
    )
    svc = cfg.service(ticket.service_id)
    default = svc.default_service_s if svc and svc.default_service_s else cfg.default_service_s
    avg = avg_service_s(session, ticket.site, ticket.day, ticket.service_id, default)
    counters = open_counters_for(session, ticket.site, cfg, ticket.service_id)
    return place_of(
        candidate(ticket), [candidate(t) for t in waiting], cfg.priority_ratio, now, avg, counters
    )
