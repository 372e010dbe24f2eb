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
    auth,
    counter,
    devices,
    display,
    kiosk,
    problems,
    public,
    ratings,
    reports,
)
from server.api.deps import Services
from server.commands.auth import TokenResolver
from server.commands.context import Context
from server.commands.days import roll_all_sites
from server.domain.clock import Clock, SystemClock
from server.logs import install_redaction
from server.metrics import Metrics
from server.queries.snapshot import build_snapshot
from server.realtime.backends import backend_for
from server.realtime.hub import Hub
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
    stream_deps = StreamDeps(
        resolve=tokens.resolve,
        cached=tokens.cached,
        hub=hub,
        db=db,
        snapshots=SnapshotCache(lambda site: build_snapshot(ctx, site)),
        ping_interval_s=settings.ping_interval_s,
        replay_limit=settings.replay_limit,
    )
    ctx.halls.on_day_closed = DayCloser(db, ctx.config)  # a closed day's report rows
    services = Services(settings=settings, ctx=ctx, tokens=tokens, hub=hub, stream=stream_deps)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        def heads() -> dict[str, int]:
            with Session(db.reader) as s:
                return {site.code: site.seq for site in s.execute(select(Site)).scalars()}

        await hub.start(await asyncio.to_thread(heads))
        days = asyncio.create_task(_day_loop(ctx, settings.day_check_interval_s))
        try:
            yield
        finally:
            days.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await days
            await hub.stop()
            db.dispose()

    app = FastAPI(
        title="MotCua Queue",
        version="1",
        lifespan=lifespan,
        description="Hệ thống xếp hàng tự động cho bộ phận một cửa — queue API v1.",
    )
    app.state.services = services
    problems.install(app)
    for r in (
        auth.router,
        display.router,
        kiosk.router,
        devices.router,
        counter.router,
        ratings.router,
        admin.router,
        public.router,
        reports.router,
    ):
        app.include_router(r, prefix=API_PREFIX)
    app.include_router(public.page_router)
    app.add_middleware(problems.BodyLimit, max_bytes=settings.max_body_bytes)
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
