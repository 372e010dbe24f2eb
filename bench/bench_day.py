#!/usr/bin/env python3
"""A day in the busiest hall: 10,000 tickets over the 37 counters of
bench/centre-37.yaml. Arrivals follow a one-stop shop's day (07:00-17:00, morning rush,
lunch dip), 8% priority citizens, 5% no-shows, lognormal service times (mean 80 s; the
hall must clear 10,000 in a day), all compressed so the day passes in a few minutes.
Counters keep calling until their queues are empty. Prints one JSON line: whether every
ticket ended in a final state, waits (in real-day minutes), throughput and answers.

Load: kiosks (hundreds of kiosk devices, each its own token within the 20/60 s limit —
in compressed time) and 37 clerks, each in the load processes, not the server's.

Run: .venv/bin/python bench/bench_day.py --db sqlite [--tickets 10000 --minutes 3]
"""

import argparse
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.day_load import DAY_S, DayPlan, arrival_times, run_clerks, run_kiosks  # noqa: E402
from bench.lib.procs import Worker, event  # noqa: E402
from bench.lib.report import emit, note, percentile  # noqa: E402
from bench.lib.server import CENTRE, BenchServer  # noqa: E402
from server.centre import load_centre_file  # noqa: E402
from server.store.db import normalise_url  # noqa: E402

FINAL = ("done", "no_show", "cancelled")
PRIORITY_SHARE = 0.08


def plan_tickets(n: int, seed: int) -> list[tuple[float, str, str | None]]:
    cfg = load_centre_file(CENTRE)
    rng = random.Random(seed)
    weights: dict[str, float] = {}
    for c in cfg.counters:  # demand in proportion to the counters a field has
        for s in c.services:
            weights[s.id] = weights.get(s.id, 0) + s.weight
    groups = [g.code for g in cfg.priority_groups]
    services = rng.choices(list(weights), weights=list(weights.values()), k=n)
    return [
        (at, svc, rng.choice(groups) if rng.random() < PRIORITY_SHARE else None)
        for at, svc in zip(arrival_times(n, rng), services, strict=True)
    ]


def day_figures(db_url: str, compress: float) -> dict[str, Any]:
    engine = create_engine(normalise_url(db_url))
    with engine.connect() as c:
        states = dict(c.execute(text("SELECT status, count(*) FROM ticket GROUP BY status")).all())
        rows = c.execute(text("SELECT queue_at, called_at FROM ticket WHERE called_at IS NOT NULL"))
        waits = [_seconds(b) - _seconds(a) for a, b in rows]
    engine.dispose()
    real_min = [w * compress / 60 for w in waits]
    return {
        "states": states,
        "not_final": sum(v for k, v in states.items() if k not in FINAL),
        "wait_real_min": {
            "p50": _r(percentile(real_min, 50)),
            "p90": _r(percentile(real_min, 90)),
            "max": _r(max(real_min) if real_min else None),
        },
    }


def _seconds(v: Any) -> float:
    from datetime import datetime

    return (datetime.fromisoformat(v) if isinstance(v, str) else v).timestamp()


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--tickets", type=int, default=10_000)
    ap.add_argument("--minutes", type=float, default=3.0, help="wall-clock length of the day")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    compress = DAY_S / (args.minutes * 60)
    tickets = plan_tickets(args.tickets, args.seed)
    # Each kiosk within 20 tickets per 60 s of wall-clock time, with room for the rush.
    kiosks = math.ceil(args.tickets / (args.minutes * 20) * 2.5)
    cfg = load_centre_file(CENTRE)
    out: dict[str, Any] = {"bench": "day", "db": args.db, "server_processes": 1}
    out["day"] = {
        "tickets": args.tickets,
        "counters": len(cfg.counters),
        "kiosks": kiosks,
        "compressed_to_min": args.minutes,
        "real_s_per_wall_s": round(compress),
    }
    with BenchServer(args.db, kiosks=kiosks) as srv:
        clerks = []
        for c in cfg.counters:
            token = srv.login(f"canbo{c.id}")
            srv.api("POST", f"/counters/{c.id}/open", token).raise_for_status()
            clerks.append((c.id, token))
        plan = DayPlan(srv.port, srv.kiosk_tokens, tickets, compress, clerks, seed=args.seed)
        done = event()
        cpu0, t0 = srv.cpu_s(), time.monotonic()
        note(f"[day/{args.db}] {args.tickets} tickets, day compressed to {args.minutes:g} min")
        clerk_w = Worker(run_clerks, plan, done).start()
        kiosk_res = Worker(run_kiosks, plan).start().result(timeout=3600)
        done.set()
        clerk_res = clerk_w.result(timeout=3600)
        wall = time.monotonic() - t0
        out["wall_s"] = round(wall, 1)
        out["arrivals_wall_s"] = round(kiosk_res.elapsed_s, 1)
        out["drain_after_arrivals_s"] = round(wall - kiosk_res.elapsed_s, 1)
        out["server_cpu"] = round((srv.cpu_s() - cpu0) / wall, 2)
        requests = sum(kiosk_res.statuses.values()) + sum(clerk_res.statuses.values())
        out["requests_per_s"] = round(requests / wall, 1)
        out["served_per_wall_min"] = round(clerk_res.served / wall * 60, 1)
        out["answers"] = dict(sorted((kiosk_res.statuses + clerk_res.statuses).items()))
        out.update(day_figures(srv.db_url, compress))
    out["issued"] = kiosk_res.issued
    out["completes"] = out["not_final"] == 0 and kiosk_res.issued == args.tickets
    emit(out)


if __name__ == "__main__":
    main()
