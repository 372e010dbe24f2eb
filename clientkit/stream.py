"""The event stream: one QWebSocket to `/api/v1/stream`, kept alive and resumed.

- Resume: every (re)connect asks for `since=<last seq>&epoch=<epoch>`; the server
  replays what was missed, or sends a snapshot when it cannot.
- Catch-up vs live: the hello carries the server's seq at connect time. Events up to
  that seq are a replay of the past (`live=False`): a display must not announce them
  again after an outage. Later events are live.
- Watchdog: the server pings every `ping_interval_s`; three intervals of silence mean a
  dead link (a cable pulled mid-connection shows no error), so the socket is dropped.
- Backoff: 0.5 s doubling to 10 s, with jitter, reset once a hello arrives.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from urllib.parse import quote, urlencode

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkRequest
from PySide6.QtWebSockets import QWebSocket

from clientkit.http import API_PREFIX, backoff_delay
from protocol import parse_stream_message
from protocol.stream import EventMessage, Hello, Ping, SnapshotMessage

log = logging.getLogger(__name__)


class ConnectionState(StrEnum):
    """`connecting`: socket open, syncing (or the very first attempt);
    `online`: the server said hello; `offline`: link lost, retrying with backoff."""

    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"


class EventStream(QObject):
    """Websocket client of the event stream. Transport only: it parses, drops
    duplicates and marks catch-up; `HallState` (clientkit.session) applies.

    Args:
        base_url: the server's http(s) URL; ws(s) is derived from it.
        token: device or user token, sent as `Authorization: Bearer …` in the
            handshake (never in the URL, which proxies and access logs record).
        connect_timeout_s: how long an attempt may take until the hello.
        backoff: (first, max) reconnect delay in seconds.

    Signals:
        state_changed(str): a `ConnectionState` value.
        hello_received(object): `protocol.stream.Hello` of each connection.
        snapshot_received(object): `protocol.Snapshot` — replace the whole state.
        event_received(object, bool): `protocol.Event` and `live` (False for catch-up).
        caught_up(): the replay after a (re)connect is complete.
    """

    state_changed = Signal(str)
    hello_received = Signal(object)
    snapshot_received = Signal(object)
    event_received = Signal(object, bool)
    caught_up = Signal()

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        connect_timeout_s: float = 10.0,
        backoff: tuple[float, float] = (0.5, 10.0),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.connect_timeout_s = connect_timeout_s
        self.backoff = backoff
        self._state = ConnectionState.CONNECTING
        self._epoch: str | None = None
        self._last_seq: int | None = None
        self._hello: Hello | None = None
        self._synced = False
        self._running = False
        self._failures = 0
        self._socket: QWebSocket | None = None
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_silence)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._open)

    # ---- public -------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def epoch(self) -> str | None:
        return self._epoch

    @property
    def last_seq(self) -> int | None:
        """Seq of the last snapshot or event delivered: where a reconnect resumes."""
        return self._last_seq

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Connect, and keep reconnecting until `stop()`."""
        if self._running:
            return
        self._running = True
        self._failures = 0
        self._open()

    def stop(self) -> None:
        """Close the link for good (until `start()` again)."""
        self._running = False
        self._retry.stop()
        self._drop(close=True)
        self._set_state(ConnectionState.OFFLINE)

    def reconnect(self) -> None:
        """Drop the link and connect again now (e.g. after a new token)."""
        if not self._running:
            return
        self._drop(close=True)
        self._retry.stop()
        self._open()

    def set_position(self, epoch: str, seq: int) -> None:
        """Resume from here next time (state loaded over HTTP may be ahead of us)."""
        if epoch != self._epoch or self._last_seq is None or seq > self._last_seq:
            self._epoch, self._last_seq = epoch, seq

    def url(self) -> QUrl:
        scheme = "wss" if self.base_url.startswith("https") else "ws"
        url = QUrl(f"{scheme}{self.base_url[self.base_url.index(':') :]}{API_PREFIX}/stream")
        query: dict[str, str | int] = {}
        if self._last_seq is not None and self._epoch is not None:
            query["since"] = self._last_seq
            query["epoch"] = self._epoch
        if query:
            # urlencode escapes "&", "+" and "=" inside values; QUrlQuery does not.
            url.setQuery(urlencode(query, quote_via=quote))
        return url

    def request(self) -> QNetworkRequest:
        """The handshake: `url()` and the token in an Authorization header."""
        request = QNetworkRequest(self.url())
        if self.token:
            request.setRawHeader(b"Authorization", f"Bearer {self.token}".encode())
        return request

    # ---- connection lifecycle -------------------------------------------------------

    def _open(self) -> None:
        if not self._running:
            return
        self._drop(close=False)
        self._hello = None
        self._synced = False
        socket = QWebSocket()
        socket.connected.connect(self._on_connected)
        socket.disconnected.connect(self._on_disconnected)
        socket.textMessageReceived.connect(self._on_text)
        socket.errorOccurred.connect(self._on_error)
        self._socket = socket
        self._watchdog.start(int(self.connect_timeout_s * 1000))
        log.debug("stream: opening %s since=%s", self.base_url, self._last_seq)  # no token in logs
        socket.open(self.request())

    def _drop(self, *, close: bool) -> None:
        """Forget the current socket without reacting to its last signals."""
        self._watchdog.stop()
        socket, self._socket = self._socket, None
        if socket is None:
            return
        for signal in (
            socket.connected,
            socket.disconnected,
            socket.textMessageReceived,
            socket.errorOccurred,
        ):
            signal.disconnect()
        if close:
            socket.close()
        else:
            socket.abort()
        socket.deleteLater()

    def _lost(self, why: str) -> None:
        if self._socket is None:
            return  # already handled (error and disconnected both arrive)
        log.info("stream: link lost (%s)", why)
        self._drop(close=False)
        if not self._running:
            return
        self._set_state(ConnectionState.OFFLINE)
        self._failures += 1
        self._retry.start(int(backoff_delay(self._failures, *self.backoff) * 1000))

    def _on_connected(self) -> None:
        self._set_state(ConnectionState.CONNECTING)
        self._watchdog.start(int(self.connect_timeout_s * 1000))  # until the hello

    def _on_disconnected(self) -> None:
        socket = self._socket
        code = socket.closeCode() if socket is not None else None
        reason = socket.closeReason() if socket is not None else ""
        self._lost(f"closed {code} {reason}".strip())

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        socket = self._socket
        self._lost(f"{error.name}: {socket.errorString() if socket else ''}")

    def _on_silence(self) -> None:
        self._lost("silence" if self._hello else "connect timeout")

    def _set_state(self, state: ConnectionState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state.value)

    # ---- messages ----------------------------------------------------------------

    def _on_text(self, raw: str) -> None:
        if self._hello is not None:
            self._watchdog.start(int(3 * self._hello.ping_interval_s * 1000))
        try:
            msg = parse_stream_message(raw)
        except ValidationError as exc:
            # A newer server may send kinds we do not know: skip them, keep the link.
            log.warning("stream: unreadable message skipped: %s", str(exc)[:300])
            return
        if isinstance(msg, Hello):
            self._on_hello(msg)
        elif isinstance(msg, SnapshotMessage):
            snap = msg.snapshot
            self._epoch, self._last_seq = snap.epoch, snap.seq
            self.snapshot_received.emit(snap)
            self._check_synced(snap.seq)
        elif isinstance(msg, EventMessage):
            self._on_event(msg)
        elif isinstance(msg, Ping):
            pass  # its only job is to reset the watchdog (done above)

    def _on_hello(self, hello: Hello) -> None:
        self._hello = hello
        self._failures = 0
        self._watchdog.start(int(3 * hello.ping_interval_s * 1000))
        self._set_state(ConnectionState.ONLINE)
        self.hello_received.emit(hello)
        if hello.epoch == self._epoch and self._last_seq is not None:
            self._check_synced(self._last_seq)

    def _on_event(self, msg: EventMessage) -> None:
        event = msg.event
        if self._last_seq is not None and event.seq <= self._last_seq:
            log.debug("stream: duplicate event %s ignored", event.seq)
            return
        self._last_seq = event.seq
        if self._hello is not None and self._epoch is None:
            self._epoch = self._hello.epoch  # replay without a snapshot: same log
        live = self._hello is None or event.seq > self._hello.seq
        self.event_received.emit(event, live)
        self._check_synced(event.seq)

    def _check_synced(self, seq: int) -> None:
        if not self._synced and self._hello is not None and seq >= self._hello.seq:
            self._synced = True
            self.caught_up.emit()
