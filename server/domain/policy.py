"""Which waiting ticket a counter calls next (DESIGN.md, "Next-ticket policy").

Order of precedence for one counter:
1. tickets transferred (or returned) to this very counter, oldest place first;
2. tickets a supervisor moved to the front of their field, in the order they were moved;
3. appointment check-ins whose slot has begun, earliest slot first;
4. priority groups interleaved with normal tickets: after `priority_ratio` priority
   calls in a row the counter takes one normal ticket, so normal tickets still move;
5. inside a group, the longest weighted wait across the counter's services
   (wait seconds × the counter's weight for that service).

`choose_next` is the rule. It needs only the contenders: the head of each (service,
group) line, which is what `server.domain.queues` hands it; given every waiting ticket
it answers the same (tests/server/domain checks both).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from server.domain.model import Ticket


@dataclass(frozen=True)
class CounterPolicy:
    counter_id: int
    weights: dict[str, float] = field(default_factory=dict)  # service id -> weight > 0
    priority_ratio: int = 2  # priority calls before one normal call is forced
    priority_streak: int = 0  # priority calls made in a row by this counter

    def serves(self, t: Ticket) -> bool:
        if t.to_counter_id is not None:
            return t.to_counter_id == self.counter_id
        return t.service_id in self.weights

    def after(self, chosen: Ticket) -> "CounterPolicy":
        """The same counter after calling `chosen` (its priority streak moves on)."""
        streak = self.priority_streak + 1 if chosen.priority else 0
        return CounterPolicy(self.counter_id, self.weights, self.priority_ratio, streak)


def _weighted_age(t: Ticket, policy: CounterPolicy, now: datetime) -> float:
    return (now - t.queue_at).total_seconds() * policy.weights.get(t.service_id, 1.0)


def _oldest_weighted(group: list[Ticket], policy: CounterPolicy, now: datetime) -> Ticket:
    # Highest weighted age; ties (same second) go to the earlier place, then the lower id.
    return max(group, key=lambda t: (_weighted_age(t, policy, now), -t.queue_at.timestamp(), -t.id))


def choose_next(
    candidates: Iterable[Ticket], policy: CounterPolicy, now: datetime
) -> Ticket | None:
    mine = [t for t in candidates if policy.serves(t)]
    if not mine:
        return None
    transferred = [t for t in mine if t.to_counter_id == policy.counter_id]
    if transferred:
        return min(transferred, key=lambda t: t.key)
    moved = [t for t in mine if t.front is not None]
    if moved:
        return min(moved, key=lambda t: (t.front, t.id))
    due = [t for t in mine if t.due(now)]
    if due:
        return min(due, key=lambda t: (t.appointment_slot, t.queue_at, t.id))
    prio = [t for t in mine if t.priority]
    normal = [t for t in mine if not t.priority]
    if prio and (not normal or policy.priority_streak < policy.priority_ratio):
        return _oldest_weighted(prio, policy, now)
    return _oldest_weighted(normal, policy, now)
