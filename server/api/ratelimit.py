"""A small in-process token bucket per client address, for the public routes (the
tracking code is unguessable; this keeps anyone from trying many quickly).

Per process: with several server processes a client gets each process's allowance.
Behind a reverse proxy the client address is the proxy's unless the server trusts its
forwarded headers (uvicorn `--proxy-headers --forwarded-allow-ips`)."""

import math
import time
from collections.abc import Callable

from fastapi import HTTPException, Request


class TokenBuckets:
    """`take(key)`: None when allowed, else the seconds to wait for the next token."""

    MAX_KEYS = 10_000

    def __init__(
        self, rate_per_s: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.clock = rate_per_s, float(burst), clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, key: str) -> float | None:
        now = self.clock()
        tokens, at = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate
        if len(self._buckets) >= self.MAX_KEYS and key not in self._buckets:
            self._prune(now)
        self._buckets[key] = (tokens - 1.0, now)
        return None

    def _prune(self, now: float) -> None:
        # Drop the buckets that have refilled (they hold nothing worth remembering).
        full = [k for k, (t, a) in self._buckets.items() if t + (now - a) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.MAX_KEYS:  # all busy: start afresh rather than grow
            self._buckets.clear()


async def public_rate_limit(request: Request) -> None:
    """Dependency: 429 `too-many-requests` with Retry-After once a client address has
    spent its burst (settings `public_rate_per_s`, `public_burst`)."""
    state = request.app.state
    buckets: TokenBuckets | None = getattr(state, "public_buckets", None)
    if buckets is None:
        settings = state.services.settings
        buckets = TokenBuckets(settings.public_rate_per_s, settings.public_burst)
        state.public_buckets = buckets
    client = request.client.host if request.client else "unknown"
    wait = buckets.take(client)
    if wait is not None:
        raise HTTPException(
            429, "too many requests from this address", {"Retry-After": str(math.ceil(wait))}
        )


def per_address_per_hour(request: Request, site: str, per_hour: int) -> None:
    """The centre's limit of numbers and bookings per client address an hour (a phone's
    writes): 429 `too-many-requests` with Retry-After beyond it. Per process, as above."""
    state = request.app.state
    all_buckets: dict[int, TokenBuckets] = state._state.setdefault("phone_buckets", {})
    buckets = all_buckets.get(per_hour)
    if buckets is None:
        buckets = all_buckets[per_hour] = TokenBuckets(per_hour / 3600.0, per_hour)
    client = request.client.host if request.client else "unknown"
    wait = buckets.take(f"{site}|{client}")
    if wait is not None:
        raise HTTPException(
            429,
            "too many numbers or bookings from this address",
            {"Retry-After": str(math.ceil(wait))},
        )
