"""`CounterSession`: the clerk's side of one counter, from log-in to closing.

Log in (`POST /auth/login`) → open the counter (`POST /counters/{id}/open`, harmless to
repeat for the same clerk) → start the event stream → commands through the
`CommandGate` → close (finishing or handing back a citizen still at the counter first)
→ log out. Service layer: no widgets; the console page listens to the signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from clientkit.errors import ApiError
from clientkit.session import ServerLink
from counter_app.clock import ServerClock
from counter_app.console.gate import CommandGate
from counter_app.console.rules import Action
from protocol import (
    Catalog,
    CounterState,
    CounterStatus,
    Event,
    LoginResponse,
    TicketStatus,
    TransferBody,
)

# Why the console went back to the log-in screen.
END_CLOSED = "closed"  # the clerk closed the counter
END_UNAUTHENTICATED = "unauthenticated"  # the session expired or was revoked
END_CLOSED_ELSEWHERE = "closed-elsewhere"  # a supervisor closed the counter


class CounterSession(QObject):
    """Signals:
    login_failed(object): `ApiError` of the log-in or of opening the counter.
    opened(): logged in and the counter is open; the console can show.
    ended(str): back to the log-in screen (END_* constant says why).
    counter_changed(): `counter` changed (status, pause reason, current ticket).
    ready_changed(bool): online, caught up and the catalog loaded (actions allowed).
    """

    login_failed = Signal(object)
    opened = Signal()
    ended = Signal(str)
    counter_changed = Signal()
    ready_changed = Signal(bool)

    def __init__(self, link: ServerLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.gate = CommandGate(link, self)
        self.clock = ServerClock()
        self.counter_id: int | None = None
        self.username: str | None = None
        self.full_name: str | None = None
        self._in = False
        self._closing = False
        self._synced = False
        self._ready = False
        self._counter: CounterState | None = None
        self._plan: list[tuple[str, Any]] = []

        link.connection_changed.connect(self._on_connection)
        link.stream.caught_up.connect(self._on_caught_up)
        link.catalog_changed.connect(self._update_ready)
        link.unauthenticated.connect(self._on_unauthenticated)
        link.state.counters_changed.connect(self._on_counters)
        link.state.snapshot_loaded.connect(self._from_model)
        link.state.event_applied.connect(self._on_event)
        self.gate.succeeded.connect(self._on_command_done)
        self.gate.failed.connect(self._on_command_failed)
        self.gate.resynced.connect(self._from_model)

    # ---- reading ---------------------------------------------------------------------

    @property
    def logged_in(self) -> bool:
        return self._in

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def counter(self) -> CounterState | None:
        return self._counter

    @property
    def catalog(self) -> Catalog | None:
        return self.link.catalog

    # ---- log-in and out --------------------------------------------------------------

    def login(self, username: str, password: str, counter_id: int) -> None:
        self.counter_id = counter_id
        self.gate.counter_id = counter_id
        call = self.link.login(username, password)
        call.succeeded.connect(self._on_logged_in)
        call.failed.connect(self.login_failed)

    def _on_logged_in(self, answer: LoginResponse) -> None:
        self.username, self.full_name = answer.username, answer.full_name
        assert self.counter_id is not None
        call = self.link.counter_action(self.counter_id, "open")
        call.succeeded.connect(self._on_opened)
        call.failed.connect(self._on_open_failed)

    def _on_open_failed(self, error: ApiError) -> None:
        self.link.logout()  # do not keep a session for a counter we could not open
        self.login_failed.emit(error)

    def _on_opened(self, state: CounterState) -> None:
        self._in, self._closing, self._counter = True, False, state
        if not self.link.stream.running:
            self.link.start()
        else:
            self.link.fetch_catalog()
        self.counter_changed.emit()
        self.opened.emit()
        self._update_ready()

    def close_counter(self) -> bool:
        """Close the counter, first finishing (serving) or handing back to its queue
        (called, keeps its place) the citizen at the counter; then log out."""
        current = self._counter.current if self._counter else None
        plan: list[tuple[str, Any]] = []
        if current is not None and current.status == TicketStatus.SERVING:
            plan.append((Action.FINISH.value, None))
        elif current is not None and current.status == TicketStatus.CALLED:
            plan.append((Action.TRANSFER.value, TransferBody(service_id=current.service_id)))
        plan.append((Action.CLOSE.value, None))
        self._plan = plan[1:]
        self._closing = True
        if not self.run(*plan[0]):
            self._plan, self._closing = [], False
            return False
        return True

    def _end(self, why: str) -> None:
        if not self._in:
            return
        self._in, self._closing, self._plan = False, False, []
        self.gate.reset()
        if why != END_UNAUTHENTICATED:
            self.link.logout()
        else:
            self.link.stop()
        self._update_ready()
        self.ended.emit(why)

    # ---- commands --------------------------------------------------------------------

    def run(self, action: str, body: Any = None) -> bool:
        """Send one counter command (see `CommandGate.run`)."""
        return self._in and self.gate.run(action, body)

    def _on_command_done(self, action: str, state: CounterState) -> None:
        self._set_counter(state)
        if self._plan:
            self.run(*self._plan.pop(0))
        elif action == Action.CLOSE.value and self._closing:
            self._end(END_CLOSED)

    def _on_command_failed(self, _action: str, _error: ApiError) -> None:
        self._plan, self._closing = [], False

    # ---- keeping the counter current ---------------------------------------------------

    def _set_counter(self, state: CounterState | None) -> None:
        if state == self._counter:
            return
        self._counter = state
        self.counter_changed.emit()
        if (
            self._in
            and not self._closing
            and state is not None
            and state.status == CounterStatus.CLOSED
        ):
            self._end(END_CLOSED_ELSEWHERE)

    def _on_counters(self, ids: list[int]) -> None:
        if self._in and self.counter_id in ids:
            self._from_model()

    def _from_model(self) -> None:
        if self._in and self.counter_id is not None:
            state = self.link.state.model.counter(self.counter_id)
            if state is not None:
                self._set_counter(state)

    def _on_event(self, event: Event, live: bool) -> None:
        if live:
            self.clock.observe(event.at)

    def _on_unauthenticated(self, _error: ApiError) -> None:
        self._end(END_UNAUTHENTICATED)

    # ---- readiness -------------------------------------------------------------------

    def _on_connection(self, state: str) -> None:
        if state != "online":
            self._synced = False
        self._update_ready()

    def _on_caught_up(self) -> None:
        self._synced = True
        self._update_ready()

    def _update_ready(self) -> None:
        ready = (
            self._in
            and self._synced
            and self.link.connection == "online"
            and self.link.catalog is not None
        )
        if ready != self._ready:
            self._ready = ready
            self.ready_changed.emit(ready)
