"""Operations on a real server process (`motcua serve`): no token in its logs, the
stream's header and subprotocol logins, /metrics open on loopback, timestamped logs."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from websockets.sync.client import connect

from tests.support.live_server import LiveServer, serving

STREAM = "/api/v1/stream"


def hello(ws) -> dict:  # type: ignore[no-untyped-def]
    msg = json.loads(ws.recv(timeout=5))
    assert msg["kind"] == "hello", msg
    return msg  # type: ignore[no-any-return]


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[LiveServer]:
    """`motcua serve` in a process of its own, writing its log to a file."""
    with serving("sqlite", tmp_path) as srv:
        yield srv


def test_no_token_in_the_logs(server_process: LiveServer) -> None:
    srv = server_process
    with connect(f"{srv.ws_url}{STREAM}?token={srv.display_token}&since=0") as ws:
        hello(ws)
    # Old clients' HTTP with the token in the query (refused, but logged) and the usual
    # header form.
    httpx.get(f"{srv.url}/api/v1/state", params={"token": srv.kiosk_token})
    assert srv.api("GET", "/state", srv.display_token).status_code == 200
    srv.stop()  # every line written
    text = srv.log_path.read_text()
    for token in (srv.display_token, srv.kiosk_token):
        assert token not in text
    assert f"{STREAM}?token=***&since=0" in text  # the websocket's line, redacted
    assert "/api/v1/state?token=*** HTTP/1.1" in text  # the HTTP access line
    access = [line for line in text.splitlines() if " access: " in line]
    assert access and all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", a) for a in access)


def test_the_stream_takes_the_token_in_a_header_or_a_subprotocol(live_server: LiveServer) -> None:
    srv = live_server
    auth = {"Authorization": f"Bearer {srv.display_token}"}
    with connect(f"{srv.ws_url}{STREAM}", additional_headers=auth) as ws:
        assert hello(ws)["seq"] == 0
    offered = ["motcua.v1", f"bearer.{srv.display_token}"]
    with connect(f"{srv.ws_url}{STREAM}", subprotocols=offered) as ws:  # type: ignore[arg-type]
        assert ws.subprotocol == "motcua.v1"  # never the token back
        hello(ws)


def test_metrics_are_open_on_loopback(live_server: LiveServer) -> None:
    srv = live_server
    srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": "dat-dai"})
    r = httpx.get(f"{srv.url}/metrics")
    assert r.status_code == 200
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in text_string_to_metric_families(r.text)
        for s in f.samples
    }
    assert samples[("motcua_events_total", (("type", "ticket.issued"),))] == 1
