"""Events: one row of the event log, as pushed on the stream."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class EventType(StrEnum):
    TICKET_ISSUED = "ticket.issued"
    TICKET_CALLED = "ticket.called"
    TICKET_RECALLED = "ticket.recalled"
    TICKET_STARTED = "ticket.started"
    TICKET_FINISHED = "ticket.finished"
    TICKET_NO_SHOW = "ticket.no_show"
    TICKET_RETURNED = "ticket.returned"
    TICKET_TRANSFERRED = "ticket.transferred"
    TICKET_CANCELLED = "ticket.cancelled"
    TICKET_PRINT_FAILED = "ticket.print_failed"
    COUNTER_OPENED = "counter.opened"
    COUNTER_PAUSED = "counter.paused"
    COUNTER_RESUMED = "counter.resumed"
    COUNTER_CLOSED = "counter.closed"
    RATING_SUBMITTED = "rating.submitted"
    DAY_CLOSED = "day.closed"
    CONFIG_CHANGED = "config.changed"


class Event(BaseModel):
    """`{seq, at, type, site, data}`.

    `data` of ticket events holds `ticket` (a TicketPublic after the change) and, where a
    counter is involved, `counter` (a CounterState after the change). Counter events hold
    `counter`. `rating.submitted` holds `rating`; `day.closed` holds `day` and
    `cancelled` (ticket ids); `ticket.print_failed` holds `ticket`, `device` and `reason`.
    Every event holds `actor` (who did it: "user:NAME", "device:NAME" or "system").
    """

    seq: int
    at: datetime
    type: EventType
    site: str
    data: dict[str, Any] = Field(default_factory=dict)
