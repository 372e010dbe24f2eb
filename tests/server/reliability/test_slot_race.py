"""A slot's capacity is never exceeded: 50 citizens booking its last 10 places at once
get exactly 10 bookings — one server (SQLite, PostgreSQL) and two server processes on
one PostgreSQL database. The database's unique seat per slot guarantees it."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Barrier
from zoneinfo import ZoneInfo

import httpx
import pytest

from protocol.centre import WEEKDAYS
from tests.support.databases import PG_ENV, pg_server_url, prepared_database
from tests.support.live_server import LiveServer, ThreadServer

CLIENTS, LEFT, CAPACITY = 50, 10, 12
FIELD = "tu-phap"
ENV = {"MOTCUA_PUBLIC_BURST": "1000"}  # 50 clients share one address here


def _configure(srv: LiveServer) -> None:
    admin = srv.admin_token
    cfg = srv.api("GET", "/admin/centre", admin).json()
    cfg["hours"] = {d: ["07:00", "17:00"] for d in WEEKDAYS}
    cfg["closed_days"] = []
    cfg["phones"]["per_address_per_hour"] = 1000
    for s in cfg["services"]:
        if s["id"] == FIELD:
            s["slots"] = {"enabled": True, "length_min": 30, "capacity": CAPACITY}
    assert srv.api("PUT", "/admin/centre", admin, json=cfg).status_code == 200


def _slot(srv: LiveServer) -> dict:  # type: ignore[type-arg]
    day = (datetime.now(UTC).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")) + timedelta(days=1)).date()
    r = srv.api("GET", f"/public/slots?service_id={FIELD}&date={day.isoformat()}")
    return r.json()["slots"][4]  # type: ignore[no-any-return]


def _book(url: str, start: str) -> int:
    with httpx.Client(base_url=url + "/api/v1", timeout=60) as c:
        r = c.post("/public/appointments", json={"service_id": FIELD, "slot_start": start})
        assert r.status_code in (201, 409), r.text
        assert r.status_code == 201 or r.json()["type"] == "slot-full"
        return r.status_code


def _race(servers: list[LiveServer]) -> None:
    _configure(servers[0])
    slot = _slot(servers[0])
    for _ in range(CAPACITY - LEFT):
        assert _book(servers[0].url, slot["start"]) == 201
    assert _slot(servers[-1])["left"] == LEFT
    barrier = Barrier(CLIENTS)

    def one(i: int) -> int:
        barrier.wait()
        return _book(servers[i % len(servers)].url, slot["start"])

    with ThreadPoolExecutor(CLIENTS) as pool:
        codes = list(pool.map(one, range(CLIENTS)))
    assert codes.count(201) == LEFT and codes.count(409) == CLIENTS - LEFT
    assert _slot(servers[0])["left"] == 0


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_fifty_clients_get_exactly_the_last_ten_places(kind: str, tmp_path: Path) -> None:
    with prepared_database(kind, tmp_path) as (url, tokens):
        srv = ThreadServer(url, tmp_path, env=ENV, tokens=tokens)
        srv.start()
        try:
            _race([srv])
        finally:
            srv.close()


def test_two_processes_on_postgresql_never_overbook(tmp_path: Path) -> None:
    if pg_server_url() is None:
        pytest.skip(f"needs PostgreSQL: set {PG_ENV}")
    with prepared_database("postgres", tmp_path) as (url, tokens):
        servers = [LiveServer(url, tmp_path, env=ENV, tokens=tokens) for _ in range(2)]
        try:
            for s in servers:
                s.start()
            _race(servers)
        finally:
            for s in servers:
                s.close()
