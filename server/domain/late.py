"""Late counters a supervisor should look at: paused too long, serving one citizen far
longer than the field's usual time, or idle while its fields have citizens waiting."""

from dataclasses import dataclass
from datetime import datetime

from protocol.enums import CounterStatus, TicketStatus
from server.domain.hall import Hall

LATE_PAUSE_S = 15 * 60  # a pause longer than this shows up as late
LATE_SERVICE_FACTOR = 2.0  # serving one citizen twice the usual time
LATE_IDLE_S = 10 * 60  # open, nobody called, while its fields have a queue


@dataclass(frozen=True)
class Late:
    counter_id: int
    why: str  # "paused-long", "serving-long", "idle-with-queue"
    seconds: int
    reason: str | None = None  # the pause reason
    ticket: str | None = None  # the number being served


def late_counters(hall: Hall, now: datetime) -> list[Late]:
    late = []
    for c in hall.counters.values():
        age = (now - c.since).total_seconds() if c.since else 0.0
        current = hall.current(c)
        if c.status == CounterStatus.PAUSED and age > LATE_PAUSE_S:
            late.append(Late(c.id, "paused-long", int(age), reason=c.pause_reason))
        elif current is not None and current.status == TicketStatus.SERVING:
            started = current.started_at or c.since
            took = (now - started).total_seconds() if started else 0.0
            if took > LATE_SERVICE_FACTOR * hall.avg_service_s(current.service_id):
                late.append(Late(c.id, "serving-long", int(took), ticket=current.number))
        elif (
            c.status == CounterStatus.OPEN
            and current is None
            and age > LATE_IDLE_S
            and any(hall.lines.waiting(sid) for sid in c.weights)
        ):
            late.append(Late(c.id, "idle-with-queue", int(age)))
    return late
