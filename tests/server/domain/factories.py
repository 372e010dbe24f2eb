"""Tickets and counters for domain tests, and the call order computed the slow, obvious
way (choose_next over every waiting ticket) as an oracle."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from protocol.enums import TicketStatus
from server.domain.model import Ticket
from server.domain.policy import CounterPolicy, choose_next

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội
NOW = T0 + timedelta(hours=1)


def cand(i: int, service: str = "a", minute: float = 0, **kw: object) -> Ticket:
    at = T0 + timedelta(minutes=minute)
    return Ticket(
        id=i,
        number=str(1000 + i),
        issued_service_id=service,
        service_id=service,
        status=TicketStatus.WAITING,
        queue_at=at,
        issued_at=at,
        **kw,  # type: ignore[arg-type]
    )


def naive_order(candidates: Sequence[Ticket], policy: CounterPolicy, now: datetime) -> list[Ticket]:
    remaining = [c for c in candidates if policy.serves(c)]
    ordered: list[Ticket] = []
    while remaining:
        chosen = choose_next(remaining, policy, now)
        assert chosen is not None
        ordered.append(chosen)
        remaining.remove(chosen)
        policy = policy.after(chosen)
    return ordered
