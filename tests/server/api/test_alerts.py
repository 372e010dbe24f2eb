"""Alerts through the API with the fake clock: each kind trips, shows in GET /alerts and on
the stream as `alert.raised`, is acknowledged by a supervisor, and clears when its
condition ends. The background check is called directly (its loop waits 15 s)."""

import time as clock
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from server.app import create_app
from server.commands.supervision import check_all_sites
from server.settings import Settings
from server.store.tables import Device
from tests.support.databases import prepared_database
from tests.support.inproc import InProc

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def next_monday_nine(env: InProc) -> datetime:
    """A working day at 09:00 (the sample centre opens Monday to Saturday)."""
    today = env.clock.now().astimezone(TZ).date()
    monday = today + timedelta(days=7 - today.weekday())
    return datetime.combine(monday, time(9, 0), TZ)


@pytest.fixture
def env(inproc_any: InProc) -> InProc:
    inproc_any.clock.set(next_monday_nine(inproc_any))
    return inproc_any


def alerts(env: InProc, **params: Any) -> list[dict[str, Any]]:
    r = env.api("GET", "/alerts", env.login("giamsat"), params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def by_kind(env: InProc, kind: str) -> list[dict[str, Any]]:
    return [a for a in alerts(env) if a["kind"] == kind]


def seq(env: InProc) -> int:
    return env.api("GET", "/state", env.display_token).json()["seq"]  # type: ignore[no-any-return]


def stream_events(env: InProc, since: int, until_type: str) -> Iterator[dict[str, Any]]:
    """The events after `since`, as a TV receives them, up to the first of `until_type`."""
    with env.client.websocket_connect(
        f"/api/v1/stream?since={since}", headers={"Authorization": f"Bearer {env.display_token}"}
    ) as ws:
        for _ in range(200):
            msg = ws.receive_json()
            if msg["kind"] == "event":
                yield msg["event"]
                if msg["event"]["type"] == until_type:
                    return
    raise AssertionError(f"no {until_type} on the stream")


def test_long_wait_raised_pushed_acked_and_cleared(env: InProc) -> None:
    ticket = env.issue("dat-dai")
    env.clock.advance(minutes=59, seconds=59)
    check_all_sites(env.ctx)
    assert alerts(env) == []
    before = seq(env)
    env.clock.advance(seconds=1)
    check_all_sites(env.ctx)
    (alert,) = alerts(env)
    assert alert["id"] == f"long-wait:{ticket['id']}" and alert["active"] is True
    assert alert["text"] == f"Công dân số {ticket['number']} (Đất đai) đã chờ 60 phút"
    assert (alert["ticket_id"], alert["service_id"]) == (ticket["id"], "dat-dai")
    pushed = list(stream_events(env, before, "alert.raised"))[-1]
    assert pushed["data"]["alert"]["id"] == alert["id"] and pushed["data"]["services"] == []
    check_all_sites(env.ctx)  # the same condition is not raised twice
    assert seq(env) == before + 1
    token = env.login("giamsat")
    acked = env.api("POST", f"/alerts/{alert['id']}/ack", token)
    assert acked.status_code == 200
    assert acked.json()["acked_by"] == "user:giamsat" and acked.json()["acked_at"]
    again = env.api("POST", f"/alerts/{alert['id']}/ack", env.login("admin"))
    assert again.json() == acked.json() and seq(env) == before + 2  # nothing written
    assert alerts(env)[0]["acked_by"] == "user:giamsat"
    env.counter(1, "open")
    env.counter(1, "call-next")
    check_all_sites(env.ctx)
    (ended,) = alerts(env)
    assert ended["active"] is False and ended["acked_by"] == "user:giamsat"
    assert alerts(env, active="true") == []


def test_long_pause_and_idle_counter(env: InProc) -> None:
    env.counter(8, "open")
    env.counter(8, "pause", reason="Họp")
    env.counter(9, "open")
    env.clock.advance(minutes=19)
    env.issue("tu-phap")  # counter 9 is free while a citizen of its field waits
    env.clock.advance(minutes=1)
    check_all_sites(env.ctx)
    pause = by_kind(env, "long-pause")
    assert [(a["counter"], a["text"]) for a in pause] == [(8, "Quầy 8 tạm nghỉ 20 phút (Họp)")]
    assert by_kind(env, "idle-counter") == []  # the citizen came a minute ago
    env.clock.advance(minutes=4)
    check_all_sites(env.ctx)
    (idle,) = by_kind(env, "idle-counter")
    assert idle["counter"] == 9 and idle["active"]
    assert idle["text"] == "Quầy 9 không phục vụ ai 24 phút trong khi 1 công dân đang chờ"
    env.counter(8, "resume")
    env.counter(9, "call-next")
    check_all_sites(env.ctx)
    assert alerts(env, active="true") == []
    assert {a["kind"] for a in alerts(env)} == {"long-pause", "idle-counter"}


def test_printer_out_of_paper_and_back(env: InProc) -> None:
    r = env.api("POST", "/devices/me/printer", env.kiosk_token, json={"state": "paper-out"})
    assert r.status_code == 202
    before = seq(env)
    check_all_sites(env.ctx)
    (alert,) = by_kind(env, "printer")
    assert alert["text"] == "Máy in của kiosk-1 hết giấy" and alert["device"] == "kiosk-1"
    assert list(stream_events(env, before, "alert.raised"))[-1]["data"]["alert"]["kind"] == (
        "printer"
    )
    env.api("POST", "/devices/me/printer", env.kiosk_token, json={"state": "ok"})
    before = seq(env)
    check_all_sites(env.ctx)
    cleared = list(stream_events(env, before, "alert.cleared"))[-1]["data"]["alert"]
    assert cleared["id"] == alert["id"] and cleared["active"] is False


def seen(env: InProc, name: str, at: datetime) -> None:
    with env.ctx.db.writer.begin() as conn:
        conn.execute(update(Device).where(Device.name == name).values(last_seen=at))


def test_kiosk_not_seen_only_while_the_centre_is_open(env: InProc) -> None:
    now = env.clock.now()
    seen(env, "kiosk-1", now - timedelta(seconds=119))
    seen(env, "hall-tv", now)
    check_all_sites(env.ctx)
    assert by_kind(env, "device-offline") == []
    env.clock.advance(seconds=1)
    check_all_sites(env.ctx)
    (alert,) = by_kind(env, "device-offline")
    assert alert["device"] == "kiosk-1" and alert["text"] == "Kiosk kiosk-1 mất kết nối 2 phút"
    seen(env, "kiosk-1", env.clock.now())
    check_all_sites(env.ctx)
    assert alerts(env, active="true") == []
    # 18:00: the centre has closed; a TV switched off for the night is no alarm.
    env.clock.set(datetime.combine(env.clock.now().astimezone(TZ).date(), time(18), TZ))
    check_all_sites(env.ctx)
    assert alerts(env, active="true") == []


def test_who_may_and_unknown_alerts(env: InProc) -> None:
    clerk = env.login("canbo1")
    assert env.api("GET", "/alerts", clerk).json()["type"] == "forbidden"
    assert env.api("GET", "/alerts", env.display_token).status_code == 403
    r = env.api("POST", "/alerts/long-wait:999/ack", env.login("giamsat"))
    assert r.status_code == 404 and r.json()["type"] == "unknown-alert"
    assert r.json()["title"]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_second_process_neither_raises_twice_nor_forgets(kind: str, tmp_path: Path) -> None:
    """Two server processes on one database: the check decides inside the locked,
    caught-up write; a process that loads its hall afresh finds today's alerts in the
    log."""
    with prepared_database(kind, tmp_path) as (url, tokens):
        one, two = InProc(url, tokens), InProc(url, tokens)
        try:
            start = next_monday_nine(one)
            for env in (one, two):
                env.clock.set(start)
            one.issue("dat-dai")
            one.counter(8, "open")
            one.counter(8, "pause", reason="Họp")
            for env in (one, two):
                env.clock.advance(minutes=61)
            check_all_sites(one.ctx)
            head = seq(one)
            check_all_sites(two.ctx)
            assert seq(two) == head  # nothing raised a second time
            three = InProc(url, tokens)  # a process started now: its hall from the tables
            three.clock.set(two.clock.now())
            try:
                check_all_sites(three.ctx)
                assert seq(three) == head
                assert {a["kind"] for a in alerts(three)} == {"long-wait", "long-pause"}
            finally:
                three.close()
        finally:
            one.close()
            two.close()


def test_the_server_checks_by_itself(tmp_path: Path) -> None:
    """The lifespan's loop raises alerts with nobody calling the check."""
    with prepared_database("sqlite", tmp_path) as (url, tokens):
        app = create_app(Settings(database_url=url, alert_check_interval_s=0.05))
        with TestClient(app) as client:
            kiosk = {"Authorization": f"Bearer {tokens['kiosk']}"}
            report = {"state": "paper-out", "detail": "khay 2"}
            client.post("/api/v1/devices/me/printer", headers=kiosk, json=report)
            login = {"username": "giamsat", "password": "demo1234"}
            token = client.post("/api/v1/auth/login", json=login).json()["token"]
            boss = {"Authorization": f"Bearer {token}"}
            found: list[dict[str, Any]] = []
            for _ in range(400):  # the loop runs every 50 ms; give it many turns
                found = client.get("/api/v1/alerts", headers=boss).json()
                if found:
                    break
                clock.sleep(0.05)
            assert [a["text"] for a in found] == ["Máy in của kiosk-1 hết giấy (khay 2)"]
