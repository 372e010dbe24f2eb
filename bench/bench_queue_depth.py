#!/usr/bin/env python3
"""Queue depth: does a long waiting queue make issuing and calling slower? One server
process, all load through the HTTP API (bench/lib/fastload.py generators). One JSON line.

  empty   call-next: C counters (one per field, each its clerk) run call-next -> start
          -> finish cycles, closed loop, through exactly the tickets issued for them (so
          the queue drains to 0); then issue, closed loop from an empty queue
  fill    tickets issued through the API (several connections) until --depth wait
  deep    the same two measurements with --depth tickets waiting (spread over the 12
          fields of bench/centre-37.yaml, so each counter has depth/12 in its own field)
  bare    the bare Starlette endpoint with the same generator, same run

Figures: tickets/s and cycles/s (and call-next latency) for empty and deep, and
deep/empty ratios (target >= 0.8); issue and request rates beside the bare rate.

Run: .venv/bin/python bench/bench_queue_depth.py --db sqlite [--quick]
"""

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.bare import bare_post_rate, ratio  # noqa: E402
from bench.lib.fastload import request, run_closed  # noqa: E402
from bench.lib.issue_load import issue_closed, issue_scripts  # noqa: E402
from bench.lib.report import emit, latency_ms, note  # noqa: E402
from bench.lib.server import CENTRE, BenchServer, service_ids  # noqa: E402
from server.centre import load_centre_file  # noqa: E402

TARGET_RATIO = 0.8


def waiting(srv: BenchServer, token: str) -> int:
    return len(srv.api("GET", "/state", token).json()["waiting"])


def issue_for(srv: BenchServer, token: str, services: list[str], each: int, procs: int) -> None:
    """`each` tickets in every one of `services` (one connection per service)."""
    scripts = [
        [request("POST", "/api/v1/tickets", token, {"service_id": s}, "issue", True)]
        for s in services
    ]
    res = run_closed(srv.port, scripts, processes=procs, rounds=each)
    if res.ok("issue") != each * len(services):
        raise RuntimeError(f"pre-issue failed: {dict(res.statuses)} {res.errors}")


def cycles(
    srv: BenchServer, clerks: list[tuple[int, str]], rounds: int, procs: int
) -> dict[str, Any]:
    """call-next -> start -> finish, `rounds` times at every counter, closed loop."""
    scripts = []
    for cid, token in clerks:
        base = f"/api/v1/counters/{cid}"
        scripts.append(
            [
                request("POST", f"{base}/{a}", token, label=a)
                for a in ("call-next", "start", "finish")
            ]
        )
    assert srv.proc is not None
    res = run_closed(srv.port, scripts, processes=procs, rounds=rounds, watch_pid=srv.proc.pid)
    return {
        "counters": len(clerks),
        "cycles_per_s": round(res.rate("finish"), 1),
        "requests_per_s": round(res.requests / res.window_s, 1) if res.window_s else None,
        "cycles": res.ok("finish"),
        "call_next": latency_ms(res.latencies.get("call-next", [])),
        "statuses": dict(sorted(res.statuses.items())),
        "server_cpu": res.server_cpu(),
        **({"errors": res.errors} if res.errors else {}),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--depth", type=int, default=5000, help="tickets waiting in the deep phase")
    ap.add_argument("--connections", type=int, default=32, help="issue phases")
    ap.add_argument("--seconds", type=float, default=6.0, help="issue phases")
    ap.add_argument("--counters", type=int, default=8, help="one per field, <= 12")
    ap.add_argument("--cycles", type=int, default=60, help="per counter per phase")
    ap.add_argument("--gen-procs", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="short phases (checks the script)")
    args = ap.parse_args()
    if args.quick:
        args.seconds, args.cycles = 3.0, 20
    cfg = load_centre_file(CENTRE)
    firsts: dict[str, int] = {}
    for c in cfg.counters:  # the first dedicated counter of each field
        if len(c.services) == 1:
            firsts.setdefault(c.services[0].id, c.id)
    chosen = list(firsts.items())[: args.counters]
    services, procs = service_ids(), args.gen_procs
    out: dict[str, Any] = {"bench": "queue_depth", "db": args.db, "server_processes": 1}
    with BenchServer(args.db) as srv:
        assert srv.proc is not None
        admin = srv.login("admin")
        clerks = []
        for _, cid in chosen:
            token = srv.login(f"canbo{cid}")
            srv.api("POST", f"/counters/{cid}/open", token).raise_for_status()
            clerks.append((cid, token))

        def issue_phase() -> dict[str, Any]:
            before = waiting(srv, admin)
            r = issue_closed(
                srv.port, admin, services, args.connections, args.seconds, procs, 1.0, srv.proc.pid
            )
            return {"waiting_at_start": before, **r}

        note(f"[queue_depth/{args.db}] empty: {len(clerks)} counters x {args.cycles} cycles")
        issue_for(srv, admin, [s for s, _ in chosen], args.cycles, procs)
        empty_calls = {
            "waiting_at_start": waiting(srv, admin),
            **cycles(srv, clerks, args.cycles, procs),
        }
        note(f"[queue_depth/{args.db}] empty: issue, closed loop")
        empty_issue = issue_phase()

        fill = max(0, args.depth - waiting(srv, admin))
        note(f"[queue_depth/{args.db}] filling {fill} tickets through the API")
        scripts = issue_scripts(admin, services, 16)
        res = run_closed(srv.port, scripts, processes=procs, total=fill)
        out["fill"] = {
            "tickets": res.ok("issue"),
            "tickets_per_s": round(res.rate("issue"), 1),
            "seconds": round(res.window_s, 1),
        }
        note(f"[queue_depth/{args.db}] deep: issue, closed loop")
        deep_issue = issue_phase()
        note(f"[queue_depth/{args.db}] deep: {len(clerks)} counters x {args.cycles} cycles")
        deep_calls = {
            "waiting_at_start": waiting(srv, admin),
            **cycles(srv, clerks, args.cycles, procs),
        }
        out["waiting_at_end"] = waiting(srv, admin)
        note(f"[queue_depth/{args.db}] bare Starlette endpoint")
        bare = bare_post_rate(args.connections, args.seconds, 1.0, procs)
    issue_r = ratio(deep_issue["tickets_per_s"], empty_issue["tickets_per_s"])
    calls_r = ratio(deep_calls["cycles_per_s"], empty_calls["cycles_per_s"])
    p50e, p50d = empty_calls["call_next"]["p50_ms"], deep_calls["call_next"]["p50_ms"]
    out["issue"] = {"empty": empty_issue, "deep": deep_issue, "deep_vs_empty": issue_r}
    out["call_next"] = {
        "empty": empty_calls,
        "deep": deep_calls,
        "deep_vs_empty": calls_r,
        "p50_latency_empty_vs_deep": ratio(p50e, p50d),
    }
    out["bare"] = bare
    out["vs_bare"] = {
        "issue_empty": ratio(empty_issue["tickets_per_s"], bare["requests_per_s"]),
        "issue_deep": ratio(deep_issue["tickets_per_s"], bare["requests_per_s"]),
        "call_cycle_requests_empty": ratio(empty_calls["requests_per_s"], bare["requests_per_s"]),
        "call_cycle_requests_deep": ratio(deep_calls["requests_per_s"], bare["requests_per_s"]),
    }
    out["targets"] = {
        "issue_deep_vs_empty_ge_0.8": (issue_r or 0) >= TARGET_RATIO,
        "call_next_deep_vs_empty_ge_0.8": (calls_r or 0) >= TARGET_RATIO,
    }
    emit(out)


if __name__ == "__main__":
    main()
