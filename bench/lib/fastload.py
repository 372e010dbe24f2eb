"""Closed-loop HTTP/1.1 load: keep-alive connections as bare asyncio Protocols, spread
over one or more generator processes.

Each connection runs a script (a list of pre-encoded requests, repeated) and sends the
next request the moment the previous answer is complete: no coroutine, no header dict,
no JSON per request, so a generator process costs a few tens of microseconds of CPU per
request. Each process reports its own CPU time, so a run states what the generator cost
(`generator_us_per_request`) and whether the server, not the generator, was the limit.

    scripts = [[request("POST", "/api/v1/tickets", token, body, label="issue")]] * 32
    res = run_closed(port, scripts, seconds=5, warmup_s=1, processes=2)
    res.rate("issue")
"""

import asyncio
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.lib.procs import Worker, event, run_loop

_LENGTH = re.compile(rb"(?i)\r\ncontent-length: *(\d+)")


@dataclass(frozen=True)
class Request:
    label: str
    head: bytes  # request line and headers, each ending in CRLF, without the blank line
    body: bytes
    idempotent: bool  # add a fresh Idempotency-Key header to every send


def request(
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    label: str = "",
    idempotency_key: bool = False,
) -> Request:
    payload = b"" if body is None else json.dumps(body).encode()
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if body is not None:
        lines.append("Content-Type: application/json")
    lines.append(f"Content-Length: {len(payload)}")
    head = "".join(line + "\r\n" for line in lines).encode()
    return Request(label or path, head, payload, idempotency_key)


@dataclass
class LoadResult:
    statuses: Counter[str] = field(default_factory=Counter)  # "label status" -> count
    latencies: dict[str, list[float]] = field(default_factory=dict)  # label -> seconds
    window_s: float = 0.0  # the measured window (or until the request budget ran out)
    generator_cpu_s: float = 0.0  # CPU of all generator processes during the window
    requests: int = 0  # answers inside the window, every label
    errors: list[str] = field(default_factory=list)  # first few non-2xx bodies
    processes: int = 1
    server_cpu_s: float | None = None  # CPU of the watched (server) process in the window

    def ok(self, label: str) -> int:
        return sum(
            n for k, n in self.statuses.items() if k.rpartition(" ")[0] == label and k[-3] == "2"
        )

    def rate(self, label: str) -> float:
        return self.ok(label) / self.window_s if self.window_s else 0.0

    def merge(self, other: "LoadResult") -> None:
        self.statuses.update(other.statuses)
        for k, v in other.latencies.items():
            self.latencies.setdefault(k, []).extend(v)
        self.window_s = max(self.window_s, other.window_s)
        self.generator_cpu_s += other.generator_cpu_s
        if other.server_cpu_s is not None:
            self.server_cpu_s = other.server_cpu_s
        self.requests += other.requests
        self.errors += other.errors[: max(0, 5 - len(self.errors))]

    def server_cpu(self) -> float | None:
        """The watched process's CPU over the window, in cores (1.0: one core busy)."""
        if self.server_cpu_s is None or not self.window_s:
            return None
        return round(self.server_cpu_s / self.window_s, 2)

    def figures(self) -> dict[str, Any]:
        """The generator's own cost: CPU per answered request, and the rate one generator
        process could drive if it had a core to itself."""
        us = self.generator_cpu_s / self.requests * 1e6 if self.requests else None
        return {
            "generator_processes": self.processes,
            "generator_us_per_request": round(us, 1) if us else None,
            "generator_ceiling_per_s_per_process": round(1e6 / us) if us else None,
        }


@dataclass
class _Run:
    scripts: list[list[Request]]
    budget: int | None  # stop after this many requests (this process's share)
    rounds: int | None  # stop each connection after its script ran this many times
    tag: str  # makes Idempotency-Keys unique across processes and runs
    res: LoadResult = field(default_factory=LoadResult)
    counting: bool = False
    stopping: bool = False
    sent: int = 0
    keys: int = 0
    last_answer: float = 0.0


class _Conn(asyncio.Protocol):
    def __init__(self, run: _Run, script: list[Request]) -> None:
        self.run, self.script, self.i = run, script, 0
        self.buf = bytearray()
        self.need = -1  # bytes of the current answer (head + body) once its head is in
        self.status = 0
        self.t0 = 0.0
        self.transport: asyncio.Transport | None = None
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            self.done.set_result(None)

    def send(self) -> None:
        run = self.run
        if (
            run.stopping
            or (run.budget is not None and run.sent >= run.budget)
            or (run.rounds is not None and self.i >= len(self.script) * run.rounds)
        ):
            if not self.done.done():
                self.done.set_result(None)
            return
        req = self.script[self.i % len(self.script)]
        self.req = req
        self.i += 1
        run.sent += 1
        assert self.transport is not None
        if req.idempotent:
            run.keys += 1
            key = f"Idempotency-Key: {run.tag}-{run.keys}\r\n\r\n".encode()
            data = req.head + key + req.body
        else:
            data = req.head + b"\r\n" + req.body
        self.t0 = time.perf_counter()
        self.transport.write(data)

    def data_received(self, data: bytes) -> None:
        self.buf += data
        buf = self.buf
        if self.need < 0:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            m = _LENGTH.search(buf, 0, end + 2)
            self.status = int(buf[9:12])
            self.need = end + 4 + (int(m.group(1)) if m else 0)
            self.body_at = end + 4
        if len(buf) < self.need:
            return
        now = time.perf_counter()
        run, label = self.run, self.req.label
        if run.counting:
            res = run.res
            res.statuses[f"{label} {self.status}"] += 1
            res.latencies.setdefault(label, []).append(now - self.t0)
            res.requests += 1
            run.last_answer = now
            if self.status >= 300 and len(res.errors) < 5:
                res.errors.append(
                    f"{label} {self.status} "
                    + buf[self.body_at : self.need][:200].decode(errors="replace")
                )
        del buf[: self.need]
        self.need = -1
        self.send()


async def _closed(
    port: int,
    scripts: list[list[Request]],
    seconds: float,
    warmup_s: float,
    budget: int | None,
    rounds: int | None,
    tag: str,
    ready: Any,
    go: Any,
    watch_pid: int | None,
) -> LoadResult:
    loop = asyncio.get_running_loop()
    watched = _cpu_of(watch_pid)
    run = _Run(scripts, budget, rounds, tag)
    conns: list[_Conn] = []
    for script in scripts:
        _, c = await loop.create_connection(lambda s=script: _Conn(run, s), "127.0.0.1", port)
        conns.append(c)
    ready.set()
    await loop.run_in_executor(None, go.wait)
    for c in conns:
        c.send()
    if warmup_s > 0:
        await asyncio.sleep(warmup_s)
    run.counting = True
    t0, cpu0, srv0 = time.perf_counter(), time.process_time(), watched()
    run.last_answer = t0
    if budget is None and rounds is None:
        await asyncio.sleep(seconds)
        run.stopping = True
        run.counting = False
        run.res.window_s = time.perf_counter() - t0
        run.res.generator_cpu_s = time.process_time() - cpu0
        srv1 = watched()
        await asyncio.gather(*(c.done for c in conns))
    else:
        await asyncio.gather(*(c.done for c in conns))
        run.res.window_s = run.last_answer - t0
        run.res.generator_cpu_s = time.process_time() - cpu0
        srv1 = watched()
    if srv0 is not None and srv1 is not None:
        run.res.server_cpu_s = srv1 - srv0
    for c in conns:
        if c.transport is not None:
            c.transport.close()
    return run.res


def _cpu_of(pid: int | None) -> Any:
    if pid is None:
        return lambda: None
    import psutil

    proc = psutil.Process(pid)

    def cpu() -> float:
        t = proc.cpu_times()
        return t.user + t.system

    return cpu


def _process(
    port: int,
    scripts: list[list[Request]],
    seconds: float,
    warmup_s: float,
    budget: int | None,
    rounds: int | None,
    tag: str,
    ready: Any,
    go: Any,
    watch_pid: int | None,
) -> LoadResult:
    return run_loop(
        _closed(port, scripts, seconds, warmup_s, budget, rounds, tag, ready, go, watch_pid)
    )


_runs = 0


def run_closed(
    port: int,
    scripts: list[list[Request]],
    seconds: float = 5.0,
    warmup_s: float = 1.0,
    processes: int = 1,
    total: int | None = None,
    watch_pid: int | None = None,
    rounds: int | None = None,
) -> LoadResult:
    """One connection per script, spread over `processes` generator processes, all
    starting together. Measures `seconds` after `warmup_s`; with `total`, instead sends
    that many requests (no warm-up) and the window ends at the last answer; `rounds`
    likewise, each connection running its script that many times. `watch_pid`:
    the server process, whose CPU over the window comes back as `server_cpu_s`."""
    global _runs
    _runs += 1
    processes = max(1, min(processes, len(scripts)))
    go, workers, readies = event(), [], []
    for p in range(processes):
        share = None if total is None else total // processes + (p < total % processes)
        ready = event()
        readies.append(ready)
        finite = total is not None or rounds is not None
        args = (port, scripts[p::processes], seconds, 0.0 if finite else warmup_s, share, rounds)
        tag = f"g{time.time_ns()}-{_runs}-{p}"
        pid = watch_pid if p == 0 else None
        workers.append(Worker(_process, *args, tag, ready, go, pid).start())
    for ready in readies:
        if not ready.wait(120):
            raise RuntimeError("load generator did not connect")
    go.set()
    res = LoadResult(processes=processes)
    for w in workers:
        res.merge(w.result())
    return res
