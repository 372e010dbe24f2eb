"""`ServerLink`: the one object an app creates to talk to the server.

It owns the REST client (`api`), the event stream (`stream`) and the hall state
(`state`), and wires them: stream messages update the state; a reconnect resumes from
the last seq; `config.changed` reloads catalog and state; an event the state cannot
apply triggers a state reload. Through an outage the last state stays on screen and
`connection_changed` says "offline"; when the link is back, the state catches up alone.

Typical use (see README of each app)::

    link = ServerLink(cfg.server_url, cfg.token)
    link.connection_changed.connect(badge.set_state)
    link.state.counters_changed.connect(board.redraw_counters)
    link.state.called.connect(lambda call, live: live and announcer.say(call))
    link.start()
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from clientkit import centre_time
from clientkit.hall_state import HallState
from clientkit.http import ApiCall, ApiClient, Parser
from clientkit.model import RECENT_CALLS_LIMIT
from clientkit.stream import ConnectionState, EventStream
from protocol import (
    Catalog,
    CounterState,
    LoginRequest,
    LoginResponse,
    RatingCreate,
    RatingPublic,
    Snapshot,
    TicketCreate,
    TicketIssued,
)

log = logging.getLogger(__name__)

__all__ = ["ConnectionState", "HallState", "ServerLink"]


class ServerLink(QObject):
    """REST + event stream + hall state for one server.

    Args:
        base_url: "http://server:8000".
        token: device token (kiosk, display, rating pad); users get one from `login`.
        timeout_s: per HTTP attempt.
        recent_limit: how many recent calls `state.model.recent_calls` keeps.
        stream_backoff: (first, max) reconnect delay of the stream, seconds.

    Attributes:
        api: `ApiClient` (for calls without a helper here).
        stream: `EventStream` (rarely needed directly).
        state: `HallState` — the live hall state and its signals.
        catalog: the last `protocol.Catalog`, or None before `fetch_catalog` answers.

    Signals:
        connection_changed(str): "connecting" / "online" / "offline".
        catalog_changed(): `catalog` was (re)loaded — redraw service buttons etc.
        logged_in(object): `protocol.LoginResponse` after `login` succeeded.
        unauthenticated(object): an `ApiError` 401 — token missing, revoked or expired.
    """

    connection_changed = Signal(str)
    catalog_changed = Signal()
    logged_in = Signal(object)
    unauthenticated = Signal(object)

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout_s: float = 10.0,
        recent_limit: int = RECENT_CALLS_LIMIT,
        stream_backoff: tuple[float, float] = (0.5, 10.0),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.api = ApiClient(base_url, token, timeout_s=timeout_s, parent=self)
        self.stream = EventStream(base_url, token, backoff=stream_backoff, parent=self)
        self.state = HallState(recent_limit=recent_limit, parent=self)
        self.catalog: Catalog | None = None
        self._state_call: ApiCall | None = None
        self._catalog_call: ApiCall | None = None
        self._snapshots_seen = 0

        self.api.unauthenticated.connect(self.unauthenticated)
        self.stream.state_changed.connect(self.connection_changed)
        self.stream.snapshot_received.connect(self._on_stream_snapshot)
        self.stream.hello_received.connect(self._on_hello)
        self.stream.event_received.connect(self.state.apply)
        self.state.refetch_needed.connect(self._reload_all)
        self.state.resync_needed.connect(self.fetch_state)
        self.state.day_closed.connect(self.fetch_state)

    # ---- connection ------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return self.api.base_url

    @property
    def token(self) -> str | None:
        return self.api.token

    @property
    def connection(self) -> str:
        """Current `ConnectionState` value."""
        return self.stream.state.value

    def set_token(self, token: str | None) -> None:
        """Use another token; a running stream reconnects with it."""
        self.api.token = token
        self.stream.token = token
        self.stream.reconnect()

    def start(self) -> None:
        """Load the catalog and open the event stream (which brings the state).

        Call once a token is set (device token, or after `login`): the stream refuses
        connections without one. If the server is down, both are retried until it is
        back, and `connection_changed` tells the screen meanwhile."""
        if not self.token:
            log.warning("ServerLink.start() without a token: the stream will be refused")
        self.fetch_catalog()
        self.stream.start()

    def stop(self) -> None:
        """Close the stream (e.g. on logout or quit). The state stays as it was."""
        self.stream.stop()

    # ---- auth --------------------------------------------------------------------------

    def login(self, username: str, password: str) -> ApiCall:
        """`POST /auth/login`; on success the token is kept and `logged_in` emitted.
        Result: `protocol.LoginResponse`."""
        body = LoginRequest(username=username, password=password)
        call = self.api.post("/auth/login", body, parse=LoginResponse.model_validate)
        call.succeeded.connect(self._on_login)
        return call

    def logout(self) -> ApiCall:
        """`POST /auth/logout`, then forget the token and close the stream."""
        call = self.api.post("/auth/logout")
        call.finished.connect(self._forget_token)
        return call

    def whoami(self) -> ApiCall:
        """`GET /auth/me` → dict {name, role, site, counter_id, full_name}; a rating
        pad or counter-top display learns its bound counter here."""
        return self.api.get("/auth/me", retry=True)

    # ---- reading -----------------------------------------------------------------------

    def fetch_catalog(self) -> ApiCall:
        """`GET /catalog`; stores `catalog` and emits `catalog_changed`.
        Result: `protocol.Catalog`. Concurrent calls share one request."""
        if self._catalog_call is not None and not self._catalog_call.done:
            return self._catalog_call
        call = self.api.get("/catalog", parse=Catalog.model_validate, retry=True)
        call.succeeded.connect(self._on_catalog)
        self._catalog_call = call
        return call

    def fetch_state(self) -> ApiCall:
        """`GET /state`; loads it into `state` unless the stream is already further.
        Result: `protocol.Snapshot`. Concurrent calls share one request."""
        if self._state_call is not None and not self._state_call.done:
            return self._state_call
        call = self.api.get("/state", parse=Snapshot.model_validate, retry=True)
        call.succeeded.connect(self._on_state)
        self._state_call = call
        return call

    def get(self, path: str, params: dict[str, Any] | None = None, **kw: Any) -> ApiCall:
        """Any GET of docs/API.md, e.g. `get(f"/counters/{n}/stats")`."""
        return self.api.get(path, params=params, **kw)

    # ---- commands ----------------------------------------------------------------------

    def command(
        self,
        path: str,
        body: Any = None,
        *,
        idempotency_key: str | None = None,
        parse: Parser | None = None,
    ) -> ApiCall:
        """POST a command (body: dict or protocol model). Its effect reaches `state`
        through the stream; the answer is for the screen that asked."""
        return self.api.post(path, body, idempotency_key=idempotency_key, parse=parse)

    def issue_ticket(self, body: TicketCreate, idempotency_key: str) -> ApiCall:
        """`POST /tickets` (kiosk). Make the key once per citizen's press
        (`clientkit.http.new_idempotency_key()`) and reuse it if they press "retry":
        the server answers the same ticket. Result: `protocol.TicketIssued`."""
        return self.command(
            "/tickets", body, idempotency_key=idempotency_key, parse=TicketIssued.model_validate
        )

    def counter_action(self, counter_id: int, action: str, body: Any = None) -> ApiCall:
        """`POST /counters/{id}/{action}`: open, close, pause, resume, call-next, call,
        recall, start, finish, no-show, return, transfer. Result: `protocol.CounterState`."""
        return self.command(
            f"/counters/{counter_id}/{action}", body, parse=CounterState.model_validate
        )

    def rate(self, body: RatingCreate) -> ApiCall:
        """`POST /ratings` (rating pad). Result: `protocol.RatingPublic`."""
        return self.command("/ratings", body, parse=RatingPublic.model_validate)

    # ---- wiring ------------------------------------------------------------------------

    def _on_login(self, answer: LoginResponse) -> None:
        self.set_token(answer.token)
        self.logged_in.emit(answer)

    def _forget_token(self) -> None:
        self.stop()
        self.api.token = None
        self.stream.token = None

    def _on_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        centre_time.use_zone(catalog.timezone)  # every clock shows the centre's time
        self.catalog_changed.emit()

    def _on_state(self, snap: Snapshot) -> None:
        change = self.state.load_snapshot(snap)
        if change.snapshot:
            self.stream.set_position(snap.epoch, snap.seq)

    def _on_hello(self, _hello: object) -> None:
        # The server was down at start and the catalog's retries gave up: now it is back.
        if self.catalog is None:
            self.fetch_catalog()

    def _on_stream_snapshot(self, snap: Snapshot) -> None:
        self._snapshots_seen += 1
        self.state.load_snapshot(snap, force=True)
        if self._snapshots_seen > 1:
            # The server could not replay what we missed, so a config change may be
            # among it: reload the catalog too.
            self.fetch_catalog()

    def _reload_all(self) -> None:
        self.fetch_catalog()
        self.fetch_state()
