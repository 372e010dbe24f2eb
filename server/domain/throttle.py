"""How many failed logins are allowed before the next attempt is refused.

After `PER_USERNAME` failures for one username within `WINDOW`, or `PER_ADDRESS` from
one client address, every attempt is refused (the right password too) until the oldest
of those failures leaves the window."""

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)
PER_USERNAME = 5
PER_ADDRESS = 20


def wait_s(failures: Sequence[datetime], limit: int, now: datetime) -> int | None:
    """Seconds until an attempt is allowed again (None: allowed now). `failures` are the
    times of the failures within the window, in any order."""
    recent = sorted(f for f in failures if now - f < WINDOW)
    if len(recent) < limit:
        return None
    # Allowed again once only limit-1 remain: when the (n-limit+1)-th oldest has left.
    frees_at = recent[len(recent) - limit] + WINDOW
    return max(1, math.ceil((frees_at - now).total_seconds()))


def refusal(
    by_username: Sequence[datetime], by_address: Sequence[datetime], now: datetime
) -> int | None:
    """The wait before the next attempt, or None when it may go ahead."""
    waits = [
        w
        for w in (wait_s(by_username, PER_USERNAME, now), wait_s(by_address, PER_ADDRESS, now))
        if w is not None
    ]
    return max(waits) if waits else None
