"""Position in queue and wait estimate (DESIGN.md, "Wait estimate")."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from server.domain.policy import Candidate


@dataclass(frozen=True)
class Place:
    position: int  # 1 = next
    ahead: int
    estimated_wait_s: int


def people_ahead(
    ticket: Candidate, same_service: Sequence[Candidate], priority_ratio: int, now: datetime
) -> int:
    """How many of the service's waiting tickets will be called before `ticket`.

    Transferred-to-counter tickets and due appointments go first; priority tickets overtake
    normal ones, but at most `priority_ratio` of them per normal call (the interleaving of
    the policy), so a normal ticket is not shown an endless queue.
    """
    others = [c for c in same_service if c.ticket_id != ticket.ticket_id]

    def earlier(c: Candidate) -> bool:
        return (c.queue_at, c.ticket_id) < (ticket.queue_at, ticket.ticket_id)

    def due(c: Candidate) -> bool:
        return c.appointment_slot is not None and c.appointment_slot <= now

    if ticket.to_counter_id is not None:
        return sum(1 for c in others if c.to_counter_id == ticket.to_counter_id and earlier(c))
    first = sum(1 for c in others if c.to_counter_id is not None or due(c))
    rest = [c for c in others if c.to_counter_id is None and not due(c)]
    if due(ticket):
        return sum(1 for c in others if due(c) and c.appointment_slot < ticket.appointment_slot)
    prio_earlier = sum(1 for c in rest if c.priority and earlier(c))
    normal_earlier = sum(1 for c in rest if not c.priority and earlier(c))
    if ticket.priority:
        normals_between = prio_earlier // max(priority_ratio, 1)
        return first + prio_earlier + min(normal_earlier, normals_between)
    prio_all = sum(1 for c in rest if c.priority)
    return first + normal_earlier + min(prio_all, priority_ratio * (normal_earlier + 1))


def estimate_wait_s(ahead: int, avg_service_s: float, open_counters: int) -> int:
    """Tickets ahead × moving average service time ÷ open counters serving the service."""
    return int(round(ahead * avg_service_s / max(open_counters, 1)))


def moving_average(durations_s: Sequence[float], default_s: float, window: int = 20) -> float:
    recent = [d for d in durations_s[-window:] if d > 0]
    return sum(recent) / len(recent) if recent else default_s


def place_of(
    ticket: Candidate,
    same_service: Sequence[Candidate],
    priority_ratio: int,
    now: datetime,
    avg_service_s: float,
    open_counters: int,
) -> Place:
    ahead = people_ahead(ticket, same_service, priority_ratio, now)
    return Place(ahead + 1, ahead, estimate_wait_s(ahead, avg_service_s, open_counters))
