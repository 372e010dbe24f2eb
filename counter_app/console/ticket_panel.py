"""`TicketPanel`: the citizen at the counter — number, field, procedure, priority, how
long they waited, and a running timer (since called, or service time once started)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from counter_app.clock import ServerClock
from counter_app.names import clock_text, minutes_text, priority_name, procedure_name, service_name
from protocol import Catalog, CounterState, CounterStatus, TicketPublic, TicketStatus


def _waited_s(ticket: TicketPublic) -> float | None:
    if ticket.called_at is None:
        return None
    return max(0.0, (ticket.called_at - ticket.issued_at).total_seconds())


class TicketPanel(QFrame):
    def __init__(self, clock: ServerClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setObjectName("ticketPanel")
        c = theme.current
        self.setStyleSheet(
            f"#ticketPanel {{ background: {c.surface}; border: 2px solid {c.border};"
            " border-radius: 14px; }"
        )
        self._counter: CounterState | None = None
        self._catalog: Catalog | None = None
        self._waiting_count = 0

        self.status = QLabel(self)
        self.status.setWordWrap(True)  # "called · recalled once" in English is long
        self.status.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px; font-weight: bold;")
        self.number = QLabel(self)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # An explicit minimum, or the text's full width (at the font chosen for a big
        # window) would stop the panel from ever shrinking back (see resizeEvent).
        self.number.setMinimumWidth(160)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px; color: {c.muted};")
        self._number_px = 120
        # When the called citizen may be recorded as a no-show (F5).
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"font-weight: bold; color: {c.muted};")
        self.note.hide()

        self._captions: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for row, key in enumerate(("field", "procedure", "priority", "waited", "timer")):
            caption, value = QLabel(self), QLabel(self)
            caption.setProperty("role", "muted")
            value.setWordWrap(key in ("field", "procedure"))  # names can be long
            value.setStyleSheet("font-weight: bold;")
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self._captions[key], self._values[key] = caption, value
        grid.setColumnStretch(1, 1)
        self._details = QWidget(self)
        self._details.setLayout(grid)

        self._body = QWidget(self)
        body = QHBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(24)
        body.addWidget(self.number)
        body.addWidget(self._details, 1, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self._body)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addWidget(self.note)

        self._tick = QTimer(self)
        self._tick.timeout.connect(self._update_timer)
        self._tick.start(1000)
        i18n.notifier().language_changed.connect(self.redraw)
        self.redraw()

    @property
    def ticket(self) -> TicketPublic | None:
        current = self._counter.current if self._counter else None
        if current is None or current.status not in (TicketStatus.CALLED, TicketStatus.SERVING):
            return None
        return current

    def set_counter(self, counter: CounterState | None, catalog: Catalog | None) -> None:
        self._counter, self._catalog = counter, catalog
        self.redraw()

    def set_note(self, text: str) -> None:
        if text != self.note.text():
            self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_waiting_count(self, n: int) -> None:
        self._waiting_count = n
        if self.ticket is None:
            self.redraw()

    def redraw(self, *_: object) -> None:
        c = theme.current
        ticket = self.ticket
        if ticket is None:
            paused = self._counter is not None and self._counter.status == CounterStatus.PAUSED
            self.status.setText(i18n.tr("counter.ticket.none"))
            self.status.setStyleSheet(
                f"font-size: {theme.Sizes.LARGE}px; font-weight: bold; color: {c.muted};"
            )
            self.number.setText("")
            self._body.hide()
            self.hint.setText(
                i18n.tr("counter.ticket.paused_hint")
                if paused
                else i18n.tr("counter.ticket.none_hint")
                + "\n"
                + i18n.tr("counter.ticket.waiting_count", n=self._waiting_count)
            )
            self.hint.show()
            return
        serving = ticket.status == TicketStatus.SERVING
        text = i18n.tr("counter.ticket.serving" if serving else "counter.ticket.called")
        if ticket.recall_count and not serving:
            text += " · " + i18n.tr("counter.ticket.recalls", n=ticket.recall_count)
        self.status.setText(text)
        color = c.success if serving else c.primary
        self.status.setStyleSheet(
            f"font-size: {theme.Sizes.LARGE}px; font-weight: bold; color: {color};"
        )
        self.number.setText(ticket.number)
        self.number.setStyleSheet(
            f"font-size: {self._number_px}px; font-weight: bold; color: {c.text};"
        )
        cat = self._catalog
        values = {
            "field": service_name(cat, ticket.service_id),
            "procedure": procedure_name(cat, ticket.service_id, ticket.procedure_id) or "—",
            "priority": priority_name(cat, ticket.priority)
            or i18n.tr("counter.ticket.no_priority"),
            "waited": minutes_text(_waited_s(ticket)),
        }
        for key, value in values.items():
            self._captions[key].setText(i18n.tr(f"counter.ticket.{key}"))
            self._values[key].setText(value)
        self._values["priority"].setStyleSheet(
            f"font-weight: bold; color: {c.warning};" if ticket.priority else "font-weight: bold;"
        )
        self._captions["timer"].setText(
            i18n.tr("counter.ticket.service_time" if serving else "counter.ticket.since_call")
        )
        self._body.show()
        self.hint.hide()
        self._update_timer()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        # The number grows with the panel (a 1920×1080 console has room for it). Sized
        # in the stylesheet: the app stylesheet's font-size beats QWidget.setFont.
        super().resizeEvent(event)
        px = int(min(self.height() * 0.42, self.width() * 0.17))
        px = max(80, min(220, px))
        if px != self._number_px:
            self._number_px = px
            self.redraw()

    def timer_text(self) -> str:
        return self._values["timer"].text()

    def _update_timer(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        since = ticket.started_at if ticket.status == TicketStatus.SERVING else ticket.called_at
        self._values["timer"].setText(clock_text(self.clock.seconds_since(since)))
