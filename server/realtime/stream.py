"""`WS /api/v1/stream`: hello, then replay or snapshot, then live events and pings.

Every frame is a `protocol.stream` model (Hello, SnapshotMessage, EventMessage, Ping)
serialised by pydantic. Nothing here imports `server.api`: `create_app` hands the stream
what it needs in a `StreamDeps`.

A herd of clients reconnecting at once (a switch rebooted, a server restarted) needs
snapshots: `SnapshotCache` builds one per (site, epoch, seq) in a worker thread,
serialises it once, and gives the same text to every connection that asks, also to
those that ask while it is being built.
"""

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from protocol.events import Event as WireEvent
from protocol.snapshot import Snapshot
from protocol.stream import EventMessage, Hello, Ping, SnapshotMessage
from server.principal import Principal
from server.realtime.hub import Hub
from server.store.convert import aware
from server.store.db import Database
from server.store.tables import Event, Site

log = logging.getLogger(__name__)
CLOSE_UNAUTHORISED = 4401
CLOSE_TOO_SLOW = 4008  # the client fell behind; it reconnects with `since`
CLOSE_GRACE_S = 10.0  # how long the 4008 close frame may wait behind unread data


def fetch_events(db: Database, site: str, after: int, limit: int = 10_000) -> list[dict]:
    with Session(db.reader) as s:
        rows = (
            s.execute(
                select(Event)
                .where(Event.site == site, Event.seq > after)
                .order_by(Event.seq)
                .limit(limit)
            )
            .scalars()
            .all()
        )
        return [
            {
                "seq": e.seq,
                "at": aware(e.at).isoformat(),
                "type": e.type,
                "site": e.site,
                "data": e.data,
            }
            for e in rows
        ]


def event_text(event: dict[str, Any]) -> str:
    """One `{"kind": "event"}` frame. The event is checked against its type's data model
    (protocol.events.DATA_MODELS); one that does not fit is still sent as stored (a
    client skips what it cannot read) and logged, so a server bug does not stall every
    stream."""
    try:
        return EventMessage(event=WireEvent.model_validate(event)).model_dump_json()
    except ValidationError as exc:
        log.error(
            "event %s (%s) does not fit the contract: %s",
            event.get("seq"),
            event.get("type"),
            str(exc)[:300],
        )
        return json.dumps({"kind": "event", "event": event}, ensure_ascii=False, default=str)


def _site_head(db: Database, site: str) -> tuple[str, int]:
    with Session(db.reader) as s:
        row = s.get(Site, site)
        return (row.epoch, row.seq) if row else ("", 0)


class SnapshotCache:
    """One serialised `SnapshotMessage` per site, rebuilt only when the site moved on.

    `get(site, epoch, at_least)` answers the cached text when it is of that epoch and at
    least that seq; otherwise it joins the build under way for the site, or starts one.
    So N connections asking for the same state cost one database read and one
    serialisation, not N.
    """

    def __init__(self, build: Callable[[str], Snapshot]) -> None:
        self._build = build
        self._cached: dict[str, tuple[str, int, str]] = {}  # site -> (epoch, seq, text)
        self._building: dict[str, asyncio.Future[tuple[str, int, str]]] = {}
        self.builds = 0  # how many snapshots were built (tests, benchmarks)

    def epoch(self, site: str) -> str:
        """The epoch of the last snapshot built for `site` ("" before the first)."""
        c = self._cached.get(site)
        return c[0] if c is not None else ""

    def _fresh(self, site: str, epoch: str, at_least: int) -> tuple[int, str] | None:
        c = self._cached.get(site)
        if c is not None and c[0] == epoch and c[1] >= at_least:
            return c[1], c[2]
        return None

    async def get(self, site: str, epoch: str, at_least: int) -> tuple[int, str]:
        """(seq, text) of a snapshot of `site`; its seq may be below `at_least` only when
        the database itself is behind (the caller then replays the gap from the log)."""
        for _ in range(2):  # a build that began before `at_least` existed: one more
            hit = self._fresh(site, epoch, at_least)
            if hit is not None:
                return hit
            build = self._building.get(site)
            if build is None:
                build = self._building[site] = asyncio.ensure_future(self._run(site))
            # shield: a waiter that goes away (client gone, too slow) must not cancel
            # the build the others wait for.
            b_epoch, seq, text = await asyncio.shield(build)
            if b_epoch == epoch and seq >= at_least:
                return seq, text
        return seq, text

    async def _run(self, site: str) -> tuple[str, int, str]:
        try:
            self.builds += 1
            entry = await asyncio.to_thread(self._render, site)
            old = self._cached.get(site)
            if old is None or old[0] != entry[0] or entry[1] >= old[1]:
                self._cached[site] = entry
            return entry
        finally:
            self._building.pop(site, None)

    def _render(self, site: str) -> tuple[str, int, str]:
        snap = self._build(site)
        return snap.epoch, snap.seq, SnapshotMessage(snapshot=snap).model_dump_json()


@dataclass
class StreamDeps:
    """What the stream needs, wired by `create_app`."""

    resolve: Callable[[str], Principal | None]  # token -> who, or None
    cached: Callable[[str], Principal | None]  # the same from memory only, or None
    hub: Hub
    db: Database
    snapshots: SnapshotCache
    ping_interval_s: float = 10.0
    replay_limit: int = 5000
    # A device's stream is open: it is seen (server.commands.last_seen), at each ping.
    seen: Callable[[Principal], None] = lambda who: None
    _resolving: dict[str, "asyncio.Future[Any]"] = field(default_factory=dict)
    _epochs: dict[str, str] = field(default_factory=dict)

    async def who(self, token: str) -> Principal | None:
        """The token's principal. A herd of TVs reconnecting at once (a restart) holds a
        few tokens: one database look-up each, the rest wait for it or hit the cache."""
        known = self.cached(token)
        if known is not None:
            return known
        return await self._once(f"token:{token}", self.resolve, token)  # type: ignore[no-any-return]

    async def head(self, site: str) -> tuple[str, int]:
        """(epoch, seq) for a hello: the hub's head and the known epoch, else one look-up
        in the log shared by every connection asking at the same moment."""
        epoch = self.snapshots.epoch(site) or self._epochs.get(site, "")
        seq = self.hub.last_seq(site)
        if epoch and seq:
            return epoch, seq
        epoch, seq = await self._once(f"head:{site}", _site_head, self.db, site)
        if epoch:
            self._epochs[site] = epoch
        return epoch, seq

    async def _once(self, key: str, fn: Callable[..., Any], *args: Any) -> Any:
        pending = self._resolving.get(key)
        if pending is None:
            pending = asyncio.ensure_future(asyncio.to_thread(fn, *args))
            self._resolving[key] = pending
            pending.add_done_callback(lambda _: self._resolving.pop(key, None))
        return await asyncio.shield(pending)


SUBPROTOCOL = "motcua.v1"  # what the server answers when a client offers it
TOKEN_SUBPROTOCOL = "bearer."  # "bearer.<token>": the token, for clients without headers


def stream_token(ws: WebSocket) -> str | None:
    """The client's token: `Authorization: Bearer …` (the apps), a `bearer.<token>`
    subprotocol offered beside `motcua.v1` (browsers, which cannot set headers), or
    `?token=` (older clients; uvicorn's logs redact it, see server.logs)."""
    scheme, _, value = ws.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    for offered in ws.scope.get("subprotocols") or ():
        if offered.startswith(TOKEN_SUBPROTOCOL) and len(offered) > len(TOKEN_SUBPROTOCOL):
            return offered[len(TOKEN_SUBPROTOCOL) :]
    return ws.query_params.get("token") or None


async def stream(ws: WebSocket, deps: StreamDeps) -> None:
    token = stream_token(ws)
    who = await deps.who(token) if token else None
    if who is None or token is None:
        await ws.close(code=CLOSE_UNAUTHORISED)
        return
    try:
        since = int(ws.query_params["since"]) if "since" in ws.query_params else None
    except ValueError:
        since = None
    # Never echo the token's subprotocol: answer ours when offered (a browser that
    # offered subprotocols fails the handshake when none is chosen).
    offered = ws.scope.get("subprotocols") or ()
    await ws.accept(subprotocol=SUBPROTOCOL if SUBPROTOCOL in offered else None)
    sender = asyncio.current_task()
    overflow, revoked = asyncio.Event(), asyncio.Event()
    gone, leaving = asyncio.Event(), asyncio.Event()
    checks: set[asyncio.Task[None]] = set()

    def on_overflow() -> None:
        overflow.set()
        if sender is not None:
            sender.cancel()

    def on_owner_changed() -> None:
        # The holder's account or device changed (disabled, new password, revoked):
        # is the token still good? If not, the stream ends now with 4401.
        async def recheck() -> None:
            if await asyncio.to_thread(deps.resolve, token) is None and not leaving.is_set():
                revoked.set()
                if sender is not None:
                    sender.cancel()

        task = asyncio.ensure_future(recheck())
        checks.add(task)
        task.add_done_callback(checks.discard)

    sub = deps.hub.subscribe(who.site, on_overflow, who.actor, on_owner_changed)
    deps.seen(who)
    db, ping_s = deps.db, deps.ping_interval_s
    try:
        epoch, head = await deps.head(who.site)
        await ws.send_text(Hello(epoch=epoch, seq=head, ping_interval_s=ping_s).model_dump_json())
        same_epoch = ws.query_params.get("epoch") in (None, "", epoch)
        if (
            since is not None
            and same_epoch
            and 0 <= since <= head
            and head - since <= deps.replay_limit
        ):
            last = since
        else:
            last, text = await deps.snapshots.get(who.site, epoch, head)
            await ws.send_text(text)
        if last < head:
            # Replay from the log what happened before this connection's queue began
            # (and a snapshot that lags the head). The queue repeats some; seq sorts it.
            for e in await asyncio.to_thread(fetch_events, db, who.site, last):
                await ws.send_text(event_text(e))
                last = e["seq"]
        receiver = asyncio.create_task(_drain_client(ws))

        def on_gone(_: asyncio.Task[None]) -> None:
            # The client left, or the server is shutting down and closed the socket:
            # stop waiting for the next event now, not at the next ping.
            if not leaving.is_set() and sender is not None:
                gone.set()
                sender.cancel()

        receiver.add_done_callback(on_gone)
        queue = sub.queue
        try:
            while not receiver.done():
                if queue.empty():
                    # asyncio.timeout, not wait_for: wait_for wraps every get() in a new
                    # Task, and this loop runs once per event per subscriber.
                    try:
                        async with asyncio.timeout(ping_s):
                            item = await queue.get()
                    except TimeoutError:
                        await ws.send_text(Ping(seq=last).model_dump_json())
                        deps.seen(who)
                        continue
                else:
                    item = queue.get_nowait()
                seq, text = item
                if seq <= last:
                    continue
                await ws.send_text(text)
                last = seq
        finally:
            leaving.set()
            receiver.cancel()
    except (WebSocketDisconnect, RuntimeError, ConnectionError):
        pass
    except asyncio.CancelledError:
        if gone.is_set() or revoked.is_set():
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()  # our own cancel, not the server's: end normally
            if revoked.is_set():
                log.info("stream closed: %s is no longer allowed", who.actor)
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(ws.close(code=CLOSE_UNAUTHORISED), CLOSE_GRACE_S)
            return  # the connection is over
        if not overflow.is_set():
            raise
        log.info("stream client too slow, disconnected (site %s)", who.site)
        # The close frame waits behind what the client has not read yet; a slow (not
        # dead) client gets it once it catches up. Its queue is already dropped, so
        # waiting costs one idle connection, not memory.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.close(code=CLOSE_TOO_SLOW), timeout=CLOSE_GRACE_S)
    finally:
        deps.hub.unsubscribe(sub)


async def _drain_client(ws: WebSocket) -> None:
    """Read (and ignore) what the client sends, so its close is noticed at once."""
    with contextlib.suppress(Exception):
        while True:
            msg = await ws.receive()
            if msg["type"] == "websocket.disconnect":
                return
