"""Place in queue and wait estimate (DESIGN.md, "Wait estimate")."""

from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 20  # finished tickets the moving average looks back over


@dataclass(frozen=True)
class Place:
    position: int  # 1 = next
    ahead: int
    estimated_wait_s: int


def estimate_wait_s(ahead: int, avg_service_s: float, open_counters: int) -> int:
    """Tickets ahead × moving average service time ÷ open counters serving the service."""
    return int(round(ahead * avg_service_s / max(open_counters, 1)))


def moving_average(durations_s: Sequence[float], default_s: float, window: int = WINDOW) -> float:
    """Today's service time of a field: the mean of its last `window` services."""
    recent = [d for d in list(durations_s)[-window:] if d > 0]
    return sum(recent) / len(recent) if recent else default_s


def place(ahead: int, avg_service_s: float, open_counters: int) -> Place:
    return Place(ahead + 1, ahead, estimate_wait_s(ahead, avg_service_s, open_counters))
