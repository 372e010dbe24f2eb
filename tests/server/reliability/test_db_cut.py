"""The database connection cut for a few seconds under load (PostgreSQL behind a loopback
TCP proxy that the test cuts and restores; the machine's PostgreSQL is never stopped):
commands fail with a clear 503 problem+json (type `unavailable`, Vietnamese title) and
succeed again once it is back; nothing is half-written."""

import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from protocol.errors import ERROR_TITLES, ErrorCode
from tests.server.reliability.dbcheck import check_consistent, ticket_numbers
from tests.server.reliability.load import Load
from tests.server.reliability.tcp_proxy import TcpProxy
from tests.support.databases import PG_ENV, pg_server_url, prepared_database
from tests.support.live_server import LiveServer

CUT_S = 3.0


def wait(cond, timeout: float = 30) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_database_cut_gives_503_then_recovers(tmp_path: Path) -> None:
    if pg_server_url() is None:
        pytest.skip(f"needs PostgreSQL: set {PG_ENV}")
    with prepared_database("postgres", tmp_path) as (real_url, tokens):
        url = make_url(real_url)
        proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
        via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        srv = LiveServer(via_proxy, tmp_path, env={"MOTCUA_DB_POOL_SIZE": "4"}, tokens=tokens)
        srv.start()
        try:
            sup = srv.login("giamsat")
            assert srv.api("POST", "/counters/1/open", sup).status_code == 200
            load = Load(srv.url + "/api/v1", srv.admin_token, clerks={1: sup}).start()
            try:
                assert wait(lambda: len(load.acked) >= 30)
                proxy.cut()
                cut_at = len(load.acked)
                assert wait(lambda: load.statuses[503] >= 5, timeout=CUT_S * 5)
                time.sleep(CUT_S)
                during = len(load.acked)
                proxy.restore()
                assert wait(lambda: len(load.acked) >= during + 30), load.statuses
            finally:
                load.stop()
        finally:
            srv.close()
            proxy.close()

        assert len(load.acked) >= cut_at + 30
        # Only answers a client can act on: success, the documented 409s, or 503.
        assert set(load.statuses) <= {200, 201, 409, 503}, load.statuses
        for p in load.problems:
            assert p["status"] == 503, p
            assert p["ctype"].startswith("application/problem+json"), p
            assert p["body"]["type"] == ErrorCode.UNAVAILABLE.value, p
            assert p["body"]["title"] == ERROR_TITLES[ErrorCode.UNAVAILABLE], p
        stored = ticket_numbers(real_url)
        assert [a for a in load.acked if stored.get(a.id) != a.number] == []
        check_consistent(real_url)  # read directly, not through the proxy
