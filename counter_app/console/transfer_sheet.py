"""`TransferSheet`: send the current ticket to another field or another counter.

The ticket keeps its place (the server keeps its queue time); a counter it is sent to
calls it first. Keyboard: Tab between the two lists, arrows to choose, Enter to send.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from clientkit import i18n, theme
from counter_app.console.sheet import Sheet
from counter_app.names import service_name
from protocol import Catalog, CounterState, CounterStatus, TicketPublic, TransferBody

_STATUS_KEYS = {
    CounterStatus.OPEN: "counter.status.open",
    CounterStatus.PAUSED: "counter.status.paused",
    CounterStatus.CLOSED: "counter.status.closed",
}


class TransferSheet(Sheet):
    """Signal: chosen(object) — the `TransferBody` to send."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, width=980)
        self._ticket: TicketPublic | None = None
        self._catalog: Catalog | None = None
        self._counters: list[CounterState] = []
        self._my_counter: int | None = None
        self.field_caption, self.counter_caption = QLabel(self.card), QLabel(self.card)
        for caption in (self.field_caption, self.counter_caption):
            caption.setStyleSheet("font-weight: bold;")
        self.fields = QListWidget(self.card)
        self.counters = QListWidget(self.card)
        for lst in (self.fields, self.counters):
            self.grow.append(lst)
            lst.installEventFilter(self)
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields.currentItemChanged.connect(lambda cur, _: cur and self._only(self.fields))
        self.counters.currentItemChanged.connect(lambda cur, _: cur and self._only(self.counters))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.field_caption, 0, 0)
        grid.addWidget(self.counter_caption, 0, 1)
        grid.addWidget(self.fields, 1, 0)
        grid.addWidget(self.counters, 1, 1)
        self.body.addLayout(grid)
        i18n.notifier().language_changed.connect(self.retranslate)

    def prepare(
        self,
        ticket: TicketPublic,
        catalog: Catalog | None,
        counters: list[CounterState],
        my_counter: int,
    ) -> None:
        self._ticket, self._catalog = ticket, catalog
        self._counters, self._my_counter = counters, my_counter
        self.retranslate()

    def focus_first(self) -> None:
        # Nothing is chosen for the clerk: Enter right away says "choose where", never
        # sends the citizen to whatever field happens to be first. The list has the
        # keyboard (arrows choose), with no row highlighted.
        self._focusing = True
        self.fields.setFocus()  # Qt makes row 0 current on focus, unselected ...
        self._focusing = False
        for lst in (self.fields, self.counters):
            lst.clearSelection()
            lst.setCurrentItem(None)  # type: ignore[arg-type]  # ... so undo it

    def retranslate(self, *_: object) -> None:
        ticket = self._ticket
        self.title.setText(
            i18n.tr("counter.transfer.title", number=ticket.number if ticket else "")
        )
        self.hint.setText(i18n.tr("counter.transfer.hint"))
        self.field_caption.setText(i18n.tr("counter.transfer.to_field"))
        self.counter_caption.setText(i18n.tr("counter.transfer.to_counter"))
        self.confirm_button.setText(i18n.tr("counter.transfer.confirm"))
        self.fields.clear()
        for s in self._catalog.services if self._catalog else []:
            if ticket is not None and s.id == ticket.service_id:
                continue  # already there
            item = QListWidgetItem(service_name(self._catalog, s.id))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.fields.addItem(item)
        self.counters.clear()
        for c in sorted(self._counters, key=lambda c: c.id):
            if c.id == self._my_counter or c.status == CounterStatus.CLOSED:
                continue  # a closed counter would leave the citizen waiting for nobody
            status = i18n.tr(_STATUS_KEYS[c.status], reason=c.pause_reason or "")
            services = ", ".join(service_name(self._catalog, s) for s in c.services)
            text = i18n.tr("counter.transfer.counter_item", n=c.id, state=status)
            item = QListWidgetItem(f"{text}\n{services}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setSizeHint(QSize(0, 2 * theme.TOUCH_MIN_PX - 40))
            if c.status != CounterStatus.OPEN:
                item.setForeground(QColor(theme.current.muted))  # allowed, but waits there
            self.counters.addItem(item)
        if not self.counters.count():  # say so, rather than an empty box
            empty = QListWidgetItem(i18n.tr("counter.transfer.no_counter"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            empty.setForeground(QColor(theme.current.muted))
            self.counters.addItem(empty)

    def select_field(self, service_id: str) -> bool:
        return self._select(self.fields, service_id)

    def select_counter(self, counter_id: int) -> bool:
        return self._select(self.counters, counter_id)

    def body_for_choice(self) -> TransferBody | None:
        field, counter = self.fields.currentItem(), self.counters.currentItem()
        if field is not None and field.isSelected():
            return TransferBody(service_id=str(field.data(Qt.ItemDataRole.UserRole)))
        if counter is not None and counter.isSelected():
            return TransferBody(to_counter_id=int(counter.data(Qt.ItemDataRole.UserRole)))
        return None

    def confirm(self) -> None:
        body = self.body_for_choice()
        if body is None:
            self.show_error(i18n.tr("counter.transfer.choose"))
            return
        self.done()
        self.chosen.emit(body)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Tabbing into a list selects its highlighted row: Qt's focus highlight would
        # otherwise look chosen while Enter says "choose where".
        tabbed = event.type() == QEvent.Type.FocusIn and not getattr(self, "_focusing", False)
        if tabbed and watched in (self.fields, self.counters):
            lst = self.fields if watched is self.fields else self.counters
            if lst.count() and not lst.selectedItems():
                lst.setCurrentRow(max(0, lst.currentRow()))
                lst.currentItem().setSelected(True)
        return super().eventFilter(watched, event)

    def _only(self, keep: QListWidget) -> None:
        other = self.counters if keep is self.fields else self.fields
        other.clearSelection()
        other.setCurrentItem(None)  # type: ignore[arg-type]
        self.error.hide()

    @staticmethod
    def _select(lst: QListWidget, value: object) -> bool:
        for i in range(lst.count()):
            if lst.item(i).data(Qt.ItemDataRole.UserRole) == value:
                lst.setCurrentRow(i)
                return True
        return False
