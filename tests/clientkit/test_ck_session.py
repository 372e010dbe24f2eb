"""ServerLink wiring against the fake server (REST and stream on one port)."""

from __future__ import annotations

import pytest

from clientkit.session import ServerLink
from tests.clientkit.ck_factories import catalog, counter, event, snapshot, ticket

WAIT_MS = 10_000


@pytest.fixture
def link(qtbot, fake_stream):
    fake_stream.http_routes["/api/v1/catalog"] = catalog().model_dump(mode="json")
    fake_stream.http_routes["/api/v1/state"] = fake_stream.base.model_dump(mode="json")
    link = ServerLink(fake_stream.url, "tok", stream_backoff=(0.1, 0.3))
    link.calls: list[tuple[str, bool]] = []
    link.state.called.connect(lambda c, live: link.calls.append((c.number, live)))
    yield link
    link.stop()


def start(qtbot, link: ServerLink) -> None:
    with qtbot.waitSignals([link.catalog_changed, link.state.snapshot_loaded], timeout=WAIT_MS):
        link.start()
    qtbot.waitUntil(lambda: link.connection == "online", timeout=WAIT_MS)


def called(seq: int, tid: int, cid: int):
    t = ticket(tid, status="called", counter=cid)
    return event(seq, "ticket.called", ticket=t, counter=counter(cid, current=t))


def test_start_loads_catalog_and_state(qtbot, link, fake_stream):
    assert link.connection == "connecting" and link.catalog is None
    start(qtbot, link)
    assert link.catalog.name.startswith("Trung tâm")
    assert [t.id for t in link.state.model.waiting] == [1, 2]
    assert fake_stream.connections[0]["authorization"] == "Bearer tok"


def test_live_call_and_replayed_call(qtbot, link, fake_stream):
    start(qtbot, link)
    fake_stream.publish(called(11, 1, 1))
    qtbot.waitUntil(lambda: len(link.calls) == 1, timeout=WAIT_MS)
    assert link.calls == [("1001", True)]

    states: list[str] = []
    link.connection_changed.connect(states.append)
    fake_stream.refuse = True
    fake_stream.drop()
    qtbot.waitUntil(lambda: states == ["offline"], timeout=WAIT_MS)
    fake_stream.publish(called(12, 2, 2))  # while the hall TV is away
    fake_stream.refuse = False
    qtbot.waitUntil(lambda: len(link.calls) == 2, timeout=WAIT_MS)
    assert link.calls[1] == ("1002", False)  # shown, but not to be announced again
    assert link.connection == "online" and link.state.model.seq == 12
    assert [t.id for t in link.state.model.now_serving] == [1, 2]
    assert link.state.model.waiting == []  # last state kept, then caught up


def test_config_changed_reloads_catalog_and_state(qtbot, link, fake_stream):
    start(qtbot, link)
    assert fake_stream.http_seen.count("/api/v1/catalog") == 1
    fake_stream.http_routes["/api/v1/catalog"] = catalog("Tên mới").model_dump(mode="json")
    fake_stream.http_routes["/api/v1/state"] = snapshot(seq=11).model_dump(mode="json")
    with qtbot.waitSignal(link.catalog_changed, timeout=WAIT_MS):
        fake_stream.publish(event(11, "config.changed"))
    assert link.catalog.name == "Tên mới"
    qtbot.waitUntil(lambda: "/api/v1/state" in fake_stream.http_seen, timeout=WAIT_MS)


def test_state_over_http_moves_the_resume_point(qtbot, link, fake_stream):
    start(qtbot, link)
    newer = snapshot(seq=20, waiting=[ticket(7)])
    fake_stream.http_routes["/api/v1/state"] = newer.model_dump(mode="json")
    with qtbot.waitSignal(link.fetch_state().succeeded, timeout=WAIT_MS):
        pass
    assert [t.id for t in link.state.model.waiting] == [7]
    assert link.stream.last_seq == 20
    link.stream.reconnect()
    qtbot.waitUntil(lambda: len(fake_stream.connections) == 2, timeout=WAIT_MS)
    assert fake_stream.connections[1]["since"] == "20"


def test_fetch_state_shares_one_request(qtbot, link, fake_stream):
    first, second = link.fetch_state(), link.fetch_state()
    assert first is second
    with qtbot.waitSignal(first.finished, timeout=WAIT_MS):
        pass


def test_set_token_reconnects_the_stream(qtbot, link, fake_stream):
    start(qtbot, link)
    link.set_token("tok-2")
    assert link.token == "tok-2" and link.api.token == "tok-2"
    qtbot.waitUntil(lambda: len(fake_stream.connections) == 2, timeout=WAIT_MS)
    assert fake_stream.connections[1]["authorization"] == "Bearer tok-2"


def test_catalog_missing_at_start_is_fetched_when_the_server_says_hello(qtbot, link, fake_stream):
    del fake_stream.http_routes["/api/v1/catalog"]  # not answering yet
    link.start()
    qtbot.waitUntil(lambda: link.connection == "online", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "/api/v1/catalog" in fake_stream.http_seen, timeout=WAIT_MS)
    qtbot.wait(200)
    assert link.catalog is None
    fake_stream.http_routes["/api/v1/catalog"] = catalog().model_dump(mode="json")
    with qtbot.waitSignal(link.catalog_changed, timeout=WAIT_MS):
        fake_stream.drop()  # the next hello brings the catalog
    assert link.catalog is not None
