"""A thundering herd of websocket subscribers: N clients connect at the same moment (as
after a server restart or a network blip) and each waits for its first two messages —
the hello and the snapshot (or whatever comes second). Runs in its own process."""

import asyncio
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.lib.procs import run_loop
from bench.lib.ws import WsClient, connect

_KIND = re.compile(rb'"kind": ?"(\w+)"')


@dataclass
class HerdPlan:
    port: int
    paths: list[str]  # one round per path; every client of a round uses it
    count: int
    timeout_s: float = 30.0
    pause_s: float = 1.0  # between rounds, after every client has closed


@dataclass
class HerdRound:
    path: str
    clients: int
    connect_errors: Counter[str] = field(default_factory=Counter)
    hello_s: list[float] = field(default_factory=list)  # per client, from the round start
    second_s: list[float] = field(default_factory=list)
    second_kinds: Counter[str] = field(default_factory=Counter)  # "snapshot", "event", …
    second_bytes: int = 0  # size of one client's second message
    complete_s: float | None = None  # every client had both messages
    incomplete: int = 0  # clients still without both when the round timed out


async def _round(port: int, path: str, count: int, timeout_s: float) -> HerdRound:
    loop = asyncio.get_running_loop()
    res = HerdRound(path, count)
    done: list[asyncio.Future[None]] = [loop.create_future() for _ in range(count)]

    def reader(i: int) -> Any:
        seen = 0

        def on_message(t: float, payload: bytes) -> None:
            nonlocal seen
            seen += 1
            if seen == 1:
                res.hello_s.append(t - start)
            elif seen == 2:
                res.second_s.append(t - start)
                m = _KIND.search(payload, 0, 40)
                res.second_kinds[m.group(1).decode() if m else "?"] += 1
                res.second_bytes = len(payload)
                if not done[i].done():
                    done[i].set_result(None)

        return on_message

    start = time.monotonic()
    got = await asyncio.gather(
        *(connect("127.0.0.1", port, path, reader(i)) for i in range(count)),
        return_exceptions=True,
    )
    clients: list[WsClient] = []
    for i, c in enumerate(got):
        if isinstance(c, BaseException):
            res.connect_errors[type(c).__name__] += 1
            done[i].cancel()
        else:
            clients.append(c)
    waiting = [f for f in done if not f.cancelled()]
    _, pending = await asyncio.wait(waiting, timeout=timeout_s) if waiting else (set(), set())
    res.incomplete = len(pending)
    if not pending and not res.connect_errors:
        res.complete_s = max(res.second_s) if res.second_s else None
    for c in clients:
        c.close()
    await asyncio.gather(*(asyncio.wait_for(c.closed, 5) for c in clients), return_exceptions=True)
    return res


async def _herd(plan: HerdPlan) -> list[HerdRound]:
    rounds = []
    for k, path in enumerate(plan.paths):
        if k:
            await asyncio.sleep(plan.pause_s)
        rounds.append(await _round(plan.port, path, plan.count, plan.timeout_s))
    return rounds


def run_herd(plan: HerdPlan) -> list[HerdRound]:
    return run_loop(_herd(plan))
