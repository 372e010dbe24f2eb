"""Percentiles and the one JSON line every benchmark prints."""

import json
import math
import sys
from collections.abc import Sequence
from typing import Any


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def latency_ms(values: Sequence[float]) -> dict[str, float | None]:
    """p50/p99/max of latencies given in seconds, as milliseconds."""
    return {
        "p50_ms": ms(percentile(values, 50)),
        "p99_ms": ms(percentile(values, 99)),
        "max_ms": ms(max(values) if values else None),
    }


def emit(record: dict[str, Any]) -> None:
    """The benchmark's single line on standard output (progress goes to stderr)."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def note(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
