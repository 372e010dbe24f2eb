"""`RatingPadController`: when to ask the citizen, and sending the answer.

Service layer (no widgets). Idle until a `ticket.finished` at this pad's counter; then
asks for a rating level (the catalog's `rating_levels`); a low level asks for reasons
(`rating_reasons`); then thanks, and back to idle after `idle_timeout_ms` without a
touch (on every screen but idle).

Sending: `POST /ratings` is retried on a network failure. That is safe without an
Idempotency-Key because the server keeps one rating per ticket: if an earlier attempt
did arrive, the retry is answered `already-rated`, which after a retry means "ours got
through" — thanks. On the first attempt `already-rated` is a real refusal and is shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from clientkit import i18n
from clientkit.errors import ApiError
from clientkit.http import ApiCall
from clientkit.session import ServerLink
from counter_app.pad import strings  # noqa: F401  (registers the texts)
from protocol import (
    CounterState,
    ErrorCode,
    Event,
    EventType,
    RatingCreate,
    RatingLevel,
    RatingPublic,
    TicketPublic,
)
from protocol.events import TicketAtCounterData

IDLE, ASKING, REASONS, THANKS = "idle", "asking", "reasons", "thanks"
REPLAY_WINDOW_S = 120  # a finish missed during an outage is still asked if this recent


class RatingPadController(QObject):
    """Signals:
    mode_changed(str): IDLE, ASKING, REASONS or THANKS.
    counter_changed(): the counter (clerk, number being served, status) changed.
    busy_changed(bool): a rating is being sent (the buttons wait).
    notice(str): a message for the citizen (the server's title, or a failure).
    """

    mode_changed = Signal(str)
    counter_changed = Signal()
    busy_changed = Signal(bool)
    notice = Signal(str)

    def __init__(
        self,
        link: ServerLink,
        counter_id: int,
        *,
        idle_timeout_ms: int = 30_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.counter_id = counter_id
        self.mode = IDLE
        self.ticket: TicketPublic | None = None
        self.level: RatingLevel | None = None
        self.rated: set[int] = set()
        self._call: ApiCall | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_timeout_ms)
        self._idle.timeout.connect(self.reset)
        link.state.event_applied.connect(self._on_event)
        link.state.counters_changed.connect(self._on_counters)
        link.state.snapshot_loaded.connect(self.counter_changed)

    @property
    def idle_timeout_ms(self) -> int:
        return self._idle.interval()

    @idle_timeout_ms.setter
    def idle_timeout_ms(self, value: int) -> None:
        self._idle.setInterval(value)

    @property
    def busy(self) -> bool:
        return self._call is not None

    @property
    def counter(self) -> CounterState | None:
        return self.link.state.model.counter(self.counter_id)

    @property
    def levels(self) -> list[RatingLevel]:
        return list(self.link.catalog.rating_levels) if self.link.catalog else []

    @property
    def reasons(self) -> list[str]:
        return list(self.link.catalog.rating_reasons) if self.link.catalog else []

    # ---- the citizen -------------------------------------------------------------------

    def ask(self, ticket: TicketPublic) -> None:
        """Ask for a rating of `ticket` (normally after its `ticket.finished`)."""
        if self._call is not None:
            return  # the previous citizen's answer is on its way
        self.ticket, self.level = ticket, None
        self._set_mode(ASKING)

    def choose(self, level_code: str) -> None:
        level = next((lv for lv in self.levels if lv.code == level_code), None)
        if level is None or self.ticket is None or self.mode != ASKING or self.busy:
            return
        self.level = level
        if level.low and self.reasons:
            self._set_mode(REASONS)
        else:
            self._send([])

    def send_reasons(self, reasons: list[str]) -> None:
        if self.mode == REASONS and not self.busy:
            self._send(reasons)

    def touched(self) -> None:
        """Any touch on the pad: the citizen is still there."""
        if self.mode != IDLE:
            self._idle.start()

    def reset(self) -> None:
        if self._call is not None:
            return  # let the answer decide
        self.ticket, self.level = None, None
        self._set_mode(IDLE)

    # ---- sending ---------------------------------------------------------------------

    def _send(self, reasons: list[str]) -> None:
        assert self.ticket is not None and self.level is not None
        body = RatingCreate(ticket_id=self.ticket.id, level=self.level.code, reasons=reasons)
        call = self.link.api.post("/ratings", body, parse=RatingPublic.model_validate, retry=True)
        call.succeeded.connect(self._on_sent)
        call.failed.connect(self._on_failed)
        self._call = call
        self._idle.stop()
        self.busy_changed.emit(True)

    def _on_sent(self, _rating: RatingPublic) -> None:
        self._finish_call()
        if self.ticket is not None:
            self.rated.add(self.ticket.id)
        self._set_mode(THANKS)

    def _on_failed(self, error: ApiError) -> None:
        call, _ = self._call, self._finish_call()
        if error.code == ErrorCode.ALREADY_RATED and call is not None and call.attempts > 1:
            self._on_sent(None)  # type: ignore[arg-type]  # our first attempt got through
            return
        if error.retryable:  # retries exhausted: keep the question, let them tap again
            self.notice.emit(i18n.tr("counter.pad.failed"))
            self._idle.start()
            return
        if self.ticket is not None:
            self.rated.add(self.ticket.id)  # refused for good: do not ask again
        self.notice.emit(error.title)
        self.ticket, self.level = None, None
        self._set_mode(IDLE)

    def _finish_call(self) -> None:
        self._call = None
        self.busy_changed.emit(False)

    # ---- the stream --------------------------------------------------------------------

    def _on_event(self, event: Event, live: bool) -> None:
        if event.type != EventType.TICKET_FINISHED or not isinstance(
            event.data, TicketAtCounterData
        ):
            return
        ticket = event.data.ticket
        if ticket.counter_id != self.counter_id or ticket.id in self.rated:
            return
        if not live:
            age = (datetime.now(UTC) - event.at).total_seconds()
            if age > REPLAY_WINDOW_S:
                return  # long gone; do not ask the next citizen about it
        self.ask(ticket)

    def _on_counters(self, ids: list[int]) -> None:
        if self.counter_id in ids:
            self.counter_changed.emit()

    def _set_mode(self, mode: str) -> None:
        if mode == IDLE:
            self._idle.stop()
        else:
            self._idle.start()
        if mode != self.mode:
            self.mode = mode
            self.mode_changed.emit(mode)
