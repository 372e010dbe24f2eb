"""Kiosks issuing tickets, closed loop (as fast as answers come) or open loop (a fixed
offered rate, latency measured from the scheduled send time so queueing counts too)."""

import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench.lib.http import HttpConn
from bench.lib.procs import run_loop


@dataclass
class IssuePlan:
    port: int
    tokens: list[str]  # each kiosk's token; a kiosk issues at most `per_token` tickets
    services: list[str]
    tickets: int
    per_token: int = 20
    concurrency: int = 64  # connections (closed loop) or the pool size (open loop)
    rate: float | None = None  # tickets/s offered; None = closed loop
    priority_every: int = 0  # every n-th ticket asks for priority (0: none)


@dataclass
class IssueResult:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    errors: list[str] = field(default_factory=list)


def _bodies(plan: IssuePlan) -> list[tuple[str, dict[str, Any]]]:
    """(token, body) per ticket: kiosks in turn, each used at most per_token times."""
    out = []
    kiosks = itertools.cycle(plan.tokens)
    uses: dict[str, int] = {}
    for i in range(plan.tickets):
        token = next(kiosks)
        uses[token] = uses.get(token, 0) + 1
        if uses[token] > plan.per_token:
            raise ValueError("not enough kiosk tokens for the kiosk limit")
        body: dict[str, Any] = {"service_id": plan.services[i % len(plan.services)]}
        if plan.priority_every and i % plan.priority_every == 0:
            body["priority"] = "elderly"
        out.append((token, body))
    return out


async def _one(conn: HttpConn, token: str, body: dict[str, Any], res: IssueResult) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    status, data = await conn.request("POST", "/api/v1/tickets", token, body, key)
    res.statuses[status] = res.statuses.get(status, 0) + 1
    if status != 201 and len(res.errors) < 5:
        res.errors.append(data[:300].decode(errors="replace"))


async def _closed(plan: IssuePlan) -> IssueResult:
    res = IssueResult()
    work = iter(_bodies(plan))

    async def client() -> None:
        conn = HttpConn("127.0.0.1", plan.port)
        await conn.open()
        for token, body in work:
            t0 = time.perf_counter()
            await _one(conn, token, body, res)
            res.latencies.append(time.perf_counter() - t0)
        await conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(plan.concurrency)))
    res.elapsed_s = time.perf_counter() - start
    return res


async def _open(plan: IssuePlan) -> IssueResult:
    assert plan.rate
    res = IssueResult()
    pool: asyncio.Queue[HttpConn] = asyncio.Queue()
    for _ in range(plan.concurrency):
        c = HttpConn("127.0.0.1", plan.port)
        await c.open()
        pool.put_nowait(c)

    async def fire(due: float, token: str, body: dict[str, Any]) -> None:
        conn = await pool.get()
        await _one(conn, token, body, res)
        res.latencies.append(time.perf_counter() - due)  # from when it should have gone
        pool.put_nowait(conn)

    start = time.perf_counter()
    tasks = []
    for i, (token, body) in enumerate(_bodies(plan)):
        due = start + i / plan.rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(fire(due, token, body)))
    await asyncio.gather(*tasks)
    res.elapsed_s = time.perf_counter() - start
    while not pool.empty():
        await pool.get_nowait().close()
    return res


def run_plan(plan: IssuePlan) -> IssueResult:
    return run_loop(_open(plan) if plan.rate else _closed(plan))


def issue_scripts(token: str, services: list[str], connections: int) -> list[list[Any]]:
    """Closed-loop scripts for bench.lib.fastload: every connection cycles through the
    services (each its own starting point), a fresh Idempotency-Key per ticket."""
    from bench.lib.fastload import request

    reqs = [
        request("POST", "/api/v1/tickets", token, {"service_id": s}, "issue", True)
        for s in services
    ]
    return [reqs[k % len(reqs) :] + reqs[: k % len(reqs)] for k in range(connections)]


def issue_closed(
    port: int,
    token: str,
    services: list[str],
    connections: int,
    seconds: float,
    processes: int = 1,
    warmup_s: float = 1.0,
    watch_pid: int | None = None,
) -> dict[str, Any]:
    """Tickets/s, closed loop on `connections` keep-alive connections (fast generator)."""
    from bench.lib.fastload import run_closed
    from bench.lib.report import latency_ms

    scripts = issue_scripts(token, services, connections)
    res = run_closed(port, scripts, seconds, warmup_s, processes, watch_pid=watch_pid)
    return {
        "connections": connections,
        "tickets_per_s": round(res.rate("issue"), 1),
        "tickets": res.ok("issue"),
        "statuses": dict(sorted(res.statuses.items())),
        **latency_ms(res.latencies.get("issue", [])),
        "server_cpu": res.server_cpu(),
        **res.figures(),
        **({"errors": res.errors} if res.errors else {}),
    }
