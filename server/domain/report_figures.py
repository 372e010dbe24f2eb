"""Report figures that add up: counts, sums of milliseconds, histograms of 10 s buckets.

One `Tally` per (day, breakdown, key); tallies of several days, fields or centres merge
by adding. The shown figures (means, quantiles, shares) are taken from a tally only at the
end (`figures`): a median cannot be added, its histogram can.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from math import ceil
from operator import add
from typing import Any

from protocol.reports import BUCKET_S, MAX_S, ReportFigures
from protocol.snapshot import RatingLevel

LAST_BUCKET = MAX_S // BUCKET_S


def bucket(ms: int) -> int:
    return min(max(ms, 0) // (BUCKET_S * 1000), LAST_BUCKET)


@dataclass
class Tally:
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    wait_n: int = 0
    wait_ms: int = 0
    wait_within: int = 0
    svc_n: int = 0
    svc_ms: int = 0
    rated: int = 0
    satisfied: int = 0
    idle_ms: int = 0
    waiting_sum: int = 0  # tickets waiting at HH:00, summed over the samples
    waiting_samples: int = 0
    # Histograms: the count of samples per 10 s bucket, as a list indexed by bucket (two
    # lists add up element by element at C speed: a province's year merges quickly).
    wait_hist: list[int] = field(default_factory=list)
    svc_hist: list[int] = field(default_factory=list)
    ratings: Counter[str] = field(default_factory=Counter)
    low_reasons: Counter[str] = field(default_factory=Counter)
    paused_ms: Counter[str] = field(default_factory=Counter)

    # -- adding ------------------------------------------------------------------------
    def wait(self, ms: int, within: bool) -> None:
        self.wait_n += 1
        self.wait_ms += ms
        self.wait_within += within
        _bump(self.wait_hist, bucket(ms), 1)

    def service(self, ms: int) -> None:
        self.svc_n += 1
        self.svc_ms += ms
        _bump(self.svc_hist, bucket(ms), 1)

    def rating(self, level: str, satisfied: bool, low: bool, reasons: list[str]) -> None:
        self.rated += 1
        self.satisfied += satisfied
        self.ratings[level] += 1
        if low:
            self.low_reasons.update(reasons)

    def merge(self, other: "Tally") -> "Tally":
        for f in SCALARS:
            setattr(self, f, getattr(self, f) + getattr(other, f))
        for f in HISTS:
            _add(getattr(self, f), getattr(other, f))
        for f in COUNTS:
            getattr(self, f).update(getattr(other, f))
        return self

    def absorb(self, scalars: Sequence[int], maps: dict[str, Any]) -> "Tally":
        """Add a stored row (its SCALARS in order, its `maps()`) without building a Tally."""
        for f, v in zip(SCALARS, scalars, strict=True):
            if v:
                setattr(self, f, getattr(self, f) + v)
        for f, m in maps.items():
            mine = getattr(self, f)
            if f not in HISTS:
                mine.update(m)
            elif isinstance(m, list):
                _add(mine, m)
            else:
                for b, n in m.items():
                    _bump(mine, int(b), n)
        return self

    def empty(self) -> bool:
        return self == Tally()

    # -- storing -----------------------------------------------------------------------
    def maps(self, dense: bool = False) -> dict[str, Any]:
        """The histograms and per-level/per-reason counts, as JSON keeps them: histograms
        as {bucket: count} (a day's few samples), or `dense` as the list (roll-ups)."""
        out: dict[str, Any] = {f: {k: v for k, v in getattr(self, f).items() if v} for f in COUNTS}
        for f in HISTS:
            h = getattr(self, f)
            out[f] = _trimmed(h) if dense else {str(b): n for b, n in enumerate(h) if n}
        return {k: v for k, v in out.items() if v}

    def figures(self, levels: list[RatingLevel] | None = None) -> ReportFigures:
        order = {lv.code: i for i, lv in enumerate(levels or [])}
        return ReportFigures(
            issued=self.issued,
            served=self.served,
            no_show=self.no_show,
            cancelled=self.cancelled,
            transferred=self.transferred,
            wait_mean_s=_mean(self.wait_ms, self.wait_n),
            wait_median_s=quantile(self.wait_hist, 0.5),
            wait_p90_s=quantile(self.wait_hist, 0.9),
            within_target_share=share(self.wait_within, self.wait_n),
            service_mean_s=_mean(self.svc_ms, self.svc_n),
            service_p90_s=quantile(self.svc_hist, 0.9),
            ratings=dict(sorted(self.ratings.items(), key=lambda kv: order.get(kv[0], 99))),
            satisfied_share=share(self.satisfied, self.rated),
            rating_coverage=share(self.rated, self.served),
            low_reasons=dict(self.low_reasons.most_common()),
            paused_s={k: v // 1000 for k, v in sorted(self.paused_ms.items())},
            idle_s=self.idle_ms // 1000,
            waiting_mean=(
                round(self.waiting_sum / self.waiting_samples, 1) if self.waiting_samples else None
            ),
        )


HISTS = ("wait_hist", "svc_hist")
COUNTS = ("ratings", "low_reasons", "paused_ms")
MAPS = (*HISTS, *COUNTS)
SCALARS = tuple(f.name for f in fields(Tally) if f.name not in MAPS)


def _bump(hist: list[int], b: int, n: int) -> None:
    if b >= len(hist):
        hist.extend([0] * (b + 1 - len(hist)))
    hist[b] += n


def _add(into: list[int], other: Sequence[int]) -> None:
    if len(into) < len(other):
        into.extend([0] * (len(other) - len(into)))
    into[: len(other)] = map(add, into, other)


def _trimmed(hist: list[int]) -> list[int]:
    end = len(hist)
    while end and not hist[end - 1]:
        end -= 1
    return hist[:end]


def quantile(hist: list[int], q: float) -> float | None:
    """The nearest-rank q-quantile (the smallest sample with at least q of all samples at
    or below it), as the middle of its 10 s bucket: within 5 s of the exact value."""
    total = sum(hist)
    if total == 0:
        return None
    rank = max(1, ceil(q * total - 1e-9))
    seen = 0
    for b, n in enumerate(hist):
        seen += n
        if seen >= rank:
            return float(MAX_S) if b == LAST_BUCKET else (b + 0.5) * BUCKET_S
    raise AssertionError("unreachable")


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _mean(ms: int, n: int) -> float | None:
    return round(ms / n / 1000, 1) if n else None


def merged(tallies: Any) -> Tally:
    out = Tally()
    for t in tallies:
        out.merge(t)
    return out
