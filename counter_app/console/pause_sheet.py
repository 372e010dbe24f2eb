"""`PauseSheet`: pause the counter with a reason from the centre's list or typed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QWidget

from clientkit import i18n
from counter_app.console.sheet import Sheet
from protocol.inputs import OTHER_MAX, OTHER_PREFIX


class PauseSheet(Sheet):
    """Signal: chosen(str) — the reason to send."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, width=720)
        self.reasons = _ReasonList(self.card)
        self.other = QLineEdit(self.card)
        self.other.setMaxLength(OTHER_MAX)
        self.reasons.currentRowChanged.connect(self._picked)
        self.other.textEdited.connect(self._typed)
        self.body.addWidget(self.reasons)
        self.body.addWidget(self.other)
        i18n.notifier().language_changed.connect(self.retranslate)
        self.retranslate()

    def prepare(self, reasons: list[str]) -> None:
        self.reasons.clear()
        self.reasons.addItems(reasons)
        # Tall enough for the centre's list (usually 5), scrolled beyond 7; on a small
        # screen it gives way (down to 3 rows, scrolled) before anything overlaps.
        row = self.reasons.sizeHintForRow(0) if reasons else 48
        self.reasons.rows_px = (
            min(3, max(1, len(reasons))) * row + 6,
            max(3, min(7, len(reasons))) * row + 6,
        )
        self.reasons.setMinimumHeight(self.reasons.rows_px[0])
        self.reasons.updateGeometry()
        self.other.clear()

    def focus_first(self) -> None:
        # What looks chosen is what Enter sends: the first reason, selected for real.
        self.reasons.setFocus()
        if self.reasons.count():
            self.reasons.setCurrentRow(max(0, self.reasons.currentRow()))
            self.reasons.currentItem().setSelected(True)

    def retranslate(self, *_: object) -> None:
        self.title.setText(i18n.tr("counter.pause.title"))
        self.hint.setText(i18n.tr("counter.pause.hint"))
        self.other.setPlaceholderText(i18n.tr("counter.pause.other"))
        self.confirm_button.setText(i18n.tr("counter.pause.confirm"))

    def reason(self) -> str:
        typed = self.other.text().strip()
        if typed:  # not one of the centre's reasons: the server takes "Khác: <text>"
            return f"{OTHER_PREFIX} {typed}"
        item = self.reasons.currentItem()
        return item.text() if item is not None and item.isSelected() else ""

    def confirm(self) -> None:
        reason = self.reason()
        if not reason:
            self.show_error(i18n.tr("counter.pause.need_reason"))
            return
        self.done()
        self.chosen.emit(reason)

    def _picked(self, row: int) -> None:
        if row >= 0:
            self.other.clear()
            self.reasons.item(row).setSelected(True)
            if self.error.isVisible():
                self.error.hide()
                self._place()

    def _typed(self, text: str) -> None:
        if text.strip():
            self.reasons.clearSelection()
            self.error.hide()
        elif self.reasons.currentItem() is not None:
            self.reasons.currentItem().setSelected(True)  # typed and erased: back to the list


class _ReasonList(QListWidget):
    """A list that asks for room for all its rows (`rows_px`: least, wanted)."""

    rows_px = (150, 250)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), self.rows_px[1])
