"""The console on the server's app: NiceGUI mounted at /console/.

NiceGUI is one object per process (`nicegui.app`: its page routes, its socket.io server,
its event loop `core.loop`), while the test suite makes many FastAPI apps in one process.
So:

- NiceGUI is configured once per process (run config, middlewares, the pages), the first
  time `mount` is called (`_configure_once`);
- every app made by `create_app` mounts it behind `_ConsoleGate`, which tells the pages
  which app they serve (`scope[APP_KEY]`: their API client calls that app in-process) and
  signs the session cookie with that installation's secret;
- NiceGUI starts lazily, in the event loop of the first console request, and stops with
  the app that started it (its lifespan). Nothing is started or written by an app whose
  console is never opened, so `create_app` stays cheap and repeatable. While one app's
  loop runs NiceGUI, another app's console in another loop answers 503 (two live servers
  in one process only happen in tests; production runs one app per process).
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from server.console import state
from server.settings import Settings

CONSOLE_PATH = "/console"
# How long a page may take to build (its API calls) before NiceGUI gives up on it and
# shows an error page: its default, 3 s, is too short for a busy server at 09:00.
PAGE_BUILD_S = 30.0
APP_KEY = "motcua.app"
COOKIE = "motcua_console"
_configured = False


def mount(app: FastAPI, settings: Settings) -> None:
    """Serve the console at /console/ from `app` (unless settings.console is off)."""
    if not settings.console:
        return
    _configure_once()
    gate = _ConsoleGate(app, settings)
    app.mount(CONSOLE_PATH, gate)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: FastAPI) -> AsyncIterator[Any]:
        try:
            async with inner(a) as st:
                yield st
        finally:
            await _runtime.stop(app)

    app.router.lifespan_context = lifespan


def _configure_once() -> None:
    global _configured
    if _configured:
        return
    from nicegui import core, helpers
    from nicegui.middlewares import RedirectWithPrefixMiddleware, SetCacheControlMiddleware
    from nicegui.storage import RequestTrackingMiddleware

    core.app.config.add_run_config(
        reload=False,
        title="MotCua — Bảng điều khiển",
        viewport="width=device-width, initial-scale=1",
        favicon=None,
        dark=False,
        language="vi",
        binding_refresh_interval=None,  # the console binds nothing: no polling loop
        reconnect_timeout=5.0,
        message_history_length=1000,
        tailwind=True,
        unocss=None,
        prod_js=True,
        show_welcome_message=False,
        cache_control_directives="public, max-age=31536000, immutable",
        markdown=False,
    )
    core.app.add_middleware(RequestTrackingMiddleware)  # app.storage.user per browser
    if not helpers.is_pytest():
        core.app.add_middleware(GZipMiddleware)
    core.app.add_middleware(RedirectWithPrefixMiddleware)
    core.app.add_middleware(SetCacheControlMiddleware)
    import server.console.pages  # noqa: F401  (registers every @ui.page)

    _configured = True


class _Runtime:
    """NiceGUI's start and stop, in the loop of the app that serves the console."""

    def __init__(self) -> None:
        self.owner: FastAPI | None = None
        self._locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    def busy_elsewhere(self) -> bool:
        from nicegui import core

        loop = core.loop
        here = asyncio.get_running_loop()
        return (
            self.owner is not None
            and loop is not None
            and loop is not here
            and loop.is_running()
            and not loop.is_closed()
        )

    async def ensure(self, app: FastAPI, settings: Settings) -> None:
        from nicegui import core
        from nicegui.storage import Storage

        here = asyncio.get_running_loop()
        if self.owner is not None and core.loop is here:
            return
        lock = self._locks.setdefault(here, asyncio.Lock())
        async with lock:
            if self.owner is not None and core.loop is here:
                return  # another request started it meanwhile
            if self.owner is not None:  # the owner's loop ended without its lifespan
                await self._forget()
            Storage.path = state.sessions_dir(settings)
            from nicegui.nicegui import _startup

            await _startup()
            self.owner = app
        self._locks = {here: lock}

    async def stop(self, app: FastAPI) -> None:
        if self.owner is not app:
            return
        from nicegui.nicegui import _shutdown

        with contextlib.suppress(Exception):
            await _shutdown()
        await self._forget()

    async def _forget(self) -> None:
        """Drop what belonged to the old loop, so a later app can start NiceGUI again."""
        from nicegui import app as ui_app
        from nicegui import run
        from nicegui.client import Client

        for client in list(Client.instances.values()):
            with contextlib.suppress(Exception):
                client.delete()
        ui_app.storage._users.clear()  # noqa: SLF001  (their files stay: sessions persist)
        run.reset()
        self.owner = None


_runtime = _Runtime()


class _ConsoleGate:
    """ASGI in front of NiceGUI for one app: the served app in the scope, the session
    cookie signed with this installation's secret (made on the first request)."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self.app, self.settings = app, settings
        self._inner: ASGIApp | None = None

    def _build(self) -> ASGIApp:
        from nicegui import core
        from nicegui.storage import Storage

        secret = state.storage_secret(self.settings)
        Storage.secret = Storage.secret or secret  # NiceGUI only checks that one is set
        return SessionMiddleware(
            core.app,
            secret_key=secret,
            session_cookie=COOKIE,
            path=CONSOLE_PATH,
            same_site="lax",
            https_only=False,  # a centre's LAN is plain HTTP
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return
        if _runtime.busy_elsewhere():
            if scope["type"] == "http":
                await PlainTextResponse("console busy in another app", 503)(scope, receive, send)
            return
        if self._inner is None:
            self._inner = self._build()
        await _runtime.ensure(self.app, self.settings)
        scope[APP_KEY] = self.app
        await self._inner(scope, receive, send)
