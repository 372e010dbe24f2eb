"""Rows to wire models. Times are aware UTC everywhere (SQLModel's UTCDateTime)."""

from datetime import UTC, datetime

from protocol.enums import CounterStatus, TicketStatus
from protocol.snapshot import CounterState, TicketPublic
from server.store.tables import Counter, Ticket


def aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def utc(dt: datetime) -> datetime:
    """Aware UTC, for storing: a naive value is taken to be UTC already."""
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


def ticket_public(t: Ticket) -> TicketPublic:
    assert t.id is not None
    return TicketPublic(
        id=t.id,
        number=t.number_text,
        service_id=t.service_id,
        procedure_id=t.procedure_id,
        priority=t.priority,
        appointment_code=t.appointment_code,
        status=TicketStatus(t.status),
        counter_id=t.counter_id,
        to_counter_id=t.to_counter_id,
        issued_at=aware(t.issued_at),
        called_at=aware(t.called_at),
        started_at=aware(t.started_at),
        finished_at=aware(t.finished_at),
        recall_count=t.recall_count,
    )


def counter_state(
    c: Counter, services: list[str], name: str, clerk: str | None, current: Ticket | None
) -> CounterState:
    return CounterState(
        id=c.id,
        name=name,
        services=services,
        status=CounterStatus(c.status),
        clerk=clerk,
        current=ticket_public(current) if current is not None else None,
        pause_reason=c.pause_reason,
        since=aware(c.since),
    )
