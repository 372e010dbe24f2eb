"""A real server process for integration and app tests.

    def test_x(live_server):            # SQLite, sample centre, demo accounts
        r = live_server.api("POST", "/tickets", token=live_server.kiosk_token,
                            json={"service_id": "dat-dai"})
        clerk = live_server.login("canbo1")   # password demo1234
        live_server.restart()               # same database, same port

Fixtures (register with `pytest_plugins = ["tests.support.live_server"]`, done in
tests/conftest.py): `live_server` (SQLite), `live_server_any` (parametrised over SQLite
and PostgreSQL; PostgreSQL skips without MOTCUA_TEST_DATABASE_URL).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from motcua.demo import DEMO_PASSWORD, SAMPLE, prepare
from tests.support.databases import fresh_database

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
    ) -> None:
        self.db_url = db_url
        self.workdir = workdir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / f"server-{self.port}.log"
        tokens = prepare(db_url, config)
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


@contextmanager
def serving(kind: str, tmp_path: Path) -> Iterator[LiveServer]:
    """A started server on a fresh database of `kind` ("sqlite" or "postgres")."""
    with fresh_database(kind, tmp_path) as url:
        srv = LiveServer(url, tmp_path)
        srv.start()
        try:
            yield srv
        finally:
            srv.close()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with serving("sqlite", tmp_path) as srv:
        yield srv


@pytest.fixture(params=["sqlite", "postgres"])
def live_server_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    with serving(request.param, tmp_path) as srv:
        yield srv
