"""The rating pad's four screens: idle, asking (faces), reasons, thanks.

Each only draws and reports taps; `RatingPadController` decides what happens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clientkit import i18n, theme
from clientkit.widgets import BigButton
from counter_app.pad.face_button import FaceButton, level_color
from protocol import CounterState, CounterStatus, RatingLevel, TicketStatus


def _label(parent: QWidget, px: int, *, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    color = f"color: {theme.current.muted};" if muted else ""
    label.setStyleSheet(f"font-size: {px}px; {'font-weight: bold;' if bold else ''} {color}")
    return label


class IdleScreen(QWidget):
    """The counter's number, who is serving, and the number being served."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = _label(self, theme.Sizes.TITLE)
        self.number = _label(self, 180, bold=True)
        self.note = _label(self, theme.Sizes.LARGE, muted=True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.number)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self._counter: CounterState | None = None
        i18n.notifier().language_changed.connect(self.redraw)

    def set_counter(self, counter: CounterState | None) -> None:
        self._counter = counter
        self.redraw()

    def redraw(self, *_: object) -> None:
        counter = self._counter
        current = counter.current if counter else None
        serving = current is not None and current.status in (
            TicketStatus.CALLED,
            TicketStatus.SERVING,
        )
        if counter is None or counter.status == CounterStatus.CLOSED:
            self.caption.setText(i18n.tr("counter.pad.closed"))
        elif counter.status == CounterStatus.PAUSED and not serving:
            self.caption.setText(i18n.tr("counter.pad.paused"))
        else:
            # Called: the citizen is invited, not yet served (the clerk presses start).
            key = (
                "counter.pad.welcome"
                if not serving or current is None
                else "counter.pad.serving"
                if current.status == TicketStatus.SERVING
                else "counter.pad.called"
            )
            self.caption.setText(i18n.tr(key))
        self.number.setText(current.number if serving and current else "")
        self.number.setVisible(serving)
        self.note.setText(i18n.tr("counter.pad.idle_note"))


def _mood(levels: list[RatingLevel], index: int) -> float:
    """The face of level `index` (levels best first): the levels that are not low run
    from a big smile down to a straight mouth ("neutral"); low levels frown."""
    if levels[index].low:
        return -1.0
    fine = [i for i, lv in enumerate(levels) if not lv.low]
    if len(fine) <= 1:
        return 1.0
    return 1.0 - fine.index(index) / (len(fine) - 1)


class AskScreen(QWidget):
    """The question and one face button per rating level. Signal: chosen(str code)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = _label(self, theme.Sizes.TITLE, bold=True)
        self.ticket = _label(self, theme.Sizes.LARGE, muted=True)
        self.row = QHBoxLayout()
        self.row.setSpacing(18)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addWidget(self.question)
        layout.addWidget(self.ticket)
        layout.addLayout(self.row, 1)
        self.buttons: dict[str, FaceButton] = {}
        self._levels: list[RatingLevel] = []
        self._number, self._counter_id = "", 0
        i18n.notifier().language_changed.connect(self.redraw)

    def set_levels(self, levels: list[RatingLevel]) -> None:
        if [lv.code for lv in levels] == [lv.code for lv in self._levels]:
            self._levels = list(levels)
            self.redraw()
            return
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        self._levels = list(levels)
        n = len(levels)
        for i, level in enumerate(levels):
            button = FaceButton(level.code, "", _mood(levels, i), level_color(i, n), self)
            button.clicked.connect(lambda _=False, code=level.code: self.chosen.emit(code))
            self.row.addWidget(button)
            self.buttons[level.code] = button
        self.redraw()

    def set_ticket(self, number: str, counter_id: int) -> None:
        self._number, self._counter_id = number, counter_id
        self.redraw()

    def set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)

    def redraw(self, *_: object) -> None:
        self.question.setText(i18n.tr("counter.pad.ask"))
        self.ticket.setText(
            i18n.tr("counter.pad.ask_ticket", number=self._number, n=self._counter_id)
        )
        for level in self._levels:
            self.buttons[level.code].setText(i18n.pick(level.name, level.name_en))
            self.buttons[level.code].update()


class ReasonsScreen(QWidget):
    """Reasons of a low rating, several may be chosen. Signal: send(list[str])."""

    send = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = _label(self, theme.Sizes.TITLE, bold=True)
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        self.skip = BigButton(variant="secondary", parent=self)
        self.submit = BigButton(variant="primary", parent=self)
        for b in (self.skip, self.submit):
            b.setMinimumHeight(88)
            b.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px;")
        self.skip.clicked.connect(lambda: self.send.emit([]))
        self.submit.clicked.connect(lambda: self.send.emit(self.chosen()))
        row = QHBoxLayout()
        row.setSpacing(18)
        row.addWidget(self.skip, 1)
        row.addWidget(self.submit, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addWidget(self.question)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addLayout(row)
        self.buttons: list[QPushButton] = []
        self._busy = False
        i18n.notifier().language_changed.connect(self.redraw)

    def set_reasons(self, reasons: list[str]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        c = theme.current
        for i, reason in enumerate(reasons):
            button = QPushButton(reason, self)
            button.setProperty("reason", reason)
            button.setCheckable(True)
            button.setMinimumHeight(88)
            button.setStyleSheet(
                f"QPushButton {{ font-size: {theme.Sizes.LARGE - 4}px; text-align: left;"
                " padding-left: 24px; }"
                f"QPushButton:checked {{ background: {c.primary}; color: {c.on_primary};"
                f" border-color: {c.primary}; font-weight: bold; }}"
            )
            # A tick as well as the colour: chosen must not depend on seeing colours.
            button.toggled.connect(
                lambda on, b=button: b.setText(("✓  " if on else "") + b.property("reason"))
            )
            self.grid.addWidget(button, i // 2, i % 2)
            self.buttons.append(button)
        self.redraw()

    def chosen(self) -> list[str]:
        return [str(b.property("reason")) for b in self.buttons if b.isChecked()]

    def clear(self) -> None:
        for b in self.buttons:
            b.setChecked(False)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for b in (*self.buttons, self.skip, self.submit):
            b.setEnabled(not busy)
        self.redraw()

    def redraw(self, *_: object) -> None:
        self.question.setText(i18n.tr("counter.pad.reasons"))
        self.skip.setText(i18n.tr("counter.pad.skip"))
        self.submit.setText(i18n.tr("counter.pad.sending" if self._busy else "counter.pad.send"))


class ThanksScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label(self, 64, bold=True)
        self.title.setStyleSheet(
            f"font-size: 64px; font-weight: bold; color: {theme.current.success};"
        )
        self.note = _label(self, theme.Sizes.TITLE - 6, muted=True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addStretch(1)
        i18n.notifier().language_changed.connect(self.redraw)
        self.redraw()

    def redraw(self, *_: object) -> None:
        self.title.setText(i18n.tr("counter.pad.thanks"))
        self.note.setText(i18n.tr("counter.pad.thanks_note"))
