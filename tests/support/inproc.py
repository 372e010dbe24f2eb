"""The app in-process (FastAPI TestClient) with a fake clock: fast, and able to cross
midnight. Fixture `inproc` runs on SQLite; `inproc_any` on SQLite and PostgreSQL."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from motcua.demo import DEMO_PASSWORD, prepare
from server.app import create_app
from server.domain.clock import FakeClock, SystemClock
from server.settings import Settings
from tests.support.databases import prepared_database

TZ = "Asia/Ho_Chi_Minh"


def nine_am_today() -> datetime:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(TZ)
    return datetime.combine(SystemClock().now().astimezone(tz).date(), time(9, 0), tz)


class InProc:
    def __init__(self, db_url: str, tokens: dict[str, str] | None = None) -> None:
        """`tokens`: the devices' tokens when `db_url` is already prepared (a copy of a
        template: `prepared_database`); without them `prepare` runs here."""
        tokens = tokens or prepare(db_url)
        self.kiosk_token, self.display_token = tokens["kiosk"], tokens["display"]
        self.rating_token = tokens["rating"]
        self.clock = FakeClock(nine_am_today())
        # Alerts are checked when a test says so (the fake clock decides what is late),
        # not by the server's loop in the middle of another test's before/after.
        self.settings = Settings(
            database_url=db_url,
            public_base_url="http://queue.test",
            ping_interval_s=0.5,
            alert_check_interval_s=24 * 3600,
        )
        self.app = create_app(self.settings, clock=self.clock)
        self.client = TestClient(self.app, raise_server_exceptions=False)
        self.client.__enter__()
        self.ctx = self.app.state.services.ctx
        self._tokens: dict[str, str] = {}

    def login(self, username: str) -> str:
        if username not in self._tokens:
            r = self.client.post(
                "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
            )
            assert r.status_code == 200, r.text
            self._tokens[username] = r.json()["token"]
        return self._tokens[username]

    def api(self, method: str, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if method == "POST" and path == "/tickets":  # as every client does (kiosks must)
            headers.setdefault("Idempotency-Key", uuid.uuid4().hex)
        return self.client.request(method, "/api/v1" + path, headers=headers, **kw)

    # Shorthands for the common moves.
    def issue(self, service_id: str = "dat-dai", **body: Any) -> dict[str, Any]:
        r = self.api("POST", "/tickets", self.kiosk_token, json={"service_id": service_id, **body})
        assert r.status_code == 201, r.text
        return r.json()  # type: ignore[no-any-return]

    def counter(
        self, counter_id: int, action: str, clerk: str | None = None, **body: Any
    ) -> httpx.Response:
        token = self.login(clerk or f"canbo{counter_id}")
        return self.api(
            "POST", f"/counters/{counter_id}/{action}", token, json=body if body else None
        )

    def close(self) -> None:
        self.client.__exit__(None, None, None)


@contextmanager
def running(kind: str, tmp_path: Path) -> Iterator[InProc]:
    with prepared_database(kind, tmp_path) as (url, tokens):
        env = InProc(url, tokens)
        try:
            yield env
        finally:
            env.close()


@pytest.fixture
def inproc(tmp_path: Path) -> Iterator[InProc]:
    with running("sqlite", tmp_path) as env:
        yield env


@pytest.fixture(params=["sqlite", "postgres"])
def inproc_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[InProc]:
    with running(request.param, tmp_path) as env:
        yield env
