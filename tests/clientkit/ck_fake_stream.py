"""A fake `/api/v1/stream` server (websockets library, own thread and asyncio loop).

It speaks the protocol like the real one: hello {epoch, seq}, then a replay of the log
after `since` (or a snapshot when `since` is missing, from another epoch or older than
its base), then live events and pings. Tests steer it: publish, drop, go silent.

Plain HTTP GETs on the same port are answered from `http_routes` ({path: JSON value}),
so a whole `ServerLink` (REST + stream on one base URL) can run against it.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from protocol import Event, Snapshot


class FakeStreamServer:
    def __init__(self, base: Snapshot, *, ping_interval_s: float = 0.3) -> None:
        self.base = base  # the state at base.seq; self.events follow it
        self.events: list[Event] = []
        self.ping_interval_s = ping_interval_s
        self.silent = False  # True: no pings, no live events (a hung server)
        self.refuse = False  # True: close every new connection at once
        self.connections: list[dict[str, str]] = []  # query (+ authorization) of each
        self.http_routes: dict[str, Any] = {}
        self.http_seen: list[str] = []
        self._queues: dict[ServerConnection, asyncio.Queue[str | None]] = {}
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="fake-stream")
        self.port = 0

    # ---- steering (from the test thread) -------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def head(self) -> int:
        return self.events[-1].seq if self.events else self.base.seq

    def start(self) -> FakeStreamServer:
        self._thread.start()
        assert self._ready.wait(5), "fake stream server did not start"
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(5)

    def publish(self, *events: Event) -> None:
        """Append to the log and push to every connected client."""
        self._call(self._publish, list(events))

    def send_raw(self, message: dict[str, Any] | str) -> None:
        """Push any frame (e.g. a duplicate event) to every client."""
        text = message if isinstance(message, str) else json.dumps(message)
        self._call(self._broadcast, text)

    def drop(self) -> None:
        """Close every connection, as a server restart would."""
        self._call(self._drop)

    # ---- server side (in the loop thread) ------------------------------------------

    def _call(self, fn, *args) -> None:
        async def run() -> None:
            fn(*args)

        asyncio.run_coroutine_threadsafe(run(), self._loop).result(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stopping = asyncio.Event()
        async with serve(self._handle, "127.0.0.1", 0, process_request=self._http) as server:
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stopping.wait()
            for ws in list(self._queues):
                ws.transport.abort()

    def _publish(self, events: list[Event]) -> None:
        for event in events:
            self.events.append(event)
            if not self.silent:
                self._broadcast(
                    json.dumps({"kind": "event", "event": event.model_dump(mode="json")})
                )

    def _broadcast(self, text: str) -> None:
        for queue in self._queues.values():
            queue.put_nowait(text)

    def _drop(self) -> None:
        for ws, queue in list(self._queues.items()):
            queue.put_nowait(None)
            ws.transport.abort()
        self._queues.clear()

    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return None  # go on with the websocket handshake
        path = urlsplit(request.path).path
        self.http_seen.append(path)
        if path not in self.http_routes:
            return connection.respond(404, "not found")
        body = self.http_routes[path]
        text = body if isinstance(body, str) else json.dumps(body)
        response = connection.respond(200, text)
        del response.headers["Content-Type"]
        response.headers["Content-Type"] = "application/json"
        return response

    async def _handle(self, ws: ServerConnection) -> None:
        query = {k: v[-1] for k, v in parse_qs(urlsplit(ws.request.path).query).items()}
        authorization = ws.request.headers.get("Authorization")
        # What each connection carried: its query, and its Authorization header.
        self.connections.append(
            {**query, "authorization": authorization} if authorization else query
        )
        if self.refuse:
            await ws.close(1012, "restarting")
            return
        # Replay list and live queue are set up without an await between them, so no
        # event published meanwhile is lost or doubled.
        since = int(query["since"]) if "since" in query else None
        replay: list[str] = [
            json.dumps({"kind": "hello", "epoch": self.base.epoch, "seq": self.head,
                        "ping_interval_s": self.ping_interval_s})
        ]  # fmt: skip
        if since is None or query.get("epoch") != self.base.epoch or since < self.base.seq:
            replay.append(
                json.dumps({"kind": "snapshot", "snapshot": self.base.model_dump(mode="json")})
            )
            since = self.base.seq
        replay += [
            json.dumps({"kind": "event", "event": e.model_dump(mode="json")})
            for e in self.events
            if e.seq > since
        ]
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._queues[ws] = queue
        pinger = asyncio.create_task(self._ping(queue))
        try:
            for text in replay:
                await ws.send(text)
            while (text := await queue.get()) is not None:
                await ws.send(text)
        except Exception:  # the client went away: nothing to clean but our queue
            pass
        finally:
            pinger.cancel()
            self._queues.pop(ws, None)

    async def _ping(self, queue: asyncio.Queue[str | None]) -> None:
        while True:
            await asyncio.sleep(self.ping_interval_s)
            if not self.silent:
                queue.put_nowait(json.dumps({"kind": "ping", "seq": self.head}))
