"""EventStream against a fake websocket server (pytest-qt, offscreen)."""

from __future__ import annotations

import json

import pytest

from clientkit.stream import ConnectionState, EventStream
from tests.clientkit.ck_factories import event, ticket

WAIT_MS = 10_000


class Recorder:
    """What a stream emitted, in order."""

    def __init__(self, stream: EventStream) -> None:
        self.states: list[str] = []
        self.hellos: list[int] = []
        self.snapshots: list[int] = []
        self.events: list[tuple[int, bool]] = []
        self.caught_up = 0
        stream.state_changed.connect(self.states.append)
        stream.hello_received.connect(lambda h: self.hellos.append(h.seq))
        stream.snapshot_received.connect(lambda s: self.snapshots.append(s.seq))
        stream.event_received.connect(lambda e, live: self.events.append((e.seq, live)))
        stream.caught_up.connect(self._caught_up)

    def _caught_up(self) -> None:
        self.caught_up += 1


@pytest.fixture
def make_stream(qtbot):
    streams: list[EventStream] = []

    def make(url: str, **kw) -> tuple[EventStream, Recorder]:
        kw.setdefault("backoff", (0.1, 0.3))
        stream = EventStream(url, kw.pop("token", "dev-token"), **kw)
        streams.append(stream)
        return stream, Recorder(stream)

    yield make
    for stream in streams:
        stream.stop()


def issued(seq: int, tid: int):
    return event(seq, "ticket.issued", ticket=ticket(tid))


def test_hello_snapshot_replay_then_live(qtbot, fake_stream, make_stream):
    fake_stream.publish(issued(11, 3), issued(12, 4))
    stream, rec = make_stream(fake_stream.url)
    assert stream.state == ConnectionState.CONNECTING
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    assert rec.states == ["online"]
    assert rec.hellos == [12] and rec.snapshots == [10]
    assert rec.events == [(11, False), (12, False)]  # the past: not to be announced
    assert fake_stream.connections[0] == {"authorization": "Bearer dev-token"}  # no position
    fake_stream.publish(issued(13, 5))
    qtbot.waitUntil(lambda: len(rec.events) == 3, timeout=WAIT_MS)
    assert rec.events[-1] == (13, True)
    assert stream.last_seq == 13 and stream.epoch == "E1"


def test_resume_from_a_known_position_replays_only_the_gap(qtbot, fake_stream, make_stream):
    fake_stream.publish(issued(11, 3), issued(12, 4))
    stream, rec = make_stream(fake_stream.url)
    stream.set_position("E1", 11)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    assert fake_stream.connections[0]["since"] == "11"
    assert fake_stream.connections[0]["epoch"] == "E1"
    assert rec.snapshots == [] and rec.events == [(12, False)]


def test_already_up_to_date_is_caught_up_at_hello(qtbot, fake_stream, make_stream):
    stream, rec = make_stream(fake_stream.url)
    stream.set_position("E1", 10)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    assert rec.events == [] and rec.snapshots == []


def test_other_epoch_gets_a_snapshot(qtbot, fake_stream, make_stream):
    fake_stream.publish(issued(11, 3))
    stream, rec = make_stream(fake_stream.url)
    stream.set_position("OLD-DB", 500)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    assert rec.snapshots == [10] and rec.events == [(11, False)]
    assert stream.epoch == "E1" and stream.last_seq == 11


def test_drop_goes_offline_then_online_and_resumes(qtbot, fake_stream, make_stream):
    stream, rec = make_stream(fake_stream.url)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    fake_stream.publish(issued(11, 3))
    qtbot.waitUntil(lambda: rec.events == [(11, True)], timeout=WAIT_MS)

    # The server goes away and refuses for a while; a ticket is called meanwhile.
    fake_stream.refuse = True
    fake_stream.drop()
    qtbot.waitUntil(lambda: stream.state == ConnectionState.OFFLINE, timeout=WAIT_MS)
    fake_stream.publish(issued(12, 4))
    qtbot.waitUntil(lambda: len(fake_stream.connections) >= 3, timeout=WAIT_MS)
    assert stream.state != ConnectionState.ONLINE
    fake_stream.refuse = False

    qtbot.waitUntil(lambda: rec.caught_up == 2, timeout=WAIT_MS)
    assert stream.state == ConnectionState.ONLINE
    assert rec.states[0] == "online" and "offline" in rec.states and rec.states[-1] == "online"
    assert fake_stream.connections[-1]["since"] == "11"
    assert fake_stream.connections[-1]["epoch"] == "E1"
    # The event missed during the outage is replayed once, as catch-up.
    assert rec.events == [(11, True), (12, False)]
    assert rec.snapshots == [10]
    fake_stream.publish(issued(13, 5))
    qtbot.waitUntil(lambda: len(rec.events) == 3, timeout=WAIT_MS)
    assert rec.events[-1] == (13, True)


def test_silent_server_triggers_a_reconnect(qtbot, fake_stream, make_stream):
    fake_stream.ping_interval_s = 0.2  # the watchdog fires after 3 × 0.2 s
    stream, rec = make_stream(fake_stream.url)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    qtbot.wait(700)  # pings keep it alive past three intervals
    assert len(fake_stream.connections) == 1 and stream.state == ConnectionState.ONLINE
    fake_stream.silent = True
    qtbot.waitUntil(lambda: "offline" in rec.states, timeout=WAIT_MS)
    fake_stream.silent = False
    qtbot.waitUntil(lambda: len(fake_stream.connections) >= 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: stream.state == ConnectionState.ONLINE, timeout=WAIT_MS)
    assert fake_stream.connections[-1]["since"] == "10"


def test_duplicates_and_unknown_messages_are_ignored(qtbot, fake_stream, make_stream):
    stream, rec = make_stream(fake_stream.url)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    e11 = issued(11, 3)
    fake_stream.publish(e11)
    frame = {"kind": "event", "event": e11.model_dump(mode="json")}
    fake_stream.send_raw(frame)  # the same event again
    fake_stream.send_raw({"kind": "event", "event": issued(5, 9).model_dump(mode="json")})
    fake_stream.send_raw({"kind": "weather", "sunny": True})  # a newer server's kind
    fake_stream.send_raw("not json at all")
    fake_stream.publish(issued(12, 4))
    qtbot.waitUntil(lambda: len(rec.events) >= 2, timeout=WAIT_MS)
    qtbot.wait(100)
    assert rec.events == [(11, True), (12, True)]
    assert len(fake_stream.connections) == 1  # junk did not cost the link


def test_unreachable_server_is_offline_and_keeps_trying(qtbot, make_stream):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    stream, rec = make_stream(f"http://127.0.0.1:{port}")
    stream.start()
    qtbot.waitUntil(lambda: rec.states == ["offline"], timeout=WAIT_MS)
    qtbot.wait(500)
    assert stream.running and rec.states == ["offline"]  # no flicker while retrying


def test_stop_stops_reconnecting(qtbot, fake_stream, make_stream):
    stream, rec = make_stream(fake_stream.url)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    stream.stop()
    assert stream.state == ConnectionState.OFFLINE and not stream.running
    qtbot.wait(600)
    assert len(fake_stream.connections) == 1


def test_new_token_reconnects(qtbot, fake_stream, make_stream):
    stream, rec = make_stream(fake_stream.url)
    stream.start()
    qtbot.waitUntil(lambda: rec.caught_up == 1, timeout=WAIT_MS)
    stream.token = "tok-2"
    stream.reconnect()
    qtbot.waitUntil(lambda: len(fake_stream.connections) == 2, timeout=WAIT_MS)
    assert fake_stream.connections[1]["authorization"] == "Bearer tok-2"
    assert fake_stream.connections[1]["since"] == "10"


def test_url_building():
    stream = EventStream("https://hcc.example.vn/motcua/", "a b")
    stream.set_position("E1", 42)
    url = bytes(stream.url().toEncoded().data()).decode()
    assert url.startswith("wss://hcc.example.vn/motcua/api/v1/stream?")
    assert "since=42" in url and "epoch=E1" in url and "token" not in url
    assert bytes(stream.request().rawHeader("Authorization").data()) == b"Bearer a b"
    assert EventStream("http://h:8000").url().toString() == "ws://h:8000/api/v1/stream"


def test_position_only_moves_forward_within_an_epoch():
    stream = EventStream("http://h")
    stream.set_position("E1", 10)
    stream.set_position("E1", 8)
    assert stream.last_seq == 10
    stream.set_position("E2", 3)
    assert (stream.epoch, stream.last_seq) == ("E2", 3)


def test_fake_server_frames_are_valid_protocol():
    # Guard for the fake itself: its hello must parse as the real protocol does.
    from protocol import parse_stream_message

    hello = {"kind": "hello", "epoch": "E1", "seq": 1, "ping_interval_s": 0.3}
    assert parse_stream_message(json.dumps(hello)).seq == 1
