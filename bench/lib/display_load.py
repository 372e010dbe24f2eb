"""Websocket subscribers (hall TVs) and counters calling, each run in its own process.

Both sides stamp with time.monotonic(), which on Linux is one clock for every process
on the machine, so a call's send time and an event's arrival time compare directly.
"""

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from bench.lib.http import HttpConn
from bench.lib.procs import run_loop
from bench.lib.ws import WsClient, connect

_SEQ = re.compile(rb'"seq": ?(\d+)')


@dataclass
class SubPlan:
    port: int
    token: str
    since: int
    count: int  # subscribers that read
    stalled: int = 0  # subscribers that stop reading after the hello
    connect_batch: int = 100
    path: str | None = None  # default: the server's stream with token and since


@dataclass
class SubResult:
    arrivals: list[list[tuple[int, float]]] = field(default_factory=list)  # per reader
    kinds: dict[int, tuple[str, int | None]] = field(default_factory=dict)  # seq -> type, id
    stalled_close_codes: list[int | None] = field(default_factory=list)


async def _subscribers(plan: SubPlan, ready: Any, stop: Any) -> SubResult:
    res = SubResult()
    full: list[bytes] = []
    path = plan.path or f"/api/v1/stream?token={plan.token}&since={plan.since}"

    def reader(i: int) -> Any:
        got: list[tuple[int, float]] = []
        res.arrivals.append(got)

        def on_message(t: float, payload: bytes) -> None:
            if payload.startswith((b'{"kind": "event"', b'{"kind":"event"')):
                m = _SEQ.search(payload, 0, 80)
                if m:
                    got.append((int(m.group(1)), t))
                    if i == 0:
                        full.append(payload)

        return on_message

    clients: list[WsClient] = []
    for start in range(0, plan.count, plan.connect_batch):
        n = min(plan.connect_batch, plan.count - start)
        clients += await asyncio.gather(
            *(connect("127.0.0.1", plan.port, path, reader(start + k)) for k in range(n))
        )
    stalled = [
        await connect("127.0.0.1", plan.port, path, lambda t, p: None) for _ in range(plan.stalled)
    ]
    for s in stalled:
        assert s.transport is not None
        s.transport.pause_reading()  # a TV that hangs: the kernel buffers fill, then …
    ready.set()
    while not stop.is_set():
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # the last events in flight
    for s in stalled:
        assert s.transport is not None
        s.transport.resume_reading()  # … read what is left, to see the close code
    await asyncio.sleep(0.5)
    res.stalled_close_codes = [s.close_code for s in stalled]
    for c in clients + stalled:
        c.close()
    for payload in full:
        ev = json.loads(payload)["event"]
        ticket = ev["data"].get("ticket") or {}
        res.kinds[ev["seq"]] = (ev["type"], ticket.get("id"))
    return res


def run_subscribers(plan: SubPlan, ready: Any, stop: Any) -> SubResult:
    return run_loop(_subscribers(plan, ready, stop))


@dataclass
class CallPlan:
    port: int
    counters: list[tuple[int, str]]  # (counter id, clerk token)
    interval_s: float  # each counter calls once per interval
    duration_s: float
    call_path: str = "/api/v1/counters/{cid}/call-next"  # answers {"current": {"id": …}}
    after_path: str | None = "/api/v1/counters/{cid}/no-show"  # frees the counter


@dataclass
class CallResult:
    sent: dict[int, float] = field(default_factory=dict)  # ticket id -> request time
    statuses: dict[int, int] = field(default_factory=dict)


async def _calls(plan: CallPlan) -> CallResult:
    res = CallResult()
    end = time.monotonic() + plan.duration_s

    async def counter(k: int, cid: int, token: str) -> None:
        conn = HttpConn("127.0.0.1", plan.port)
        await conn.open()
        # spread the counters over the interval so calls do not all land together
        due = time.monotonic() + plan.interval_s * k / len(plan.counters)
        while due < end:
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            t0 = time.monotonic()
            status, body = await conn.request("POST", plan.call_path.format(cid=cid), token)
            res.statuses[status] = res.statuses.get(status, 0) + 1
            if status == 200:
                res.sent[json.loads(body)["current"]["id"]] = t0
                if plan.after_path:
                    await conn.request("POST", plan.after_path.format(cid=cid), token)
            due += plan.interval_s
        await conn.close()

    await asyncio.gather(*(counter(k, cid, tok) for k, (cid, tok) in enumerate(plan.counters)))
    return res


def run_calls(plan: CallPlan) -> CallResult:
    return run_loop(_calls(plan))
