#!/usr/bin/env python3
"""Thundering herd: N websocket subscribers (default 500, in another process than the
server) connect at the same moment and each waits for its hello and its snapshot.
One JSON line; one server process.

  no_since   connect without `since` (as after a server restart: every screen needs a
             snapshot); the time until EVERY client has its snapshot (target <= 1 s)
  too_old    all close and reconnect at once with a `since` that is too old to replay
             (the server runs with MOTCUA_REPLAY_LIMIT=--replay-limit and the log holds
             more events than that), so each gets a snapshot again
  bare       the same herd against a bare Starlette websocket under uvicorn with the
             server's options (bench/lib/bare.py), sending a hello and a frame of the
             real snapshot's size, same run; `vs_bare` = real time / bare time

Before the herd, --waiting tickets are issued (nobody calls them) so the snapshot has a
realistic size. Times are client-side, from the moment the connects start.

Run: .venv/bin/python bench/bench_herd.py --db sqlite   (or --db postgres)
"""

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lib.bare import BareServer, ratio  # noqa: E402
from bench.lib.fastload import run_closed  # noqa: E402
from bench.lib.herd_load import HerdPlan, HerdRound, run_herd  # noqa: E402
from bench.lib.issue_load import issue_scripts  # noqa: E402
from bench.lib.procs import Worker  # noqa: E402
from bench.lib.report import emit, latency_ms, note  # noqa: E402
from bench.lib.server import BenchServer, service_ids  # noqa: E402

TARGET_S = 1.0


def figures(r: HerdRound) -> dict[str, Any]:
    out: dict[str, Any] = {
        "clients": r.clients,
        "all_snapshots_s": None if r.complete_s is None else round(r.complete_s, 3),
        "hello": latency_ms(r.hello_s),
        "snapshot": latency_ms(r.second_s),
        "second_message_kinds": dict(r.second_kinds),
        "snapshot_bytes": r.second_bytes,
    }
    if r.connect_errors:
        out["connect_errors"] = dict(r.connect_errors)
    if r.incomplete:
        out["incomplete"] = r.incomplete
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--subscribers", type=int, default=500)
    ap.add_argument("--waiting", type=int, default=300, help="tickets waiting (snapshot size)")
    ap.add_argument("--replay-limit", type=int, default=100, help="MOTCUA_REPLAY_LIMIT")
    ap.add_argument("--quick", action="store_true", help="accepted for run_all; same sizes")
    args = ap.parse_args()
    if args.waiting <= args.replay_limit:
        ap.error("--waiting must exceed --replay-limit, or since=1 would still replay")
    out: dict[str, Any] = {"bench": "herd", "db": args.db, "server_processes": 1}
    env = {"MOTCUA_REPLAY_LIMIT": str(args.replay_limit)}
    with BenchServer(args.db, env=env) as srv:
        admin = srv.login("admin")
        note(f"[herd/{args.db}] issuing {args.waiting} tickets")
        scripts = issue_scripts(admin, service_ids(), 8)
        run_closed(srv.port, scripts, processes=1, total=args.waiting)
        head = srv.api("GET", "/state", srv.display_token).json()["seq"]
        base = f"/api/v1/stream?token={srv.display_token}"
        note(f"[herd/{args.db}] {args.subscribers} subscribers at once: no since, then since=1")
        plan = HerdPlan(srv.port, [base, base + "&since=1"], args.subscribers)
        no_since, too_old = Worker(run_herd, plan).start().result()
        out["no_since"] = figures(no_since)
        out["too_old"] = {"since": 1, "head": head, **figures(too_old)}
        out["server_rss_mb"] = srv.rss_mb()
    note(f"[herd/{args.db}] bare websocket, {no_since.second_bytes} B snapshot frame")
    with BareServer() as bare:
        path = f"/bare/stream?snapshot={no_since.second_bytes}"
        (bare_round,) = (
            Worker(run_herd, HerdPlan(bare.port, [path], args.subscribers)).start().result()
        )
    out["bare"] = figures(bare_round)
    out["vs_bare"] = {
        "no_since": ratio(out["no_since"]["all_snapshots_s"], out["bare"]["all_snapshots_s"]),
        "too_old": ratio(out["too_old"]["all_snapshots_s"], out["bare"]["all_snapshots_s"]),
    }

    def ok(r: dict[str, Any]) -> bool:
        t = r["all_snapshots_s"]
        return (
            t is not None
            and t <= TARGET_S
            and r["second_message_kinds"].get("snapshot") == (r["clients"])
        )

    out["targets"] = {
        "no_since_le_1s": ok(out["no_since"]),
        "too_old_le_1s": ok(out["too_old"]),
    }
    emit(out)


if __name__ == "__main__":
    main()
