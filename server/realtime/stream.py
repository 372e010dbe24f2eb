"""`WS /api/v1/stream`: hello, then replay or snapshot, then live events and pings."""

import asyncio
import contextlib
import json
import logging

from fastapi import WebSocket, WebSocketDisconnect
from sqlalchemy import select
from sqlmodel import Session

from server.api.deps import Services
from server.queries.snapshot import build_snapshot
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


def _site_head(db: Database, site: str) -> tuple[str, int]:
    with Session(db.reader) as s:
        row = s.get(Site, site)
        return (row.epoch, row.seq) if row else ("", 0)


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


async def stream(ws: WebSocket, svc: Services) -> None:
    token = (
        ws.query_params.get("token")
        or ws.headers.get("authorization", "").removeprefix("Bearer ").strip()
    )
    who = await asyncio.to_thread(svc.tokens.resolve, token) if token else None
    if who is None:
        await ws.close(code=CLOSE_UNAUTHORISED)
        return
    try:
        since = int(ws.query_params["since"]) if "since" in ws.query_params else None
    except ValueError:
        since = None
    await ws.accept()
    sender = asyncio.current_task()
    overflow = asyncio.Event()

    def on_overflow() -> None:
        overflow.set()
        if sender is not None:
            sender.cancel()

    sub = svc.hub.subscribe(who.site, on_overflow)
    db, ping_s = svc.ctx.db, svc.settings.ping_interval_s
    try:
        epoch, head = await asyncio.to_thread(_site_head, db, who.site)
        await ws.send_text(
            _dumps({"kind": "hello", "epoch": epoch, "seq": head, "ping_interval_s": ping_s})
        )
        same_epoch = ws.query_params.get("epoch") in (None, "", epoch)
        if (
            since is not None
            and same_epoch
            and 0 <= since <= head
            and head - since <= svc.settings.replay_limit
        ):
            last = since
            for e in await asyncio.to_thread(fetch_events, db, who.site, since):
                await ws.send_text(_dumps({"kind": "event", "event": e}))
                last = e["seq"]
        else:
            snap = await asyncio.to_thread(build_snapshot, svc.ctx, who.site)
            await ws.send_text(
                _dumps({"kind": "snapshot", "snapshot": snap.model_dump(mode="json")})
            )
            last = snap.seq
        receiver = asyncio.create_task(_drain_client(ws))
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
                        await ws.send_text(_dumps({"kind": "ping", "seq": last}))
                        continue
                else:
                    item = queue.get_nowait()
                seq, text = item
                if seq <= last:
                    continue
                await ws.send_text(text)
                last = seq
        finally:
            receiver.cancel()
    except (WebSocketDisconnect, RuntimeError, ConnectionError):
        pass
    except asyncio.CancelledError:
        if not overflow.is_set():
            raise
        log.info("stream client too slow, disconnected (site %s)", who.site)
        # The close frame waits behind what the client has not read yet; a slow (not
        # dead) client gets it once it catches up. Its queue is already dropped, so
        # waiting costs one idle connection, not memory.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.close(code=CLOSE_TOO_SLOW), timeout=CLOSE_GRACE_S)
    finally:
        svc.hub.unsubscribe(sub)


async def _drain_client(ws: WebSocket) -> None:
    """Read (and ignore) what the client sends, so its close is noticed at once."""
    with contextlib.suppress(Exception):
        while True:
            msg = await ws.receive()
            if msg["type"] == "websocket.disconnect":
                return
