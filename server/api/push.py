"""Messages to citizens' phones, as the public and supervisors reach them: the server's
VAPID key and a phone page's push subscription (no token: the tracking code is the key),
the page's script and service worker, and the supervisors' list of messages."""

import asyncio
from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from protocol.notify import NotificationPage, PushKey, PushSubscribe, PushSubscribed
from server.api.audit import Day
from server.api.deps import CentreManager, ServicesDep
from server.api.public import Code
from server.api.ratelimit import public_rate_limit
from server.notify.listing import day_page
from server.notify.service import Notifier

router = APIRouter(tags=["public"])
admin_router = APIRouter(tags=["supervision"])
page_router = APIRouter(tags=["public"])
_TEMPLATES = Path(__file__).with_name("templates")


def notifier(request: Request) -> Notifier:
    return request.app.state.notifier  # type: ignore[no-any-return]


NotifierDep = Annotated[Notifier, Depends(notifier)]


@router.get("/public/push-key", dependencies=[Depends(public_rate_limit)])
def get_push_key(n: NotifierDep) -> PushKey:
    """The `applicationServerKey` for `pushManager.subscribe` (made on the first start,
    never changed)."""
    return n.push_key()


@router.post("/public/tickets/{code}/push", dependencies=[Depends(public_rate_limit)])
async def post_push(code: Code, body: PushSubscribe, n: NotifierDep) -> PushSubscribed:
    """This phone page gets the ticket's messages by web push ("near", "called"), in
    `lang`. Again: replaces the subscription. Deleted when the ticket ends."""
    site, answer = await asyncio.to_thread(n.subscribe, code, body)
    n.watcher.poke(site)  # already near or called: queued now
    return answer


@admin_router.get("/admin/notifications")
def get_notifications(
    who: CentreManager,
    svc: ServicesDep,
    day: Annotated[Day | None, Query(description="YYYY-MM-DD; default: today")] = None,
) -> NotificationPage:
    """A day's messages to phones, newest first: kind, channel, delivery (queued, sent,
    failed), tries, last error, the phone number masked."""
    return day_page(svc.ctx, who.site, day)


@cache
def _script(name: str) -> bytes:
    return (_TEMPLATES / name).read_bytes()


_JS = "text/javascript; charset=utf-8"
_JS_ANSWER = {200: {"content": {"text/javascript": {"schema": {"type": "string"}}}}}


@page_router.get(
    "/t/push.js",
    response_class=Response,
    dependencies=[Depends(public_rate_limit)],
    responses=_JS_ANSWER,
)
def push_script() -> Response:
    """The tracking page's "notify me" button (included by track.html)."""
    return Response(_script("push.js"), media_type=_JS, headers={"Cache-Control": "no-cache"})


@page_router.get(
    "/t/sw.js",
    response_class=Response,
    dependencies=[Depends(public_rate_limit)],
    responses=_JS_ANSWER,
)
def service_worker() -> Response:
    """The service worker that shows the pushed messages (scope /t/)."""
    return Response(_script("sw.js"), media_type=_JS, headers={"Cache-Control": "no-cache"})
