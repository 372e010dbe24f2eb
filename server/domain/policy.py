"""Which waiting ticket a counter calls next (DESIGN.md, "Next-ticket policy").

Order of precedence for one counter:
1. tickets transferred (or returned) to this very counter, oldest place first;
2. appointment check-ins whose slot has begun, earliest slot first;
3. priority groups interleaved with normal tickets: after `priority_ratio` priority
   calls in a row the counter takes one normal ticket, so normal tickets still move;
4. inside a group, the longest weighted wait across the counter's services
   (wait seconds × the counter's weight for that service).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    ticket_id: int
    service_id: str
    queue_at: datetime  # the ticket's place: issue time, kept through transfers
    priority: str | None = None
    to_counter_id: int | None = None
    appointment_slot: datetime | None = None


@dataclass(frozen=True)
class CounterPolicy:
    counter_id: int
    weights: dict[str, float] = field(default_factory=dict)  # service id -> weight > 0
    priority_ratio: int = 2  # priority calls before one normal call is forced
    priority_streak: int = 0  # priority calls made in a row by this counter

    def serves(self, c: Candidate) -> bool:
        if c.to_counter_id is not None:
            return c.to_counter_id == self.counter_id
        return c.service_id in self.weights


def _weighted_age(c: Candidate, policy: CounterPolicy, now: datetime) -> float:
    return (now - c.queue_at).total_seconds() * policy.weights.get(c.service_id, 1.0)


def _oldest_weighted(group: list[Candidate], policy: CounterPolicy, now: datetime) -> Candidate:
    # Highest weighted age; ties (same second) go to the earlier place, then the lower id.
    return max(
        group,
        key=lambda c: (_weighted_age(c, policy, now), -c.queue_at.timestamp(), -c.ticket_id),
    )


def choose_next(
    candidates: Iterable[Candidate], policy: CounterPolicy, now: datetime
) -> Candidate | None:
    mine = [c for c in candidates if policy.serves(c)]
    if not mine:
        return None
    transferred = [c for c in mine if c.to_counter_id == policy.counter_id]
    if transferred:
        return min(transferred, key=lambda c: (c.queue_at, c.ticket_id))
    due = [c for c in mine if c.appointment_slot is not None and c.appointment_slot <= now]
    if due:
        return min(due, key=lambda c: (c.appointment_slot, c.queue_at, c.ticket_id))
    prio = [c for c in mine if c.priority]
    normal = [c for c in mine if not c.priority]
    if prio and (not normal or policy.priority_streak < policy.priority_ratio):
        return _oldest_weighted(prio, policy, now)
    return _oldest_weighted(normal, policy, now)


def next_streak(policy: CounterPolicy, chosen: Candidate) -> int:
    """The counter's priority streak after calling `chosen`."""
    return policy.priority_streak + 1 if chosen.priority else 0


def order_for_counter(
    candidates: Sequence[Candidate], policy: CounterPolicy, now: datetime
) -> list[Candidate]:
    """Every waiting ticket this counter serves, in the order it would call them."""
    remaining = [c for c in candidates if policy.serves(c)]
    ordered: list[Candidate] = []
    streak = policy.priority_streak
    while remaining:
        p = CounterPolicy(policy.counter_id, policy.weights, policy.priority_ratio, streak)
        chosen = choose_next(remaining, p, now)
        assert chosen is not None
        ordered.append(chosen)
        remaining.remove(chosen)
        streak = next_streak(p, chosen)
    return ordered
