"""Two server processes on one database with a shared broadcast backend: a user disabled
or a device revoked through one process is refused by the other at once (not after its
30 s token cache), and the other's open stream of that user closes with 4401."""

import json
import os
import time
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.support.databases import PG_ENV, REDIS_ENV, fresh_database, pg_server_url
from tests.support.live_server import LiveServer

SOON_S = 10.0  # well inside the 30 s a process would otherwise trust a token


def status_soon(srv: LiveServer, path: str, token: str, want: int) -> int:
    """The status of GET `path`, polled until it is `want` (the other process learns of
    the change through the backend, a moment after the first one answered)."""
    end = time.monotonic() + SOON_S
    while True:
        status = srv.api("GET", path, token).status_code
        if status == want or time.monotonic() > end:
            return status
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("kind", "backend"), [("postgres", "redis"), ("postgres", "postgres"), ("sqlite", "redis")]
)
def test_a_change_through_one_process_is_refused_by_the_other(
    kind: str, backend: str, tmp_path: Path
) -> None:
    if (kind == "postgres" or backend == "postgres") and pg_server_url() is None:
        pytest.skip(f"needs PostgreSQL: set {PG_ENV}")
    if backend == "redis" and not os.environ.get(REDIS_ENV):
        pytest.skip(f"Redis variant: set {REDIS_ENV} (e.g. redis://127.0.0.1:6379/0)")
    with fresh_database(kind, tmp_path) as url:
        broadcast = os.environ[REDIS_ENV] if backend == "redis" else url
        env = {"MOTCUA_BROADCAST_URL": broadcast}
        a = LiveServer(url, tmp_path, env=env)
        b = LiveServer(url, tmp_path, env=env)  # re-keys the devices: use b's tokens
        a.start()
        b.start()
        try:
            clerk, kiosk = b.login("canbo1"), b.kiosk_token
            assert b.api("GET", "/auth/me", clerk).status_code == 200  # b trusts it now
            assert b.api("GET", "/catalog", kiosk).status_code == 200
            with connect(f"{b.ws_url}/api/v1/stream?token={clerk}", open_timeout=5) as ws:
                assert json.loads(ws.recv(timeout=5))["kind"] == "hello"
                r = a.api("PATCH", "/admin/users/canbo1", a.admin_token, json={"disabled": True})
                assert r.status_code == 200, r.text
                assert status_soon(b, "/auth/me", clerk, 401) == 401
                with pytest.raises(ConnectionClosed) as closed:
                    while True:  # the change's event, pings, then the close
                        ws.recv(timeout=SOON_S)
                assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
            r = b.api("POST", "/auth/login", json={"username": "canbo1", "password": b.password})
            assert r.status_code == 401
            assert a.api("DELETE", "/admin/devices/kiosk-1", a.admin_token).status_code == 200
            assert status_soon(b, "/catalog", kiosk, 401) == 401
        finally:
            a.close()
            b.close()
