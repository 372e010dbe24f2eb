"""Random days through the domain, folded into report tallies: every figure of every
breakdown equals its recomputation from the raw event log, done here the slow, obvious
way (each instant's state found again by scanning the log up to it). Counts, means and
shares are exact; medians and 90th percentiles within 5 s (half a 10 s bucket) of the
exact nearest-rank value. Folding the log in pieces (the open day, brought up to date
report by report) gives the same tallies as folding it at once (a closed day)."""

import math
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol.centre import CentreConfig
from protocol.commands import RatingPublic
from protocol.enums import CounterStatus, Role, TicketStatus
from protocol.events import EventType, RatingData
from protocol.reports import MAX_S
from server.domain import decide
from server.domain.actor import Principal
from server.domain.errors import DomainError
from server.domain.hall import Hall
from server.domain.report_figures import Tally
from server.domain.report_fold import DayFold, day_of
from tests.server.domain.factories import T0

CFG = CentreConfig.model_validate(
    {
        "site": "t",
        "name": "Trung tâm thử",
        "enforce_hours": False,
        "target_wait_min": 5,
        "pause_reasons": ["Họp", "Nghỉ giải lao"],
        "rating_reasons": ["Chờ lâu", "Thái độ"],
        "services": [
            {
                "id": "a",
                "name": "A",
                "numbers": {"start": 1001, "end": 1999},
                "target_wait_min": 2,
                "procedures": [{"id": "a1", "name": "A một"}, {"id": "a2", "name": "A hai"}],
            },
            {"id": "b", "name": "B", "numbers": {"start": 2001, "end": 2999}},
        ],
        "counters": [
            {"id": 1, "services": ["a", "b"]},
            {"id": 2, "services": ["b"]},
            {"id": 3, "services": ["a"]},
        ],
    }
)
DAY = date(2026, 11, 23)
ADMIN = Principal("user", 1, "admin", Role.ADMIN, "t", "Quản trị")
S = TicketStatus
Ev = tuple[int, datetime, str, dict[str, Any]]


def clerk(n: int) -> Principal:
    return Principal("user", n, f"cb{n}", Role.CLERK, "t", f"Cán bộ {n}")


def random_day(rnd: Any, steps: int) -> list[Ev]:
    """A plausible day: tickets, counters opening, calling, serving, pausing, ratings;
    the next morning's close."""
    hall = Hall("t", "e", 0, DAY, CFG, 1)
    now, items, rated, next_id = T0 - timedelta(minutes=50), [], set(), 1
    for _ in range(steps):
        hall.pending.clear()
        now += timedelta(seconds=rnd.choice([0, 1, 7, 30, 90, 200, 600, 1500]))
        c = hall.counters[rnd.choice([1, 2, 3])]
        cur = hall.current(c)
        roll = rnd.random()
        try:
            if roll < 0.3:
                sid = rnd.choice("ab")
                proc = rnd.choice(["a1", "a2", None]) if sid == "a" else None
                plan = decide.plan_ticket(hall, ADMIN, sid, proc, None, None, now)
                decide.issue(hall, plan, next_id, ADMIN, now)
                next_id += 1
            elif c.status == CounterStatus.CLOSED:
                decide.act(hall, clerk(10 + rnd.randint(0, 4)), c.id, "open", now)
            elif roll < 0.37 and cur is None:
                action = "close" if c.status == CounterStatus.OPEN else "resume"
                if c.status == CounterStatus.OPEN and rnd.random() < 0.6:
                    decide.act(
                        hall, ADMIN, c.id, "pause", now, reason=rnd.choice(CFG.pause_reasons)
                    )
                else:
                    decide.act(hall, ADMIN, c.id, action, now)
            elif roll < 0.41:
                waiting = sorted(t.id for t in hall.tickets.values() if t.status == S.WAITING)
                gone = sorted(t.id for t in hall.tickets.values() if t.status == S.NO_SHOW)
                if gone and rnd.random() < 0.5:
                    decide.act(hall, ADMIN, c.id, "return", now, ticket_id=rnd.choice(gone))
                elif waiting:
                    decide.cancel(hall, ADMIN, rnd.choice(waiting), now)
            elif roll < 0.48 and items:
                done = [
                    d.ticket
                    for t, d, _ in items
                    if t == EventType.TICKET_FINISHED and d.ticket.id not in rated
                ]
                if done:
                    t = rnd.choice(done)
                    rated.add(t.id)
                    level = rnd.choice([lv.code for lv in CFG.rating_levels])
                    reasons = rnd.sample(CFG.rating_reasons, rnd.randint(0, 2))
                    pub = RatingPublic(
                        ticket_id=t.id, counter_id=t.counter_id, clerk=None, level=level,
                        reasons=reasons, at=now,
                    )  # fmt: skip
                    data = RatingData(rating=pub, number=t.number)
                    hall.pending.append((EventType.RATING_SUBMITTED, data, now))
            elif c.status == CounterStatus.PAUSED:
                decide.act(hall, ADMIN, c.id, "resume", now)
            elif cur is None:
                decide.act(hall, ADMIN, c.id, "call-next", now)
            elif cur.status == S.CALLED:
                action = rnd.choice(["start"] * 5 + ["no-show", "recall", "transfer"])
                args = {"service_id": rnd.choice("ab")} if action == "transfer" else {}
                decide.act(hall, ADMIN, c.id, action, now, **args)
            else:
                action = rnd.choice(["finish"] * 6 + ["transfer"])
                args = {"to_counter_id": rnd.choice([1, 2, 3])} if action == "transfer" else {}
                decide.act(hall, ADMIN, c.id, action, now, **args)
        except DomainError:
            pass
        items += hall.pending
    hall.pending.clear()
    decide.close_day(hall, ADMIN, datetime(2026, 11, 24, 1, 30, tzinfo=T0.tzinfo))
    items += hall.pending
    return [(i + 1, at, t.value, d.model_dump(mode="json")) for i, (t, d, at) in enumerate(items)]


# -- the slow, obvious recomputation ---------------------------------------------------
def local_hour(at: datetime) -> str:
    return f"{at.astimezone(CFG.tz).hour:02d}"


class Expected:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.samples: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.maps: dict[tuple[str, str, str], dict[str, int]] = defaultdict(
            lambda: defaultdict(int)
        )

    def keys(self, at: datetime, service=None, proc=None, counter=None, clerk=None):  # type: ignore[no-untyped-def]
        out = [("day", ""), ("hour", local_hour(at))]
        out += [(d, v) for d, v in (("service", service), ("procedure", proc)) if v]
        out += [(d, str(v)) for d, v in (("counter", counter), ("clerk", clerk)) if v is not None]
        return out

    def add(self, keys, what: str, n: int = 1) -> None:  # type: ignore[no-untyped-def]
        for k in keys:
            self.counts[k][what] += n

    def sample(self, keys, what: str, ms: int) -> None:  # type: ignore[no-untyped-def]
        for k in keys:
            self.samples[(*k, what)].append(ms)

    def count(self, keys, what: str, key: str, n: int) -> None:  # type: ignore[no-untyped-def]
        for k in keys:
            self.maps[(*k, what)][key] += n


def ms(a: datetime, b: datetime) -> int:
    return (b - a) // timedelta(milliseconds=1)


def recompute(events: list[Ev]) -> Expected:
    x = Expected()
    levels = {lv.code: lv for lv in CFG.rating_levels}
    in_day = [e for e in events if day_of(e[2], e[1], e[3], CFG) == DAY]

    def ticket_events(tid: int, upto: int) -> list[Ev]:
        return [e for e in in_day if e[0] <= upto and e[3].get("ticket", {}).get("id") == tid]

    for seq, at, type_, d in in_day:
        t, c = d.get("ticket"), d.get("counter") or {}
        service, proc = (t["service_id"], t.get("procedure_id")) if t else (None, None)
        keys_at = x.keys(at, service, proc, c.get("id"), c.get("clerk_user_id"))
        if type_ == "ticket.issued":
            x.add(keys_at, "issued")
        elif type_ == "ticket.finished":
            x.add(keys_at, "served")
            started, finished = (
                datetime.fromisoformat(t[k]) for k in ("started_at", "finished_at")
            )
            x.sample(keys_at, "svc", ms(started, finished))
        elif type_ == "ticket.no_show":
            x.add(keys_at, "no_show")
        elif type_ == "ticket.cancelled":
            x.add(keys_at, "cancelled")
        elif type_ == "ticket.transferred":
            keys = x.keys(at, d["from_service_id"], proc, c["id"], c.get("clerk_user_id"))
            x.add(keys, "transferred")
        elif type_ == "ticket.called":
            mine = ticket_events(t["id"], seq)
            issued = [e for e in mine if e[2] == "ticket.issued"]
            if issued and [e for e in mine if e[2] == "ticket.called"][0][0] == seq:
                wait = ms(issued[0][1], at)
                x.sample(keys_at, "wait", wait)
                x.add(keys_at, "within", wait <= CFG.target_wait_s(t["service_id"]) * 1000)
        elif type_ == "day.closed":
            for tid in d["cancelled"]:
                last = ticket_events(tid, seq)[-1]
                lt = last[3]["ticket"]
                if lt["status"] in ("waiting", "called"):
                    x.add(x.keys(last[1], lt["service_id"], lt.get("procedure_id")), "cancelled")
        elif type_ == "rating.submitted":
            r = d["rating"]
            fin = [e for e in ticket_events(r["ticket_id"], seq) if e[2] == "ticket.finished"][-1]
            ft, fc = fin[3]["ticket"], fin[3]["counter"]
            who = fc.get("clerk_user_id")
            keys = x.keys(at, ft["service_id"], ft.get("procedure_id"), r["counter_id"], who)
            lv = levels[r["level"]]
            x.add(keys, "rated")
            x.add(keys, "satisfied", lv.counts_satisfied)
            x.count(keys, "ratings", r["level"], 1)
            for why in r["reasons"] if lv.low else []:
                x.count(keys, "reasons", why, 1)
    counter_time(x, in_day)
    return x


def state_before(in_day: list[Ev], upto: int) -> tuple[dict[int, dict], dict[str, int]]:  # type: ignore[type-arg]
    """Counters and waiting per field after the events up to seq `upto`, found afresh."""
    counters: dict[int, dict] = {}  # type: ignore[type-arg]
    status: dict[int, tuple[str, str]] = {}
    for seq, _at, _type, d in in_day:
        if seq > upto:
            break
        if d.get("ticket"):
            status[d["ticket"]["id"]] = (d["ticket"]["status"], d["ticket"]["service_id"])
        if d.get("counter"):
            counters[d["counter"]["id"]] = d["counter"]
        for tid in d.get("cancelled", []):
            if tid in status:
                status[tid] = ("cancelled", status[tid][1])
    waiting: dict[str, int] = defaultdict(int)
    for st_, sid in status.values():
        waiting[sid] += st_ == "waiting"
    return counters, waiting


def counter_time(x: Expected, in_day: list[Ev]) -> None:
    end = datetime.combine(DAY + timedelta(days=1), datetime.min.time(), CFG.tz)
    timed = [e for e in in_day if not (e[2] == "day.closed" and e[1] >= end)]
    for (seq, a, _t, _d), nxt in zip(timed, timed[1:], strict=False):
        b = min(nxt[1], end)
        counters, waiting = state_before(in_day, seq)
        marks, m = [], a.astimezone(CFG.tz).replace(minute=0, second=0, microsecond=0)
        while (m := m + timedelta(hours=1)) <= b:
            marks.append(m)
        for m in marks:
            if m < end:
                before = [e for e in in_day if e[1] < m]
                _c, w = state_before(in_day, before[-1][0])
                x.add([("hour", local_hour(m))], "waiting_sum", sum(w.values()))
                x.add([("hour", local_hour(m))], "waiting_samples")
        cuts = [a, *marks, b] if not marks or marks[-1] < b else [a, *marks]
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            for cid, c in counters.items():
                keys = x.keys(lo, counter=cid, clerk=c.get("clerk_user_id"))
                if c["status"] == "paused":
                    x.count(keys, "paused", c.get("pause_reason") or "", ms(lo, hi))
                elif c["status"] == "open" and c.get("current") is None:
                    fields_waiting = any(waiting[s] > 0 for s in c["services"])
                    x.add(keys, "idle", ms(lo, hi) if fields_waiting else 0)


def nonzero(x: Expected, k: tuple[str, str]) -> bool:
    """A row the fold keeps: something counted (an idle millisecond rounds to 0 s)."""
    return (
        any(x.counts[k].values())
        or any(x.samples[(*k, w)] for w in ("wait", "svc"))
        or any(any(x.maps[(*k, w)].values()) for w in ("ratings", "paused"))
    )


def nearest_rank(values: list[int], q: float) -> float:
    """The exact quantile; past 8 h it reads as 8 h (protocol/reports.py)."""
    v = sorted(values)
    return min(v[max(1, math.ceil(q * len(v) - 1e-9)) - 1] / 1000, MAX_S)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(10, 120), st.integers(1, 30))
def test_every_figure_is_the_log_recomputed(rnd, steps: int, cut: int) -> None:  # type: ignore[no-untyped-def]
    events = random_day(rnd, steps)
    fold = DayFold(CFG, DAY)
    pieces = DayFold(CFG, DAY)
    for i, (seq, at, type_, data) in enumerate(events):
        if day_of(type_, at, data, CFG) == DAY:
            fold.apply(seq, at, type_, data)
            pieces.apply(seq, at, type_, data)
            if i % cut == 0:
                pieces.rows()  # a report in between changes nothing
    got = fold.rows()
    assert pieces.rows() == got
    x = recompute(events)
    keys = {k for k in x.counts} | {k[:2] for k in x.samples} | {k[:2] for k in x.maps}
    assert {(dim, key) for _d, dim, key in got} == {k for k in keys if nonzero(x, k)}
    for (_d, dim, key), t in got.items():
        check(x, dim, key, t)


def check(x: Expected, dim: str, key: str, t: Tally) -> None:
    n, f = x.counts[(dim, key)], t.figures(CFG.rating_levels)
    where = (dim, key)
    for what in ("issued", "served", "no_show", "cancelled", "transferred"):
        assert getattr(f, what) == n[what], (where, what)
    waits, svcs = x.samples[(dim, key, "wait")], x.samples[(dim, key, "svc")]
    assert f.wait_mean_s == (round(sum(waits) / len(waits) / 1000, 1) if waits else None), where
    assert f.service_mean_s == (round(sum(svcs) / len(svcs) / 1000, 1) if svcs else None)
    for got, values, q in (
        (f.wait_median_s, waits, 0.5),
        (f.wait_p90_s, waits, 0.9),
        (f.service_p90_s, svcs, 0.9),
    ):
        if values:
            assert got is not None and abs(got - nearest_rank(values, q)) <= 5, (where, q)
        else:
            assert got is None
    assert f.within_target_share == (round(n["within"] / len(waits), 4) if waits else None)
    assert f.ratings == dict(x.maps[(dim, key, "ratings")])
    assert f.low_reasons == dict(x.maps[(dim, key, "reasons")])
    rated = n["rated"]
    assert f.satisfied_share == (round(n["satisfied"] / rated, 4) if rated else None)
    assert f.rating_coverage == (round(rated / n["served"], 4) if n["served"] else None)
    paused = x.maps[(dim, key, "paused")]
    assert f.paused_s == {k: v // 1000 for k, v in sorted(paused.items()) if v}, where
    assert f.idle_s == n["idle"] // 1000, where
    samples = n["waiting_samples"]
    assert f.waiting_mean == (round(n["waiting_sum"] / samples, 1) if samples else None)
