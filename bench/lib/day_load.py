"""A day in a hall, compressed: citizens arriving at kiosks along the day's curve, and
clerks at every counter calling, serving (or meeting a no-show) and finishing."""

import asyncio
import json
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.lib.http import HttpConn
from bench.lib.procs import run_loop

# Arrivals per hour of the day, relative (07:00 … 17:00): the morning rush, a lunch dip,
# a smaller afternoon peak — the shape one-stop shops report.
HOURLY = [0.6, 1.6, 1.8, 1.5, 1.0, 0.3, 0.6, 1.2, 1.1, 0.5]
DAY_S = 10 * 3600


def arrival_times(n: int, rng: random.Random) -> list[float]:
    """n arrival times in real seconds since opening, following HOURLY."""
    hours = rng.choices(range(len(HOURLY)), weights=HOURLY, k=n)
    return sorted(h * 3600 + rng.random() * 3600 for h in hours)


@dataclass
class DayPlan:
    port: int
    kiosk_tokens: list[str]
    tickets: list[tuple[float, str, str | None]]  # (real arrival s, service, priority)
    compress: float  # real seconds per wall-clock second
    clerks: list[tuple[int, str]] = field(default_factory=list)  # (counter id, token)
    service_mean_s: float = 80.0  # real seconds at the counter
    no_show_rate: float = 0.05
    seed: int = 7


@dataclass
class DayResult:
    statuses: Counter[str] = field(default_factory=Counter)  # "POST /x 201" -> count
    issued: int = 0
    served: int = 0
    no_shows: int = 0
    elapsed_s: float = 0.0


def _tally(res: DayResult, what: str, status: int) -> None:
    res.statuses[f"{what} {status}"] += 1


async def _kiosks(plan: DayPlan) -> DayResult:
    res = DayResult()
    pool: asyncio.Queue[HttpConn] = asyncio.Queue()
    for _ in range(32):
        c = HttpConn("127.0.0.1", plan.port)
        await c.open()
        pool.put_nowait(c)

    async def issue(i: int, service: str, priority: str | None) -> None:
        conn = await pool.get()
        body: dict[str, Any] = {"service_id": service}
        if priority:
            body["priority"] = priority
        token = plan.kiosk_tokens[i % len(plan.kiosk_tokens)]
        key = {"Idempotency-Key": uuid.uuid4().hex}
        status, _ = await conn.request("POST", "/api/v1/tickets", token, body, key)
        _tally(res, "issue", status)
        res.issued += status == 201
        pool.put_nowait(conn)

    start = time.monotonic()
    tasks = []
    for i, (at, service, priority) in enumerate(plan.tickets):
        await asyncio.sleep(max(0.0, start + at / plan.compress - time.monotonic()))
        tasks.append(asyncio.create_task(issue(i, service, priority)))
    await asyncio.gather(*tasks)
    res.elapsed_s = time.monotonic() - start
    return res


async def _clerks(plan: DayPlan, arrivals_done: Any) -> DayResult:
    res = DayResult()
    rng = random.Random(plan.seed)
    start = time.monotonic()

    async def counter(cid: int, token: str) -> None:
        conn = HttpConn("127.0.0.1", plan.port)
        base = f"/api/v1/counters/{cid}"

        async def post(action: str) -> tuple[int, bytes]:
            status, body = await conn.request("POST", f"{base}/{action}", token)
            _tally(res, action, status)
            return status, body

        empty_after_close = 0
        while empty_after_close < 2:
            status, body = await post("call-next")
            if status != 200:
                kind = json.loads(body).get("type") if body else None
                if kind == "queue-empty" and arrivals_done.is_set():
                    empty_after_close += 1
                await asyncio.sleep(20 / plan.compress)  # a clerk looks again shortly
                continue
            empty_after_close = 0
            await asyncio.sleep(30 / plan.compress)  # the citizen walks to the counter
            if rng.random() < plan.no_show_rate:
                await asyncio.sleep(60 / plan.compress)  # waited a minute: nobody came
                await post("no-show")
                res.no_shows += 1
                continue
            await post("start")
            service_s = rng.lognormvariate(0, 0.5) * plan.service_mean_s / 1.13  # mean ≈ 1
            await asyncio.sleep(service_s / plan.compress)
            await post("finish")
            res.served += 1
        await conn.close()

    await asyncio.gather(*(counter(cid, tok) for cid, tok in plan.clerks))
    res.elapsed_s = time.monotonic() - start
    return res


def run_kiosks(plan: DayPlan) -> DayResult:
    return run_loop(_kiosks(plan))


def run_clerks(plan: DayPlan, arrivals_done: Any) -> DayResult:
    return run_loop(_clerks(plan, arrivals_done))
