"""A real server for integration and app tests: in a thread of the test process, or in
a process of its own.

    def test_x(live_server):            # SQLite, sample centre, demo accounts
        r = live_server.api("POST", "/tickets", token=live_server.kiosk_token,
                            json={"service_id": "dat-dai"})
        clerk = live_server.login("canbo1")   # password demo1234
        live_server.restart()               # same database, same port

Fixtures (register with `pytest_plugins = ["tests.support.live_server"]`, done in
tests/conftest.py): `live_server` (SQLite), `live_server_any` (parametrised over SQLite
and PostgreSQL; PostgreSQL skips without MOTCUA_TEST_DATABASE_URL). Both serve from a
`ThreadServer`: uvicorn, as `motcua serve` runs it, in a thread of the test process, so a
test pays neither a Python start-up nor the imports again (seconds each on a busy
machine); `restart()` stops and starts it on the same port. Tests that need a process of
their own (kill -9, two processes, the process's memory) use `LiveServer` or
`serving(kind, tmp_path)`, which start `python -m motcua serve`.
"""

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from motcua.demo import DEMO_PASSWORD, SAMPLE, prepare
from server.app import create_app
from server.domain.clock import Clock
from server.settings import Settings
from tests.support.databases import prepared_database

_ADMIN_LOGIN = threading.Lock()

ROOT = Path(__file__).resolve().parents[2]
SITE = "trung-tam-tinh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(
        self,
        db_url: str,
        workdir: Path,
        env: dict[str, str] | None = None,
        port: int | None = None,
        config: Path = SAMPLE,
        tokens: dict[str, str] | None = None,
    ) -> None:
        """`tokens`: the devices' tokens when the database is already prepared (a copy of
        a template: `prepared_database`); without them `prepare` runs here."""
        self.db_url = db_url
        self.workdir = workdir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / f"server-{self.port}.log"
        tokens = tokens or prepare(db_url, config)
        self.kiosk_token = tokens["kiosk"]
        self.display_token = tokens["display"]
        self.rating_token = tokens["rating"]  # bound to counter 1
        self.password = DEMO_PASSWORD
        self.http = httpx.Client(base_url=self.url + "/api/v1", timeout=10)
        self._admin: str | None = None

    # -- process ----------------------------------------------------------------------
    def start(self, timeout: float = 30) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "MOTCUA_PING_INTERVAL_S": "1",
            "MOTCUA_DAY_CHECK_INTERVAL_S": "1",
            **self.extra_env,
        }
        log = open(self.log_path, "ab")  # noqa: SIM115  (kept open for the process)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "motcua",
                "serve",
                "--db",
                self.db_url,
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not become healthy")

    def stop(self, kill: bool = False) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def restart(self, kill: bool = False) -> None:
        self.stop(kill=kill)
        self.start()

    # -- HTTP helpers -----------------------------------------------------------------
    def login(self, username: str, password: str | None = None) -> str:
        r = self.http.post(
            "/auth/login", json={"username": username, "password": password or self.password}
        )
        r.raise_for_status()
        return str(r.json()["token"])

    @property
    def admin_token(self) -> str:
        # One login, whichever thread asks first: a burst of parallel logins of one
        # name is what the login throttle refuses (it counts an attempt until it succeeds).
        with _ADMIN_LOGIN:
            if self._admin is None:
                self._admin = self.login("admin")
        return self._admin

    def api(self, method: str, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if method == "POST" and path == "/tickets":  # as every client does (kiosks must)
            headers.setdefault("Idempotency-Key", uuid.uuid4().hex)
        return self.http.request(method, path, headers=headers, **kw)

    def close(self) -> None:
        self.stop()
        self.http.close()


def _not_cancelled(record: logging.LogRecord) -> bool:
    """Drops what uvicorn logs when a teardown cancels the open websockets' handlers."""
    cancelled = record.exc_info is not None and record.exc_info[0] is asyncio.CancelledError
    return not cancelled and not record.getMessage().startswith("Cancel ")


class ThreadServer(LiveServer):
    """The same server in a thread of the test process: uvicorn with `motcua serve`'s
    options, the settings `LiveServer` passes through the environment, and `extra_env`
    (MOTCUA_* variables) as settings. No kill -9 here: use `LiveServer` for that.
    `clock`: the server's clock (a `FakeClock` the test advances); `app`: the running app
    (its `state.services.ctx` for what a test does through the server's own context)."""

    def __init__(self, *args: Any, clock: Clock | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.clock = clock
        self.app: FastAPI | None = None
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def start(self, timeout: float = 30) -> None:
        values: dict[str, Any] = {
            "database_url": self.db_url,
            "public_base_url": self.url,
            "ping_interval_s": 1,
            "day_check_interval_s": 1,
        }
        for name, value in self.extra_env.items():
            if name.startswith("MOTCUA_"):
                values[name.removeprefix("MOTCUA_").lower()] = value
        app = self.app = create_app(Settings(**values), clock=self.clock)
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_config=None,  # leave the test process's logging (pytest's capture) alone
            log_level="warning",
            ws_ping_interval=20,
            ws_ping_timeout=20,
            ws_per_message_deflate=False,
            timeout_graceful_shutdown=3,
        )
        server = self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=server.run, name=f"server-{self.port}", daemon=True)
        self.thread.start()
        end = time.monotonic() + timeout
        while not server.started:
            if not self.thread.is_alive() or time.monotonic() > end:
                raise RuntimeError("the in-thread server did not start (see the log above)")
            time.sleep(0.01)

    def stop(self, kill: bool = False, graceful: bool = True) -> None:
        """`graceful=False` (the fixture's teardown) cancels open websockets at once
        instead of waiting for their handlers to notice (up to a ping interval)."""
        if kill:
            raise NotImplementedError("kill -9 needs a process: use LiveServer")
        if self.server is None or self.thread is None:
            return
        errors = logging.getLogger("uvicorn.error")
        if not graceful:
            self.server.config.timeout_graceful_shutdown = 0
            errors.addFilter(_not_cancelled)
        try:
            self.server.should_exit = True
            self.thread.join(timeout=15)
            if self.thread.is_alive():
                self.server.force_exit = True
                self.thread.join(timeout=10)
        finally:
            errors.removeFilter(_not_cancelled)
        self.server = self.thread = None

    def close(self) -> None:
        self.stop(graceful=False)
        self.http.close()


@contextmanager
def serving(
    kind: str, tmp_path: Path, config: Path = SAMPLE, in_thread: bool = False
) -> Iterator[LiveServer]:
    """A started server on a fresh, prepared database of `kind` ("sqlite" or
    "postgres"): a process of its own, or (`in_thread`) a `ThreadServer`."""
    with prepared_database(kind, tmp_path, config) as (url, tokens):
        cls = ThreadServer if in_thread else LiveServer
        srv = cls(url, tmp_path, config=config, tokens=tokens)
        srv.start()
        try:
            yield srv
        finally:
            srv.close()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with serving("sqlite", tmp_path, in_thread=True) as srv:
        yield srv


@pytest.fixture(params=["sqlite", "postgres"])
def live_server_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    with serving(request.param, tmp_path, in_thread=True) as srv:
        yield srv


@pytest.fixture(params=["sqlite", "postgres"])
def process_server_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """`live_server_any`, but a server process of its own (`python -m motcua serve`):
    for load tests, where clients and server should not share one interpreter."""
    with serving(request.param, tmp_path) as srv:
        yield srv
