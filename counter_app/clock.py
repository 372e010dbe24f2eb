"""`ServerClock`: the server's time as seen from this PC, for the running timers.

Timers ("serving for 3:12") subtract the server's timestamps (`started_at`) from now.
A counter PC whose clock is a few minutes off would show nonsense, so now is corrected
by the offset observed on live events: an event's `at` is the server's clock at commit,
and it reaches us a little later, so each sample underestimates the offset; the largest
recent sample is the best guess.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ServerClock:
    def __init__(self, local_now: Callable[[], datetime] = _utc_now, samples: int = 20) -> None:
        self._local_now = local_now
        self._samples: deque[timedelta] = deque(maxlen=samples)

    @property
    def offset(self) -> timedelta:
        return max(self._samples) if self._samples else timedelta(0)

    def observe(self, server_time: datetime) -> None:
        """A server timestamp that has just arrived (a live event's `at`)."""
        if server_time.tzinfo is None:
            server_time = server_time.replace(tzinfo=UTC)
        self._samples.append(server_time - self._local_now())

    def now(self) -> datetime:
        return self._local_now() + self.offset

    def seconds_since(self, then: datetime | None) -> int | None:
        """Whole seconds from `then` (a server timestamp) to now, never negative."""
        if then is None:
            return None
        if then.tzinfo is None:
            then = then.replace(tzinfo=UTC)
        return max(0, int((self.now() - then).total_seconds()))
