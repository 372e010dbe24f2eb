"""The live objects of one business day: tickets and counters, as the domain holds them.

Plain mutable dataclasses, changed only by `Hall.apply` (server/domain/hall.py); each
turns into its wire model with `public()`.
"""

from dataclasses import dataclass
from datetime import datetime

from protocol.enums import CounterStatus, TicketStatus
from protocol.snapshot import CounterState, TicketPublic


@dataclass(eq=False)
class Ticket:
    id: int
    number: str  # as printed: "1023", "A005"
    issued_service_id: str
    service_id: str
    status: TicketStatus
    queue_at: datetime  # its place: issue time, kept through transfers and returns
    issued_at: datetime
    procedure_id: str | None = None
    priority: str | None = None
    appointment_code: str | None = None
    appointment_slot: datetime | None = None
    counter_id: int | None = None
    to_counter_id: int | None = None
    clerk_user_id: int | None = None
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    recall_count: int = 0
    # Moved to the front of its field by a supervisor: the move's order in the day (the
    # hall's, not the wire's); None for every other ticket. Any later change drops it.
    front: int | None = None

    @property
    def key(self) -> tuple[datetime, int]:
        """Oldest place first; the lower id breaks a tie."""
        return (self.queue_at, self.id)

    def due(self, now: datetime) -> bool:
        """An appointment check-in whose slot has begun."""
        return self.appointment_slot is not None and self.appointment_slot <= now

    def public(self) -> TicketPublic:
        return TicketPublic(
            id=self.id,
            number=self.number,
            service_id=self.service_id,
            procedure_id=self.procedure_id,
            priority=self.priority,
            appointment_code=self.appointment_code,
            appointment_slot=self.appointment_slot,
            status=self.status,
            counter_id=self.counter_id,
            to_counter_id=self.to_counter_id,
            issued_at=self.issued_at,
            queue_at=self.queue_at,
            called_at=self.called_at,
            started_at=self.started_at,
            finished_at=self.finished_at,
            recall_count=self.recall_count,
        )

    @classmethod
    def from_public(cls, t: TicketPublic, issued_service_id: str | None = None) -> "Ticket":
        return cls(
            id=t.id,
            number=t.number,
            issued_service_id=issued_service_id or t.service_id,
            service_id=t.service_id,
            status=t.status,
            queue_at=t.queue_at or t.issued_at,
            issued_at=t.issued_at,
            procedure_id=t.procedure_id,
            priority=t.priority,
            appointment_code=t.appointment_code,
            appointment_slot=t.appointment_slot,
            counter_id=t.counter_id,
            to_counter_id=t.to_counter_id,
            called_at=t.called_at,
            started_at=t.started_at,
            finished_at=t.finished_at,
            recall_count=t.recall_count,
        )


@dataclass(eq=False)
class Counter:
    id: int
    name: str
    weights: dict[str, float]  # service id -> weight, in the counter's order
    status: CounterStatus = CounterStatus.CLOSED
    clerk_user_id: int | None = None
    clerk: str | None = None  # the clerk's display name
    current_ticket_id: int | None = None
    pause_reason: str | None = None
    since: datetime | None = None
    priority_streak: int = 0

    @property
    def services(self) -> list[str]:
        return list(self.weights)

    def public(self, current: Ticket | None) -> CounterState:
        return CounterState(
            id=self.id,
            name=self.name,
            services=self.services,
            status=self.status,
            clerk=self.clerk,
            clerk_user_id=self.clerk_user_id,
            current=current.public() if current is not None else None,
            pause_reason=self.pause_reason,
            since=self.since,
        )
