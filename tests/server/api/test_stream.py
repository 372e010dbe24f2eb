"""The event stream: hello, snapshot or replay, live events; a client that drops and
resumes with `since` gets every event exactly once, in seq order."""

import json
import threading
import time

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.support.live_server import LiveServer


def messages(ws, until_seq: int, timeout: float = 20) -> list[dict]:  # type: ignore[no-untyped-def]
    out: list[dict] = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        msg = json.loads(ws.recv(timeout=max(end - time.monotonic(), 0.1)))
        out.append(msg)
        if msg["kind"] == "event" and msg["event"]["seq"] >= until_seq:
            break
    return out


def test_snapshot_then_live(live_server: LiveServer) -> None:
    srv = live_server
    srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": "dat-dai"})
    with connect(f"{srv.ws_url}/api/v1/stream?token={srv.display_token}") as ws:
        hello = json.loads(ws.recv(timeout=5))
        assert hello["kind"] == "hello" and hello["seq"] == 1
        snap = json.loads(ws.recv(timeout=5))
        assert snap["kind"] == "snapshot"
        assert [t["number"] for t in snap["snapshot"]["waiting"]] == ["1001"]
        srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": "dat-dai"})
        live = json.loads(ws.recv(timeout=5))
        assert live["kind"] == "event" and live["event"]["seq"] == 2
        assert live["event"]["type"] == "ticket.issued"
        assert live["event"]["data"]["ticket"]["number"] == "1002"
        # idle: the server pings with its seq
        ping = json.loads(ws.recv(timeout=5))
        assert ping == {"kind": "ping", "seq": 2}


def test_resume_gets_every_event_exactly_once(live_server_any: LiveServer) -> None:
    srv = live_server_any
    clerk = srv.login("canbo1")
    srv.api("POST", "/counters/1/open", clerk)
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            srv.api("POST", "/tickets", srv.admin_token, json={"service_id": "dat-dai"})
            srv.api("POST", "/counters/1/call-next", clerk)
            srv.api("POST", "/counters/1/no-show", srv.admin_token)  # no wait for admins

    seen: list[int] = []
    since = 0
    worker = threading.Thread(target=load)
    worker.start()
    try:
        for _ in range(5):  # connect, read a while, drop, resume
            with connect(
                f"{srv.ws_url}/api/v1/stream?token={srv.display_token}&since={since}"
            ) as ws:
                hello = json.loads(ws.recv(timeout=5))
                assert hello["kind"] == "hello"
                end = time.monotonic() + 0.6
                while time.monotonic() < end:
                    msg = json.loads(ws.recv(timeout=5))
                    if msg["kind"] == "event":
                        seen.append(msg["event"]["seq"])
                        since = msg["event"]["seq"]
                    else:
                        assert msg["kind"] == "ping"
    finally:
        stop.set()
        worker.join()
    head = srv.api("GET", "/state", srv.display_token).json()["seq"]
    with connect(f"{srv.ws_url}/api/v1/stream?token={srv.display_token}&since={since}") as ws:
        json.loads(ws.recv(timeout=5))
        if since < head:
            seen += [m["event"]["seq"] for m in messages(ws, head) if m["kind"] == "event"]
    assert seen == list(range(1, head + 1)), "missing, repeated or out-of-order events"
    assert head > 30


def test_unknown_epoch_or_future_seq_gets_snapshot(live_server: LiveServer) -> None:
    srv = live_server
    srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": "dat-dai"})
    for q in ("since=1&epoch=someotherdb", "since=999"):
        with connect(f"{srv.ws_url}/api/v1/stream?token={srv.display_token}&{q}") as ws:
            assert json.loads(ws.recv(timeout=5))["kind"] == "hello"
            assert json.loads(ws.recv(timeout=5))["kind"] == "snapshot"


def test_stream_refuses_without_token(live_server: LiveServer) -> None:
    with (
        pytest.raises((InvalidStatus, Exception)),
        connect(f"{live_server.ws_url}/api/v1/stream?token=wrong") as ws,
    ):
        ws.recv(timeout=5)
