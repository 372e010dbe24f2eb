#!/usr/bin/env python3
"""The audit trail over a year of a centre's log: does a day's page stay cheap when the
log holds a year? A year of the sample centre's events (300 tickets a working day, each
issued, called, started, finished or a no-show, a third rated; counters opened, paused,
resumed, closed; the day closed at midnight) is written in bulk, then the audit query
(server/queries/audit.py, as GET /audit runs it) reads pages of one day: the first page,
a page further on by its cursor, and each filter, for a day of the year's start, middle
and end. One JSON line: the log's size, how long writing it took, p50/max per page kind
(ms), and, beside them, what counting the whole log costs (what a page must not do).

Run: .venv/bin/python bench/bench_audit.py --db sqlite [--days 365 --tickets 300]
"""

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from bench.lib.audit_log import write_log, year_of_events  # noqa: E402
from bench.lib.report import emit, latency_ms, note  # noqa: E402
from bench.lib.server import ensure_pg_env  # noqa: E402
from motcua.demo import SAMPLE, prepare  # noqa: E402
from protocol.events import EventType  # noqa: E402
from server.centre import load_centre_file  # noqa: E402
from server.commands.context import Context  # noqa: E402
from server.domain.clock import SystemClock  # noqa: E402
from server.queries.audit import AuditQuery, audit_page  # noqa: E402
from server.store.db import open_database  # noqa: E402
from tests.support.databases import fresh_database  # noqa: E402

PAGES: dict[str, dict[str, Any]] = {
    "first_page": {},
    "third_page": {"pages": 3},
    "actor": {"actor": "Cán bộ quầy 7"},
    "actor_folded": {"actor": "can bo quay 7"},
    "counter": {"counter": 5},
    "number": {"number": "1012"},
    "type_no_show": {"type": EventType.TICKET_NO_SHOW},
    "actor_and_type": {"actor": "canbo3", "type": EventType.TICKET_CALLED},
}


def timed_page(ctx: Context, site: str, day: date, spec: dict[str, Any]) -> tuple[float, int]:
    spec = dict(spec)
    pages, cursor, rows = spec.pop("pages", 1), None, 0
    t0 = time.perf_counter()
    for _ in range(pages):
        page = audit_page(ctx, site, AuditQuery(day=day, before=cursor, **spec))
        rows = len(page.rows)
        cursor = int(page.next_cursor) if page.next_cursor else None
    return (time.perf_counter() - t0) / pages, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--tickets", type=int, default=300, help="tickets a working day")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    if args.db == "postgres":
        ensure_pg_env()
    cfg = load_centre_file(SAMPLE)
    today = date.today()
    out: dict[str, Any] = {"bench": "audit", "db": args.db}
    with (
        tempfile.TemporaryDirectory(prefix="motcua-b-") as tmp,
        fresh_database(args.db, Path(tmp)) as url,
    ):
        prepare(url, SAMPLE)
        ctx = Context(db=open_database(url), clock=SystemClock())
        note(f"[audit/{args.db}] writing {args.days} days of {args.tickets} tickets")
        t0 = time.monotonic()
        log = year_of_events(cfg, today, args.days, args.tickets)
        events = write_log(ctx.db, cfg.site, log)
        working = sum(1 for b in range(args.days) if (today - timedelta(b)).weekday() < 5)
        out["log"] = {
            "days": args.days,
            "working_days": working,
            "events": events,
            "events_per_day": round(events / max(working, 1)),
            "write_s": round(time.monotonic() - t0, 1),
        }
        days = {
            "oldest": _working(today - timedelta(args.days - 1), 1),
            "middle": _working(today - timedelta(args.days // 2), 1),
            "newest": _working(today, -1),
        }
        note(f"[audit/{args.db}] {events} events; timing pages")
        timed_page(ctx, cfg.site, days["middle"], {})  # warm: the centre file parsed once
        pages: dict[str, Any] = {}
        for name, spec in PAGES.items():
            for which, day in days.items():
                runs = [timed_page(ctx, cfg.site, day, spec) for _ in range(args.repeat)]
                lat = latency_ms([s for s, _ in runs])
                pages[f"{name}/{which}"] = {
                    "p50_ms": lat["p50_ms"],
                    "max_ms": lat["max_ms"],
                    "rows": runs[0][1],
                }
        out["pages"] = pages
        out["whole_log_count_ms"] = _count_ms(ctx, cfg.site)
        ctx.db.dispose()
    emit(out)


def _working(day: date, step: int) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def _count_ms(ctx: Context, site: str) -> float:
    with ctx.db.reader.connect() as c:
        t0 = time.perf_counter()
        sql = "SELECT count(*), max(length(actor)) FROM event WHERE site = :s"
        c.execute(text(sql), {"s": site})
        return round((time.perf_counter() - t0) * 1000, 1)


if __name__ == "__main__":
    main()
