#!/usr/bin/env python3
"""Reports over a province's year: --centres centres × --days business days × --per-day
tickets (default 30 × 300 × 600 ≈ 5.4 million tickets). The days are generated in bulk,
not through the API: --templates distinct days per centre, each a day of events (issue,
call, start, finish, no-shows, ratings, a lunch pause) folded by the reports' own fold
(server/domain/report_fold.py) and stored by the aggregates' own writer, then reused for
the other dates (the stored rows are what a year of such days stores). Times the report
(as GET /reports builds it, without HTTP) for the year and for a day, province-wide and
for one centre, and the Excel file of one centre's year. Prints one JSON line.

Run: .venv/bin/python bench/bench_reports.py --db sqlite|postgres [--centres 2 --days 20]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, update  # noqa: E402

from bench.lib.report import emit, note  # noqa: E402
from bench.lib.server import ensure_pg_env  # noqa: E402
from motcua.demo import prepare  # noqa: E402
from protocol.centre import CentreConfig  # noqa: E402
from protocol.reports import ReportBy  # noqa: E402
from server.domain.clock import FakeClock  # noqa: E402
from server.domain.report_fold import DayFold  # noqa: E402
from server.queries.reports import build_report  # noqa: E402
from server.queries.reports_xlsx import workbook  # noqa: E402
from server.store.aggregates import report_agg  # noqa: E402
from server.store.context import Context  # noqa: E402
from server.store.db import open_database  # noqa: E402
from server.store.report_log import LiveDays, store_days  # noqa: E402
from server.store.tables import Site  # noqa: E402
from tests.support.databases import fresh_database  # noqa: E402

FIRST = date(2025, 1, 1)


def business_days(n: int) -> list[date]:
    out, d = [], FIRST
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


def day_events(cfg: CentreConfig, day: date, n: int, rng: random.Random) -> list[Any]:
    """A plausible day of `n` tickets as (seq, at, type, data) with the data the log holds."""
    tz, out = cfg.tz, []
    opening = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=7, minutes=30)
    counters = {c.id: [s.id for s in c.services] for c in cfg.counters}
    free = dict.fromkeys(counters, opening)
    procs = {s.id: [p.id for p in s.procedures] or [None] for s in cfg.services}
    levels = [lv.code for lv in cfg.rating_levels]

    def cstate(cid: int, status: str, current: Any = None, reason: Any = None) -> dict[str, Any]:
        return {
            "id": cid,
            "status": status,
            "clerk_user_id": 1000 + cid,
            "services": counters[cid],
            "current": current,
            "pause_reason": reason,
        }

    for cid in counters:
        out.append((opening, "counter.opened", {"counter": cstate(cid, "open")}))
        lunch = opening + timedelta(hours=4, minutes=rng.randint(0, 40))
        out.append((lunch, "counter.paused", {"counter": cstate(cid, "paused", None, "Nghỉ trưa")}))
        out.append(
            (lunch + timedelta(minutes=45), "counter.resumed", {"counter": cstate(cid, "open")})
        )
    arrivals = sorted(opening + timedelta(seconds=rng.uniform(0, 9 * 3600)) for _ in range(n))
    for i, issued in enumerate(arrivals):
        sid = rng.choice(list(procs))
        cid = min((c for c in counters if sid in counters[c]), key=lambda c: free[c])
        t = {
            "id": i + 1,
            "service_id": sid,
            "procedure_id": rng.choice(procs[sid]),
            "status": "waiting",
        }
        out.append((issued, "ticket.issued", {"ticket": dict(t)}))
        called = max(issued, free[cid]) + timedelta(seconds=rng.randint(5, 60))
        cur = dict(t, status="called")
        out.append((called, "ticket.called", {"ticket": cur, "counter": cstate(cid, "open", cur)}))
        if rng.random() < 0.05:
            gone = dict(t, status="no_show")
            out.append(
                (
                    called + timedelta(seconds=90),
                    "ticket.no_show",
                    {"ticket": gone, "counter": cstate(cid, "open")},
                )
            )
            free[cid] = called + timedelta(seconds=90)
            continue
        started = called + timedelta(seconds=rng.randint(10, 60))
        finished = started + timedelta(seconds=rng.lognormvariate(5.5, 0.6))
        srv = dict(t, status="serving")
        out.append(
            (started, "ticket.started", {"ticket": srv, "counter": cstate(cid, "open", srv)})
        )
        done = dict(
            t, status="done", started_at=started.isoformat(), finished_at=finished.isoformat()
        )
        out.append((finished, "ticket.finished", {"ticket": done, "counter": cstate(cid, "open")}))
        free[cid] = finished
        if rng.random() < 0.6:
            level = rng.choices(levels, weights=[50, 40, 8, 2][: len(levels)])[0]
            rating = {"ticket_id": i + 1, "counter_id": cid, "level": level, "reasons": []}
            out.append((finished + timedelta(seconds=20), "rating.submitted", {"rating": rating}))
    out.sort(key=lambda e: e[0])
    return [(i + 1, at.astimezone(UTC), type_, data) for i, (at, type_, data) in enumerate(out)]


def load(
    db_url: str, centres: int, days: list[date], per_day: int, templates: int
) -> dict[str, Any]:
    db = open_database(db_url)
    with db.reader.connect() as conn:
        base = conn.execute(select(Site)).first()
    assert base is not None
    cfg = CentreConfig.model_validate(base.config)
    codes = [f"tinh-{i + 1:02d}" for i in range(centres)]
    with db.writer.connect() as conn:
        conn.begin()
        for code in codes:
            row = dict(
                base._mapping,
                code=code,
                name=f"Trung tâm {code}",
                business_day=days[-1] + timedelta(days=1),
            )
            conn.execute(insert(Site), [row])
        conn.execute(
            update(Site)
            .where(Site.code == base.code)
            .values(business_day=days[-1] + timedelta(days=1))
        )
        conn.commit()
    rng = random.Random(11)
    fold_s, events = 0.0, 0
    made: list[dict[Any, Any]] = []
    for k in range(templates):
        evs = day_events(cfg, days[k % len(days)], per_day, rng)
        t0 = time.perf_counter()
        fold = DayFold(cfg, days[k % len(days)])
        for e in evs:
            fold.apply(*e)
        made.append({(dim, key): t for (_d, dim, key), t in fold.rows().items()})
        fold_s += time.perf_counter() - t0
        events += len(evs)
    t0 = time.perf_counter()
    for n, code in enumerate(codes):
        for i in range(0, len(days), 31):
            batch = {
                d: {(d, dim, key): t for (dim, key), t in made[(j + n) % templates].items()}
                for j, d in enumerate(days[i : i + 31], start=i)
            }
            store_days(db, code, batch)
        note(f"stored {code}")
    store_s = time.perf_counter() - t0
    with db.reader.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(report_agg)).scalar_one()
    db.dispose()
    return {
        "fold_events_per_s": round(events / fold_s),
        "store_s": round(store_s, 1),
        "rows": rows,
        "codes": codes,
    }


def timed(fn: Any, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return round(statistics.median(runs) * 1000, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--centres", type=int, default=30)
    ap.add_argument("--days", type=int, default=300)
    ap.add_argument("--per-day", type=int, default=600)
    ap.add_argument("--templates", type=int, default=12, help="distinct days per centre")
    a = ap.parse_args()
    if a.db == "postgres":
        ensure_pg_env()
    days = business_days(a.days)
    with (
        tempfile.TemporaryDirectory(prefix="motcua-r-") as tmp,
        fresh_database(a.db, Path(tmp)) as url,
    ):
        prepare(url)
        made = load(url, a.centres, days, a.per_day, min(a.templates, len(days)))
        codes = made.pop("codes")
        ctx = Context(db=open_database(url), clock=FakeClock(datetime(2026, 1, 1, tzinfo=UTC)))
        live = LiveDays(ctx.db, ctx.config)
        first, last, mid = days[0], days[-1], days[len(days) // 2]  # mid: a closed day

        def rep(sites: list[str], a_: date, b: date, by: ReportBy = ReportBy.SERVICE) -> Any:
            return build_report(ctx, live, sites, a_, b, by)

        y0, y1 = date(FIRST.year, 1, 1), date(FIRST.year, 12, 31)  # a calendar year
        r0 = days[len(days) // 4]  # any twelve months: days, months, quarters, days
        r1 = r0 + timedelta(days=364)
        out = {
            "bench": "reports",
            "db": a.db,
            "centres": a.centres,
            "days": a.days,
            "per_day": a.per_day,
            "tickets": a.centres * a.days * a.per_day,
            "issued_in_report": rep(codes, first, last).total.issued,
            **made,
            "province_year_by_service_ms": timed(lambda: rep(codes, y0, y1)),
            "province_year_by_procedure_ms": timed(
                lambda: rep(codes, y0, y1, ReportBy.PROCEDURE), 1
            ),
            "province_year_by_day_ms": timed(lambda: rep(codes, y0, y1, ReportBy.DAY), 1),
            "province_any_12_months_by_service_ms": timed(lambda: rep(codes, r0, r1)),
            "province_day_by_service_ms": timed(lambda: rep(codes, mid, mid)),
            "centre_year_by_service_ms": timed(lambda: rep(codes[:1], y0, y1)),
            "centre_day_by_service_ms": timed(lambda: rep(codes[:1], mid, mid)),
            "centre_year_xlsx_ms": timed(
                lambda: workbook(
                    rep(codes[:1], y0, y1),
                    {b: rep(codes[:1], y0, y1, b) for b in ReportBy if b != ReportBy.SERVICE},
                ),
                1,
            ),
        }
        ctx.db.dispose()
    emit(out)


if __name__ == "__main__":
    main()
