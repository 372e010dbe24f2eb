"""`CommandGate`: one counter command at a time, applied once or visibly not at all.

Why it exists (the "no press lost or applied twice" rule):

- While a command is in flight every action is refused (`busy`): a double-tapped F1
  cannot send two `call-next`.
- Counter commands carry no Idempotency-Key, so a command whose answer never came
  (network cut, server restarting, proxy 502/503/504) may or may not have run. It is
  **never re-sent automatically**: re-sending `recall` would announce twice, and a
  delayed re-send of `call-next` could call a citizen the clerk no longer expects.
  Instead the gate becomes `uncertain`, blocks every action, and reloads the state
  from the server (`GET /state`, retried, and again each time the stream comes back
  online). Once the state is loaded the screen shows what really happened and the
  clerk decides; the server's own rules make a second press harmless: `call-next`
  with a ticket already at the counter is refused (`counter-busy`), `finish`/`no-show`
  on an idle counter are refused (`counter-idle`), `pause` twice is `counter-paused`.
- Other server refusals (queue empty, not your counter, paused) are definite answers:
  shown as the server's Vietnamese title, nothing else to do.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from clientkit.errors import ApiError
from clientkit.http import ApiCall
from clientkit.session import ServerLink
from protocol import CounterState

log = logging.getLogger(__name__)


class CommandGate(QObject):
    """Signals:
    busy_changed(bool): a command is (no longer) in flight.
    uncertain_changed(bool): a command's outcome is unknown / the state is reloaded.
    succeeded(str, object): action and the `CounterState` the server answered.
    failed(str, object): action and its `ApiError` (network ones included).
    resynced(): after an uncertain outcome, the state was reloaded from the server.
    """

    busy_changed = Signal(bool)
    uncertain_changed = Signal(bool)
    succeeded = Signal(str, object)
    failed = Signal(str, object)
    resynced = Signal()

    def __init__(self, link: ServerLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.counter_id: int | None = None
        self._call: ApiCall | None = None
        self._action: str | None = None
        self._uncertain = False
        self._resync_call: ApiCall | None = None
        link.connection_changed.connect(self._on_connection)

    @property
    def busy(self) -> bool:
        return self._call is not None

    @property
    def action(self) -> str | None:
        """The action in flight, or the one whose outcome is uncertain."""
        return self._action

    @property
    def uncertain(self) -> bool:
        return self._uncertain

    def run(self, action: str, body: Any = None) -> bool:
        """Send `POST /counters/{id}/{action}`; False (nothing sent) while busy/uncertain."""
        if self.busy or self._uncertain or self.counter_id is None:
            return False
        self._action = action
        call = self.link.counter_action(self.counter_id, action, body)
        call.succeeded.connect(self._on_succeeded)
        call.failed.connect(self._on_failed)
        self._call = call
        self.busy_changed.emit(True)
        return True

    def reset(self) -> None:
        """Forget everything (log-out). An in-flight call is abandoned, not re-sent."""
        if self._call is not None:
            self._call.abort()
        self._call, self._action = None, None
        self._set_uncertain(False)
        self.busy_changed.emit(False)

    # ---- outcomes -----------------------------------------------------------------

    def _on_succeeded(self, state: CounterState) -> None:
        action = self._action or ""
        self._call = None
        self.busy_changed.emit(False)
        self.succeeded.emit(action, state)

    def _on_failed(self, error: ApiError) -> None:
        action = self._action or ""
        self._call = None
        if error.retryable:
            # No answer, or a proxy's "server restarting": the command may have run.
            log.warning("counter %s: outcome of %s unknown (%s)", self.counter_id, action, error)
            self._set_uncertain(True)
            self._resync()
        self.busy_changed.emit(False)
        self.failed.emit(action, error)

    # ---- catching up after an unknown outcome ---------------------------------------

    def _on_connection(self, state: str) -> None:
        if self._uncertain and state == "online":
            self._resync()

    def _resync(self) -> None:
        if self._resync_call is not None and not self._resync_call.done:
            return
        call = self.link.fetch_state()
        call.succeeded.connect(self._on_resynced)
        self._resync_call = call  # a failure waits for the next "online"

    def _on_resynced(self, _snapshot: object) -> None:
        self._resync_call = None
        if self._uncertain:
            self._action = None
            self._set_uncertain(False)
            self.resynced.emit()

    def _set_uncertain(self, value: bool) -> None:
        if value != self._uncertain:
            self._uncertain = value
            self.uncertain_changed.emit(value)
