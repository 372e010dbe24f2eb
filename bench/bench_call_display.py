#!/usr/bin/env python3
"""Call to display: C counters call tickets while D websocket subscribers listen. The
latency is from the moment a counter's `call-next` request is written to the moment its
`ticket.called` event has arrived at EVERY subscriber (p50/p99/max over calls), and per
single delivery. One JSON line; one server process; subscribers and counters each run
in their own process (lean raw clients, see bench/lib/ws.py).

The phase `bare` repeats D=500 against a bare Starlette app under uvicorn with the
server's options (bench/lib/bare.py): POST /bare/publish puts one event in every
socket's queue and answers at once; same counters, same calls, same subscriber process.
`vs_bare` is the real p99 over the bare p99 (what the server adds to the stack's floor).

The phase `stalled` repeats D=500 with extra subscribers that stop reading (their
kernel buffers fill, then their server queue): the others' latency should stay near the
D=500 figure, and the stalled ones get cut with close code 4008.

Run: .venv/bin/python bench/bench_call_display.py --db sqlite   (or --db postgres)
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.bare import BareServer, ratio  # noqa: E402
from bench.lib.display_load import (  # noqa: E402
    CallPlan,
    CallResult,
    SubPlan,
    SubResult,
    run_calls,
    run_subscribers,
)
from bench.lib.issue_load import IssuePlan, run_plan  # noqa: E402
from bench.lib.procs import Worker, event  # noqa: E402
from bench.lib.report import emit, latency_ms, note, percentile  # noqa: E402
from bench.lib.server import CENTRE, BenchServer  # noqa: E402
from server.centre import load_centre_file  # noqa: E402


def measure(calls: CallResult, subs: SubResult) -> dict[str, Any]:
    called = {seq: tid for seq, (kind, tid) in subs.kinds.items() if kind == "ticket.called"}
    seen = [dict(a) for a in subs.arrivals]
    every, each, missing = [], [], 0
    for seq, tid in called.items():
        t0 = calls.sent.get(tid) if tid is not None else None
        if t0 is None:
            continue
        lats = [got[seq] - t0 for got in seen if seq in got]
        missing += len(seen) - len(lats)
        if lats:
            every.append(max(lats))
            each += lats
    return {
        "calls": len(every),
        "every_subscriber": latency_ms(every),
        "each_delivery": {
            "p50_ms": round((percentile(each, 50) or 0) * 1000, 2),
            "p99_ms": round((percentile(each, 99) or 0) * 1000, 2),
        },
        "missing_deliveries": missing,
        "call_statuses": {str(k): v for k, v in sorted(calls.statuses.items())},
    }


def phase(srv: BenchServer, plan: CallPlan, readers: int, stalled: int = 0) -> dict[str, Any]:
    head = srv.api("GET", "/state", srv.display_token).json()["seq"]
    ready, stop = event(), event()
    sub = Worker(
        run_subscribers, SubPlan(srv.port, srv.display_token, head, readers, stalled), ready, stop
    ).start()
    if not ready.wait(120):
        raise RuntimeError("subscribers did not connect")
    time.sleep(0.5)
    rss, cpu0, t0 = srv.rss_mb(), srv.cpu_s(), time.monotonic()
    calls = Worker(run_calls, plan).start().result()
    cpu = (srv.cpu_s() - cpu0) / (time.monotonic() - t0)
    stop.set()
    subs: SubResult = sub.result()
    out = {"subscribers": readers, **measure(calls, subs), "server_rss_mb": rss}
    out["server_cpu"] = round(cpu, 2)
    if stalled:
        out["stalled"] = stalled
        out["stalled_close_codes"] = dict(Counter(str(c) for c in subs.stalled_close_codes))
    return out


def bare_phase(plan: CallPlan, readers: int) -> dict[str, Any]:
    """The same calls and subscribers against the bare app (bench/lib/bare.py)."""
    with BareServer() as bare:
        ready, stop = event(), event()
        sub_plan = SubPlan(bare.port, "", 0, readers, path="/bare/stream")
        sub = Worker(run_subscribers, sub_plan, ready, stop).start()
        if not ready.wait(120):
            raise RuntimeError("subscribers did not connect")
        time.sleep(0.5)
        cpu0, t0 = bare.cpu_s(), time.monotonic()
        bare_plan = CallPlan(
            bare.port,
            plan.counters,
            plan.interval_s,
            plan.duration_s,
            call_path="/bare/publish",
            after_path="/bare/publish?type=ticket.no_show",
        )
        calls = Worker(run_calls, bare_plan).start().result()
        cpu = (bare.cpu_s() - cpu0) / (time.monotonic() - t0)
        stop.set()
        subs: SubResult = sub.result()
    return {"subscribers": readers, **measure(calls, subs), "server_cpu": round(cpu, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--subscribers", default="50,500,2000")
    ap.add_argument("--counters", type=int, default=10)
    ap.add_argument("--interval", type=float, default=2.0, help="s between a counter's calls")
    ap.add_argument("--seconds", type=float, default=12.0, help="per phase")
    ap.add_argument("--stalled", type=int, default=5, help="0: skip the stalled phase")
    ap.add_argument("--queue-size", type=int, default=50, help="MOTCUA_STREAM_QUEUE_SIZE")
    ap.add_argument("--bare", type=int, default=500, help="subscribers of the bare phase (0: skip)")
    ap.add_argument("--quick", action="store_true", help="D=500 only, short phases")
    args = ap.parse_args()
    if args.quick:
        args.subscribers, args.seconds = "500", 4.0
    sizes = [int(x) for x in args.subscribers.split(",")]
    cfg = load_centre_file(CENTRE)
    counters = cfg.counters[: args.counters]
    phases = len(sizes) + (1 if args.stalled else 0)
    per_counter = int(args.seconds / args.interval + 2) * phases
    services = [c.services[0].id for c in counters for _ in range(per_counter)]
    env = {"MOTCUA_STREAM_QUEUE_SIZE": str(args.queue_size)}
    out: dict[str, Any] = {"bench": "call_display", "db": args.db, "server_processes": 1}
    out["load"] = {
        "counters": len(counters),
        "calls_per_s": round(len(counters) / args.interval, 1),
        "events_per_call": 2,  # ticket.called, then ticket.no_show to free the counter
        "stream_queue_size": args.queue_size,
    }
    with BenchServer(args.db, env=env) as srv:
        admin = srv.login("admin")
        note(f"[call_display/{args.db}] issuing {len(services)} tickets")
        Worker(
            run_plan, IssuePlan(srv.port, [admin], services, len(services), 10**9, concurrency=8)
        ).start().result()
        clerks = []
        for c in counters:
            token = srv.login(f"canbo{c.id}")
            srv.api("POST", f"/counters/{c.id}/open", token).raise_for_status()
            clerks.append((c.id, token))
        plan = CallPlan(srv.port, clerks, args.interval, args.seconds)
        out["phases"] = []
        for d in sizes:
            note(f"[call_display/{args.db}] D={d}")
            out["phases"].append(phase(srv, plan, d))
        if args.stalled:
            note(f"[call_display/{args.db}] D=500 + {args.stalled} stalled")
            out["phases"].append(phase(srv, plan, 500, args.stalled))
    if args.bare:
        note(f"[call_display/{args.db}] bare Starlette fan-out, D={args.bare}")
        out["bare"] = bare_phase(plan, args.bare)
    at500 = next((p for p in out["phases"] if p["subscribers"] == 500 and "stalled" not in p), None)
    if at500:
        p99 = at500["every_subscriber"]["p99_ms"]
        out["p50_ms_at_500"] = at500["every_subscriber"]["p50_ms"]
        out["p99_ms_at_500"] = p99
        out["missed_at_500"] = at500["missing_deliveries"]
        if args.bare:
            out["bare_p99_ms"] = out["bare"]["every_subscriber"]["p99_ms"]
            out["vs_bare"] = ratio(p99, out["bare_p99_ms"])
        out["targets"] = {"p99_le_20ms_at_500": (p99 or 1e9) <= 20}
    emit(out)


if __name__ == "__main__":
    main()
