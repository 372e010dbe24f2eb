#!/usr/bin/env python3
"""Issue throughput: concurrent kiosks (HTTP keep-alive) issuing tickets against ONE
server process. Prints one JSON line:

  at_rate           latency at a fixed offered rate (default 100 tickets/s), kiosk tokens
  kiosks            closed-loop throughput, load from many kiosk devices, each with its own
                    token and within the centre's kiosk limit (20 tickets / 60 s each)
  admin             closed-loop throughput with one admin token on 32 connections: raw
                    capacity, no kiosk limit check (the headline figure; targets
                    >= 1500/s SQLite, >= 800/s PostgreSQL)
  bare              the same closed loop against a bare Starlette endpoint under uvicorn
                    with the server's options, in the same run (bench/lib/bare.py);
                    `admin_vs_bare` is the share of that ceiling the server reaches

The admin and bare phases use bench/lib/fastload.py (keep-alive connections as bare
asyncio Protocols, `--gen-procs` processes; each reports its CPU per request, so the
generator's own ceiling is in the line). Latencies are client-side (request written ->
answer read; at_rate from the scheduled send time). The load generators are separate
processes; `server_cpu` is the fraction of one core the server used during the phase.
Nobody calls tickets here, so the waiting queue grows to `waiting_at_end` (spread over
the 12 fields of bench/centre-37.yaml).

Run: .venv/bin/python bench/bench_issue.py --db sqlite   (or --db postgres; --quick)
"""

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.bare import bare_post_rate, ratio  # noqa: E402
from bench.lib.issue_load import IssuePlan, IssueResult, issue_closed, run_plan  # noqa: E402
from bench.lib.procs import Worker  # noqa: E402
from bench.lib.report import emit, latency_ms, note  # noqa: E402
from bench.lib.server import BenchServer, service_ids  # noqa: E402

PER_KIOSK = 20  # the centre's kiosk_limit: tickets per kiosk per 60 s
TARGET_PER_S = {"sqlite": 1500, "postgres": 800}  # admin closed loop, one process


def phase(srv: BenchServer, plan: IssuePlan) -> dict[str, Any]:
    cpu0, t0 = srv.cpu_s(), time.perf_counter()
    res: IssueResult = Worker(run_plan, plan).start().result()
    wall = time.perf_counter() - t0
    ok = res.statuses.get(201, 0)
    return {
        "tickets": plan.tickets,
        "ok": ok,
        "statuses": {str(k): v for k, v in sorted(res.statuses.items())},
        "tickets_per_s": round(ok / res.elapsed_s, 1),
        **latency_ms(res.latencies),
        "server_cpu": round((srv.cpu_s() - cpu0) / wall, 2),
        **({"errors": res.errors} if res.errors else {}),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--tickets", type=int, default=8000, help="per throughput phase")
    ap.add_argument("--concurrency", type=int, default=64, help="kiosk connections")
    ap.add_argument("--rate", type=float, default=100.0, help="offered tickets/s")
    ap.add_argument("--rate-seconds", type=float, default=10.0)
    ap.add_argument("--connections", type=int, default=32, help="admin and bare phases")
    ap.add_argument("--seconds", type=float, default=8.0, help="admin and bare phases")
    ap.add_argument("--gen-procs", type=int, default=2, help="generator processes")
    ap.add_argument(
        "--quick", action="store_true", help="short phases (checks the script, not figures)"
    )
    args = ap.parse_args()
    if args.quick:
        args.tickets, args.rate_seconds, args.seconds = 600, 2.0, 3.0

    rate_n = int(args.rate * args.rate_seconds)
    rate_kiosks = math.ceil(rate_n / PER_KIOSK)
    thr_kiosks = math.ceil(args.tickets / PER_KIOSK)
    services = service_ids()
    out: dict[str, Any] = {"bench": "issue", "db": args.db, "server_processes": 1}
    with BenchServer(args.db, kiosks=rate_kiosks + thr_kiosks) as srv:
        admin = srv.login("admin")
        note(f"[issue/{args.db}] warm-up")
        phase(srv, IssuePlan(srv.port, [admin], services, 300, 10**9, concurrency=8))
        note(f"[issue/{args.db}] {args.rate:g}/s offered for {args.rate_seconds:g} s")
        out["at_rate"] = {
            "offered_per_s": args.rate,
            "auth": f"{rate_kiosks} kiosk tokens",
            **phase(
                srv,
                IssuePlan(
                    srv.port,
                    srv.kiosk_tokens[:rate_kiosks],
                    services,
                    rate_n,
                    PER_KIOSK,
                    concurrency=16,
                    rate=args.rate,
                ),
            ),
        }
        note(f"[issue/{args.db}] kiosks, closed loop, {args.concurrency} connections")
        out["kiosks"] = {
            "auth": f"{thr_kiosks} kiosk tokens, <= {PER_KIOSK} tickets each",
            "connections": args.concurrency,
            **phase(
                srv,
                IssuePlan(
                    srv.port,
                    srv.kiosk_tokens[rate_kiosks:],
                    services,
                    args.tickets,
                    PER_KIOSK,
                    concurrency=args.concurrency,
                ),
            ),
        }
        note(f"[issue/{args.db}] admin token, closed loop, {args.connections} connections")
        assert srv.proc is not None
        out["admin"] = {
            "auth": "one admin token (raw capacity, no kiosk limit)",
            **issue_closed(
                srv.port,
                admin,
                services,
                args.connections,
                args.seconds,
                args.gen_procs,
                watch_pid=srv.proc.pid,
            ),
            "target_per_s": TARGET_PER_S[args.db],
        }
        note(f"[issue/{args.db}] bare Starlette endpoint, same generator")
        out["bare"] = bare_post_rate(args.connections, args.seconds, 1.0, args.gen_procs)
        out["admin_vs_bare"] = ratio(out["admin"]["tickets_per_s"], out["bare"]["requests_per_s"])
        state = srv.api("GET", "/state", admin).json()
        out["waiting_at_end"] = len(state["waiting"])
        out["server_rss_mb"] = srv.rss_mb()
    a, r, target = out["admin"], out["at_rate"], TARGET_PER_S[args.db]
    out["targets"] = {
        f"admin_ge_{target}_per_s": a["tickets_per_s"] >= target,
        "p99_lt_20ms_at_100_per_s": (r["p99_ms"] or 1e9) < 20,
    }
    emit(out)


if __name__ == "__main__":
    main()
