"""`CloseSheet`: "close the counter?" — and what happens to a citizen still there
(serving: finished first; called: handed back to its queue, keeping its place)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from clientkit import i18n
from counter_app.console.sheet import Sheet
from protocol import CounterState, TicketStatus


class CloseSheet(Sheet):
    """Signal: confirmed()."""

    confirmed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, width=760)
        self.hint.setProperty("role", "")
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self._counter: CounterState | None = None
        i18n.notifier().language_changed.connect(self.retranslate)

    def prepare(self, counter: CounterState) -> None:
        self._counter = counter
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        counter = self._counter
        if counter is None:
            return
        self.title.setText(i18n.tr("counter.close.title", n=counter.id))
        current = counter.current
        if current is not None and current.status == TicketStatus.SERVING:
            text = i18n.tr("counter.close.serving", number=current.number)
            button = i18n.tr("counter.close.confirm_serving")
        elif current is not None and current.status == TicketStatus.CALLED:
            text = i18n.tr("counter.close.called", number=current.number)
            button = i18n.tr("counter.close.confirm_called")
        else:
            text, button = "", i18n.tr("counter.close.confirm")
        # The citizen's fate is what the clerk must read: bold, in the text colour.
        plain = i18n.tr("counter.close.plain")
        self.hint.setText(f"<b>{escape(text)}</b> {escape(plain)}" if text else escape(plain))
        self.confirm_button.setText(button)
        self.confirm_button.set_variant("danger")

    def confirm(self) -> None:
        self.done()
        self.confirmed.emit()
