#!/usr/bin/env python3
"""Fan-out memory: the server's resident memory (RSS) with no, 1,000 and 5,000 idle
websocket subscribers (hall TVs and counter-top displays that only listen). One JSON line.
Subscribers run in separate processes (bench/lib/ws.py raw clients; they answer pings).

Run: .venv/bin/python bench/bench_fanout_memory.py --db sqlite   (or --db postgres)
"""

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.display_load import SubPlan, run_subscribers  # noqa: E402
from bench.lib.procs import Worker, event  # noqa: E402
from bench.lib.report import emit, note  # noqa: E402
from bench.lib.server import BenchServer  # noqa: E402

SETTLE_S = 3.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--steps", default="1000,5000", help="subscriber totals to measure at")
    args = ap.parse_args()
    steps = [int(x) for x in args.steps.split(",")]
    out: dict[str, Any] = {"bench": "fanout_memory", "db": args.db, "server_processes": 1}
    with BenchServer(args.db) as srv:
        head = srv.api("GET", "/state", srv.display_token).json()["seq"]
        time.sleep(SETTLE_S)
        out["rss_mb_idle"] = srv.rss_mb()
        stop, workers, have = event(), [], 0
        for total in steps:
            ready = event()
            plan = SubPlan(srv.port, srv.display_token, head, total - have)
            workers.append(Worker(run_subscribers, plan, ready, stop).start())
            if not ready.wait(300):
                raise RuntimeError("subscribers did not connect")
            have = total
            time.sleep(SETTLE_S)
            note(f"[fanout_memory/{args.db}] {total} subscribers")
            out[f"rss_mb_at_{total}"] = srv.rss_mb()
        status = srv.api("GET", "/state", srv.display_token).status_code
        out["server_answers_http"] = status == 200
        stop.set()
        for w in workers:
            w.result()
    first = steps[0]
    out["per_subscriber_kb"] = round(
        (out[f"rss_mb_at_{steps[-1]}"] - out["rss_mb_idle"]) * 1024 / steps[-1], 1
    )
    if first == 1000:
        out["targets"] = {"rss_lt_150mb_at_1000": out["rss_mb_at_1000"] < 150}
    emit(out)


if __name__ == "__main__":
    main()
