"""The bare baseline: a tiny Starlette app served by uvicorn with the real server's
options (one process, same event loop and HTTP implementation, access log on), measured
by the same load generators in the same run. What the real server reaches as a share of
this is the figure that survives a noisy or slower machine.

Routes:
  POST /bare                 read the body, answer a small JSON (201)
  WS   /bare/stream?snapshot=N   hello, then a text frame of N bytes (a snapshot's size),
                             then every published event
  POST /bare/publish?type=T  push one event (seq n, ticket id n) to every socket through
                             a per-socket queue, answer {"current": {"id": n}} at once

Run as a server: python -m bench.lib.bare --port 8123
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# --- the app ---------------------------------------------------------------------------


def make_app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route, WebSocketRoute
    from starlette.websockets import WebSocket, WebSocketDisconnect

    counter = itertools.count(1)
    sockets: set[asyncio.Queue[str]] = set()

    async def bare(request: Request) -> JSONResponse:
        body = await request.body()
        return JSONResponse({"id": next(counter), "received": len(body)}, status_code=201)

    async def healthz(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def publish(request: Request) -> JSONResponse:
        n = next(counter)
        kind = request.query_params.get("type", "ticket.called")
        event = {"seq": n, "type": kind, "site": "bare", "data": {"ticket": {"id": n}}}
        text = json.dumps({"kind": "event", "event": event})
        for q in sockets:
            q.put_nowait(text)
        return JSONResponse({"current": {"id": n}})

    async def stream(ws: WebSocket) -> None:
        await ws.accept()
        size = int(ws.query_params.get("snapshot", "0"))
        queue: asyncio.Queue[str] = asyncio.Queue()
        sockets.add(queue)
        try:
            await ws.send_text(json.dumps({"kind": "hello", "epoch": "bare", "seq": 0}))
            if size:
                head = '{"kind": "snapshot", "snapshot": {"pad": "'
                await ws.send_text(head + "x" * max(0, size - len(head) - 3) + '"}}')

            async def drain() -> None:
                with contextlib.suppress(Exception):
                    while (await ws.receive())["type"] != "websocket.disconnect":
                        pass

            receiver = asyncio.create_task(drain())
            try:
                while not receiver.done():
                    getter = asyncio.ensure_future(queue.get())
                    await asyncio.wait({getter, receiver}, return_when=asyncio.FIRST_COMPLETED)
                    if not getter.done():
                        getter.cancel()
                        break
                    await ws.send_text(getter.result())
            finally:
                receiver.cancel()
        except (WebSocketDisconnect, RuntimeError, ConnectionError):
            pass
        finally:
            sockets.discard(queue)

    return Starlette(
        routes=[
            Route("/bare", bare, methods=["POST"]),
            Route("/bare/publish", publish, methods=["POST"]),
            Route("/healthz", healthz),
            WebSocketRoute("/bare/stream", stream),
        ]
    )


app = make_app()


def serve(port: int) -> None:
    import uvicorn

    # The options of `motcua serve` (motcua/cli.py), one process.
    uvicorn.run(
        "bench.lib.bare:app",
        host="127.0.0.1",
        port=port,
        workers=1,
        log_level="info",
        ws_ping_interval=20,
        ws_ping_timeout=20,
        ws_per_message_deflate=False,
        timeout_graceful_shutdown=3,
    )


# --- running it ------------------------------------------------------------------------


class BareServer:
    """`with BareServer() as bare:` -> bare.port, bare.cpu_s() (a uvicorn process)."""

    def __init__(self) -> None:
        from tests.support.live_server import free_port

        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "BareServer":
        import httpx

        self._tmp = tempfile.TemporaryDirectory(prefix="motcua-bare-")
        log = open(Path(self._tmp.name) / "bare.log", "ab")  # noqa: SIM115
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "bench.lib.bare", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log)
        end = time.monotonic() + 30
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError((Path(self._tmp.name) / "bare.log").read_text()[-2000:])
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError("bare server did not start")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._tmp.cleanup()

    def cpu_s(self) -> float:
        import psutil

        assert self.proc is not None
        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system


def bare_post_rate(
    connections: int, seconds: float, warmup_s: float = 1.0, processes: int = 1
) -> dict[str, Any]:
    """Closed-loop POST /bare with the fast generator: the rate ceiling of the stack
    (uvicorn + Starlette + this machine + the generator). `server_cpu` near 1.0 means
    the server was the limit; well below means the generator or the machine was."""
    from bench.lib.fastload import request, run_closed
    from bench.lib.report import latency_ms

    body = {"service_id": "dat-dai"}
    with BareServer() as bare:
        script = [request("POST", "/bare", "x" * 40, body, "bare", idempotency_key=True)]
        assert bare.proc is not None
        res = run_closed(
            bare.port, [script] * connections, seconds, warmup_s, processes, watch_pid=bare.proc.pid
        )
    return {
        "requests_per_s": round(res.rate("bare"), 1),
        "connections": connections,
        **latency_ms(res.latencies.get("bare", [])),
        "server_cpu": res.server_cpu(),
        **res.figures(),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    serve(ap.parse_args().port)
