"""`GET /t/{code}/events`: the phone page's live figures as Server-Sent Events.

The first frame is the ticket's TrackingInfo now; after that a frame whenever an event
of its site changes it. The connection subscribes to the hub like a websocket client,
and for each event does one cheap check (does it touch this ticket or its field?),
reading the hall only then, and sends only what changed. A comment keeps the connection
alive every ping interval; the stream ends once the ticket is done or cancelled (the
page closes its EventSource on that frame), and when the hub drops it for falling
behind (EventSource reconnects and gets the current state first again).

Per client address at most `public_streams_per_address` streams are open at once (a
phone has one per open tab); the public rate limit counts the connects.
"""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from functools import lru_cache

from fastapi import HTTPException, Request
from fastapi.responses import StreamingResponse

from protocol.events import EventType
from protocol.snapshot import TrackingInfo
from server.api.deps import Services
from server.queries.tracking import TicketRef, ticket_of_code, tracking_of

ALWAYS = frozenset({EventType.DAY_CLOSED.value, EventType.CONFIG_CHANGED.value})


@lru_cache(maxsize=256)
def touched(text: str) -> tuple[bool, int | None, frozenset[str]]:
    """What one hub frame touches: (every ticket?, the ticket id, the fields' ids).

    The hub renders each event once and hands every subscriber the same string, whose
    hash Python keeps: so each event is parsed once, not once per phone."""
    try:
        event = json.loads(text).get("event") or {}
    except ValueError:
        return True, None, frozenset()
    data = event.get("data") or {}
    ticket = data.get("ticket") or {}
    fields = {s.get("id") for s in data.get("services") or () if isinstance(s, dict)}
    for key in ("from_service_id", "to_service_id"):
        if data.get(key):
            fields.add(data[key])
    if ticket.get("service_id"):
        fields.add(ticket["service_id"])
    return event.get("type") in ALWAYS, ticket.get("id"), frozenset(f for f in fields if f)


def concerns(text: str, ticket_id: int, service_id: str) -> bool:
    every, tid, fields = touched(text)
    return every or tid == ticket_id or service_id in fields


def frame(info: TrackingInfo) -> str:
    return f"id: {info.seq or 0}\ndata: {info.model_dump_json()}\n\n"


def _same(a: TrackingInfo, b: TrackingInfo) -> bool:
    return a.model_dump(exclude={"seq"}) == b.model_dump(exclude={"seq"})


def _open_streams(request: Request) -> dict[str, int]:
    state = request.app.state
    if not hasattr(state, "track_streams"):
        state.track_streams = {}
    return state.track_streams  # type: ignore[no-any-return]


async def tracking_events(request: Request, code: str, svc: Services) -> StreamingResponse:
    ctx, hub = svc.ctx, svc.hub
    cap = svc.settings.public_streams_per_address
    ping_s = svc.settings.ping_interval_s
    client = request.client.host if request.client else "unknown"
    streams = _open_streams(request)
    if streams.get(client, 0) >= cap:
        raise HTTPException(
            429, "too many open tracking streams from this address", {"Retry-After": "30"}
        )
    ref = await asyncio.to_thread(ticket_of_code, ctx, code)  # unknown: 404 before streaming

    async def events() -> AsyncIterator[str]:
        if streams.get(client, 0) >= cap:  # others opened meanwhile
            yield "retry: 30000\n: too many open streams\n\n"
            return
        streams[client] = streams.get(client, 0) + 1
        dropped = asyncio.Event()
        sub = hub.subscribe(ref.site, dropped.set)  # before the first read: miss nothing
        try:
            last = await asyncio.to_thread(tracking_of, ctx, ref)
            yield frame(last)
            current = ref
            while not last.final:
                try:
                    async with asyncio.timeout(ping_s):
                        _, text = await sub.queue.get()
                except TimeoutError:
                    if dropped.is_set():
                        return
                    yield ": keep-alive\n\n"
                    continue
                relevant = concerns(text, current.ticket_id, current.service_id)
                while not sub.queue.empty():  # a burst: one read of the hall for all of it
                    _, text = sub.queue.get_nowait()
                    relevant = relevant or concerns(text, current.ticket_id, current.service_id)
                if dropped.is_set():
                    return  # cut off for falling behind: the page reconnects
                if not relevant:
                    continue
                info = await asyncio.to_thread(tracking_of, ctx, current)
                current = TicketRef(current.site, current.ticket_id, info.service_id)
                if not _same(info, last):
                    yield frame(info)
                    last = info
        finally:
            hub.unsubscribe(sub)
            n = streams.get(client, 1) - 1
            if n > 0:
                streams[client] = n
            else:
                with contextlib.suppress(KeyError):
                    del streams[client]

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
