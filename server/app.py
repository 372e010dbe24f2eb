"""create_app(settings): wiring only."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import select
from sqlmodel import Session

from protocol import API_PREFIX
from server.api import (
    admin,
    admin_accounts,
    admin_centre,
    audit,
    auth,
    counter,
    devices,
    display,
    docs,
    kiosk,
    personal_data,
    phones,
    problems,
    public,
    push,
    ratings,
    reports,
    supervision,
)
from server.api.deps import Services
from server.commands.auth import TokenResolver, forget_named
from server.commands.context import Context
from server.commands.days import roll_all_sites
from server.commands.last_seen import LastSeen
from server.commands.personal_data import purge
from server.commands.supervision import check_all_sites
from server.console.mount import mount as mount_console
from server.domain.clock import Clock, SystemClock
from server.logs import install_redaction
from server.metrics import Metrics
from server.notify.service import Notifier
from server.public import actions as public_actions
from server.public import door as public_door
from server.public import pages as public_pages
from server.queries.snapshot import build_snapshot
from server.realtime.backends import backend_for
from server.realtime.hub import Hub
from server.realtime.revocation import revoke_on_change
from server.realtime.stream import SnapshotCache, StreamDeps, event_text, fetch_events
from server.settings import Settings
from server.store.db import open_database
from server.store.report_log import DayCloser
from server.store.tables import Site

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or Settings()
    install_redaction()  # however the server is started, no token reaches its logs
    db = open_database(settings.database_url, settings.db_pool_size)
    hub = Hub(
        lambda site, after: fetch_events(db, site, after),
        backend_for(settings.broadcast_url),
        settings.stream_queue_size,
        render=event_text,
    )
    metrics = Metrics()
    metrics.watch_hub(hub)
    publish = metrics.counting(hub.publish_threadsafe)
    ctx = Context(db=db, clock=clock or SystemClock(), publish=publish)
    tokens = TokenResolver(ctx)
    revoke_on_change(hub, forget_named)  # every process: a changed account, refused at once
    seen = LastSeen(ctx)
    stream_deps = StreamDeps(
        resolve=tokens.resolve,
        cached=tokens.cached,
        hub=hub,
        db=db,
        snapshots=SnapshotCache(lambda site: build_snapshot(ctx, site)),
        ping_interval_s=settings.ping_interval_s,
        replay_limit=settings.replay_limit,
        seen=seen.seen,
    )
    notifier = Notifier(ctx, hub, settings)  # messages to phones: decided as events commit
    services = Services(
        settings=settings, ctx=ctx, tokens=tokens, hub=hub, stream=stream_deps, seen=seen
    )
    ctx.halls.on_day_closed = DayCloser(db, ctx.config)  # a closed day's report rows

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        def heads() -> dict[str, int]:
            with Session(db.reader) as s:
                return {site.code: site.seq for site in s.execute(select(Site)).scalars()}

        sites = await asyncio.to_thread(heads)
        await hub.start(sites)
        await notifier.start(list(sites))
        loops = [
            asyncio.create_task(_day_loop(ctx, settings.day_check_interval_s)),
            asyncio.create_task(_alert_loop(ctx, settings.alert_check_interval_s)),
            asyncio.create_task(_seen_loop(seen)),
            asyncio.create_task(_purge_loop(ctx)),
        ]
        try:
            yield
        finally:
            for task in loops:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            with contextlib.suppress(Exception):
                await asyncio.to_thread(seen.flush)
            await notifier.stop()
            await hub.stop()
            db.dispose()

    app = FastAPI(
        title="MotCua Queue",
        version="1",
        lifespan=lifespan,
        description="Hệ thống xếp hàng tự động cho bộ phận một cửa — queue API v1.",
        docs_url=None,  # docs.install: served offline
        redoc_url=None,
    )
    app.state.services = services
    app.state.notifier = notifier
    problems.install(app)
    docs.install(app)
    for r in (
        auth.router,
        display.router,
        kiosk.router,
        devices.router,
        counter.router,
        ratings.router,
        admin.router,
        supervision.router,
        admin_centre.router,
        admin_accounts.router,
        audit.router,
        public.router,
        phones.router,
        personal_data.router,
        push.router,
        push.admin_router,
        reports.router,
    ):
        app.include_router(r, prefix=API_PREFIX)
    app.include_router(push.page_router)  # before /t/{code}
    app.include_router(public.page_router)
    for r in (public_pages.router, public_actions.router, public_door.router):
        app.include_router(r)  # the citizens' phone pages, /m/ (server/public)
    mount_console(app, settings)  # /console/ (NiceGUI), unless settings.console is off
    app.add_middleware(
        problems.BodyLimit,
        max_bytes=settings.max_body_bytes,
        larger={f"{API_PREFIX}/admin/centre": settings.max_centre_bytes},
    )
    metrics.install(app, token=settings.metrics_token)  # outermost: sees every answer
    problems.install_openapi(app, API_PREFIX)
    return app


async def _day_loop(ctx: Context, every_s: float) -> None:
    """Close yesterday at midnight even when nobody presses anything."""
    while True:
        try:
            await asyncio.to_thread(roll_all_sites, ctx)
        except Exception:
            log.exception("day roll-over failed; retrying")
        await asyncio.sleep(every_s)


async def _alert_loop(ctx: Context, every_s: float) -> None:
    """Raise and clear the supervisors' alerts as the hall and the devices change."""
    while True:
        await asyncio.sleep(every_s)
        try:
            await asyncio.to_thread(check_all_sites, ctx)
        except Exception:
            log.exception("alert check failed; retrying")


async def _seen_loop(seen: LastSeen, every_s: float = 5.0) -> None:
    """Write the devices' last_seen off the requests' path."""
    while True:
        await asyncio.sleep(every_s)
        try:
            await asyncio.to_thread(seen.flush)
        except Exception:
            log.exception("writing devices' last_seen failed; retrying")


async def _purge_loop(ctx: Context, every_s: float = 3600.0) -> None:
    """Delete citizens' phone numbers past their centre's retention, once an hour."""
    while True:
        try:
            await asyncio.to_thread(purge, ctx)
        except Exception:
            log.exception("purging phone numbers failed; retrying")
        await asyncio.sleep(every_s)
