#!/usr/bin/env python3
"""Issue throughput: concurrent kiosks (HTTP keep-alive) issuing tickets against ONE
server process. Prints one JSON line:

  at_rate           latency at a fixed offered rate (default 100 tickets/s), kiosk tokens
  kiosks            closed-loop throughput, load from many kiosk devices, each with its own
                    token and within the centre's kiosk limit (20 tickets / 60 s each)
  admin             closed-loop throughput with one admin token: raw capacity, no kiosk
                    limit check

Latencies are client-side (request written -> answer read; at_rate from the scheduled
send time). The load generator is a separate process; `server_cpu` is the fraction of
one core the server used during the phase. Nobody calls tickets here, so the waiting
queue grows to `waiting_at_end` (spread over the 12 fields of bench/centre-37.yaml).

Run: .venv/bin/python bench/bench_issue.py --db sqlite   (or --db postgres)
"""

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.issue_load import IssuePlan, IssueResult, run_plan  # noqa: E402
from bench.lib.procs import Worker  # noqa: E402
from bench.lib.report import emit, latency_ms, note  # noqa: E402
from bench.lib.server import BenchServer, service_ids  # noqa: E402

PER_KIOSK = 20  # the centre's kiosk_limit: tickets per kiosk per 60 s


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
    args = ap.parse_args()

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
        note(f"[issue/{args.db}] admin token, closed loop")
        out["admin"] = {
            "auth": "one admin token (raw capacity, no kiosk limit)",
            "connections": args.concurrency,
            **phase(
                srv,
                IssuePlan(
                    srv.port, [admin], services, args.tickets, 10**9, concurrency=args.concurrency
                ),
            ),
        }
        state = srv.api("GET", "/state", admin).json()
        out["waiting_at_end"] = len(state["waiting"])
        out["server_rss_mb"] = srv.rss_mb()
    k, r = out["kiosks"], out["at_rate"]
    out["targets"] = {
        "throughput_ge_1500_per_s": k["tickets_per_s"] >= 1500,
        "p99_lt_20ms_at_100_per_s": (r["p99_ms"] or 1e9) < 20,
    }
    emit(out)


if __name__ == "__main__":
    main()
