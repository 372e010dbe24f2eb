"""Two server processes on one PostgreSQL database, with a Redis or a PostgreSQL
(LISTEN/NOTIFY) broadcast backend: commands go to either process, and each process's
own websocket client receives every event exactly once, in order."""

import os
from pathlib import Path

import pytest

from tests.server.reliability.streams import Recorder
from tests.support.databases import PG_ENV, REDIS_ENV, fresh_database, pg_server_url
from tests.support.live_server import LiveServer

TICKETS = 60


@pytest.mark.parametrize("backend", ["redis", "postgres"])
def test_two_processes_deliver_every_event(backend: str, tmp_path: Path) -> None:
    if pg_server_url() is None:
        pytest.skip(f"needs PostgreSQL: set {PG_ENV}")
    if backend == "redis" and not os.environ.get(REDIS_ENV):
        pytest.skip(f"Redis variant: set {REDIS_ENV} (e.g. redis://127.0.0.1:6379/0)")
    with fresh_database("postgres", tmp_path) as url:
        broadcast = os.environ[REDIS_ENV] if backend == "redis" else url
        env = {"MOTCUA_BROADCAST_URL": broadcast}
        a = LiveServer(url, tmp_path, env=env)
        b = LiveServer(url, tmp_path, env=env)  # re-keys the devices: use b's tokens
        a.start()
        b.start()
        try:
            display, kiosk = b.display_token, b.kiosk_token
            admin = a.admin_token
            recs = [Recorder(s.ws_url, display).start() for s in (a, b)]
            sup = b.login("giamsat")
            assert a.api("POST", "/counters/1/open", sup).status_code == 200
            for i in range(TICKETS):
                srv = (a, b)[i % 2]
                token = kiosk if i % 3 == 0 else admin  # kiosk limit: 20 a minute
                r = srv.api("POST", "/tickets", token, json={"service_id": "dat-dai"})
                assert r.status_code == 201, r.text
                if i % 5 == 0:
                    other = (b, a)[i % 2]
                    assert other.api("POST", "/counters/1/call-next", sup).status_code == 200
                    assert srv.api("POST", "/counters/1/no-show", sup).status_code == 200
            head = a.api("GET", "/state", admin).json()["seq"]
            for rec in recs:
                assert rec.wait_for(head), f"stuck at {rec.last} of {head}"
                rec.stop()
            for rec in recs:
                assert rec.kinds == []
                assert rec.seqs == list(range(1, head + 1)), "missing or repeated events"
        finally:
            a.close()
            b.close()
