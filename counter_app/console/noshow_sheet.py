"""`NoShowSheet`: "record this number as a no-show?" — one press of F5 never sends a
citizen who is on the way to the back of the hall."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from clientkit import i18n
from counter_app.console.sheet import Sheet


class NoShowSheet(Sheet):
    """Signal: confirmed()."""

    confirmed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, width=720)
        self._number = ""
        i18n.notifier().language_changed.connect(self.retranslate)

    def prepare(self, number: str) -> None:
        self._number = number
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        self.title.setText(i18n.tr("counter.noshow.title", number=self._number))
        self.hint.setText(i18n.tr("counter.noshow.hint"))
        self.confirm_button.setText(i18n.tr("counter.noshow.confirm"))
        self.confirm_button.set_variant("warning")

    def confirm(self) -> None:
        self.done()
        self.confirmed.emit()
