"""`ListsPanel`: the counter's waiting list (in the order it will call) and today's
no-show numbers, with "call selected" (F8) and "take back" (F9) under them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientkit import centre_time, i18n, theme
from clientkit.widgets import BigButton
from counter_app.clock import ServerClock
from counter_app.console.rules import SHORTCUTS, Action
from counter_app.names import minutes_text, priority_name, service_name
from protocol import Catalog, TicketPublic


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, 4, parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    # A mouse-and-keypad PC, not a touch screen: compact rows show ~8 at 1366×768.
    table.verticalHeader().setDefaultSectionSize(38)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    return table


class ListsPanel(QWidget):
    """Signal: triggered(str) — Action.CALL or Action.RETURN was pressed."""

    triggered = Signal(str)

    def __init__(self, clock: ServerClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.counter_id: int | None = None
        self._catalog: Catalog | None = None
        self.waiting: list[TicketPublic] = []
        self.noshows: list[TicketPublic] = []
        self.tabs = QTabWidget(self)
        self.tabs.setStyleSheet("QTabBar::tab { min-height: 48px; padding: 0 18px; }")
        self.waiting_table = _table(self)
        self.noshow_table = _table(self)
        # "Nobody is waiting" written in the empty table rather than a blank box.
        self._empty = {
            self.waiting_table: ("counter.list.empty_waiting", QLabel(self.waiting_table)),
            self.noshow_table: ("counter.list.empty_noshows", QLabel(self.noshow_table)),
        }
        for table, (_, label) in self._empty.items():
            label.setParent(table.viewport())
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setProperty("role", "muted")
            table.viewport().installEventFilter(self)
        self.tabs.addTab(self.waiting_table, "")
        self.tabs.addTab(self.noshow_table, "")
        self.call_button = BigButton(shortcut=SHORTCUTS[Action.CALL], variant="secondary")
        self.return_button = BigButton(shortcut=SHORTCUTS[Action.RETURN], variant="secondary")
        self.call_button.clicked.connect(lambda: self.triggered.emit(Action.CALL.value))
        self.return_button.clicked.connect(lambda: self.triggered.emit(Action.RETURN.value))
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.call_button)
        row.addWidget(self.return_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._fill_waiting)  # "waited" grows while on screen
        self._tick.start(30_000)
        i18n.notifier().language_changed.connect(self.retranslate)
        self.retranslate()

    # ---- data --------------------------------------------------------------------------

    def set_catalog(self, catalog: Catalog | None) -> None:
        self._catalog = catalog
        self._fill_waiting()
        self._fill_noshows()

    def set_waiting(self, tickets: list[TicketPublic]) -> None:
        self.waiting = list(tickets)
        self._fill_waiting()
        self._retitle()

    def set_noshows(self, tickets: list[TicketPublic]) -> None:
        self.noshows = list(tickets)
        self._fill_noshows()
        self._retitle()

    def selected_waiting(self) -> TicketPublic | None:
        return self._selected(self.waiting_table, self.waiting)

    def selected_noshow(self) -> TicketPublic | None:
        return self._selected(self.noshow_table, self.noshows)

    def select(self, which: str, ticket_id: int) -> bool:
        """Select a ticket by id in "waiting" or "noshows" (tests, keyboard helpers)."""
        table, tickets = self._pair(which)
        for row, t in enumerate(tickets):
            if t.id == ticket_id:
                self.tabs.setCurrentWidget(table)
                table.selectRow(row)
                return True
        return False

    def focus_list(self, which: str) -> None:
        """Show that list, give it the keyboard and pre-select its first row."""
        table, tickets = self._pair(which)
        self.tabs.setCurrentWidget(table)
        table.setFocus()
        if tickets and not table.selectionModel().hasSelection():
            table.selectRow(0)

    def set_action_enabled(self, call: bool, take_back: bool) -> None:
        self.call_button.setEnabled(call)
        self.return_button.setEnabled(take_back)

    # ---- drawing -----------------------------------------------------------------------

    def retranslate(self, *_: object) -> None:
        self.call_button.setText(i18n.tr("counter.action.call"))
        self.return_button.setText(i18n.tr("counter.action.return"))
        number, field = i18n.tr("counter.list.number"), i18n.tr("counter.list.field")
        self.waiting_table.setHorizontalHeaderLabels(
            [number, field, i18n.tr("counter.list.priority"), i18n.tr("counter.list.waited")]
        )
        self.noshow_table.setHorizontalHeaderLabels(
            [number, field, i18n.tr("counter.list.called_at"), i18n.tr("counter.list.waited")]
        )
        self._fill_waiting()
        self._fill_noshows()
        self._retitle()

    def _retitle(self) -> None:
        self.tabs.setTabText(0, i18n.tr("counter.list.waiting", n=len(self.waiting)))
        self.tabs.setTabText(1, i18n.tr("counter.list.noshows", n=len(self.noshows)))

    def _fill_waiting(self) -> None:
        rows = []
        for t in self.waiting:
            mark = priority_name(self._catalog, t.priority)
            if t.to_counter_id is not None and t.to_counter_id == self.counter_id:
                mark = ", ".join(x for x in (i18n.tr("counter.list.to_me"), mark) if x)
            waited = self.clock.seconds_since(t.issued_at)
            rows.append((t, [mark, minutes_text(waited)], bool(mark)))
        self._fill(self.waiting_table, self.waiting, rows)

    def _fill_noshows(self) -> None:
        rows = []
        for t in self.noshows:
            called = centre_time.hhmm(t.called_at, self._catalog and self._catalog.timezone)
            waited = self.clock.seconds_since(t.issued_at)
            rows.append((t, [called, minutes_text(waited)], False))
        self._fill(self.noshow_table, self.noshows, rows)

    def _fill(
        self,
        table: QTableWidget,
        tickets: list[TicketPublic],
        rows: list[tuple[TicketPublic, list[str], bool]],
    ) -> None:
        keep_id = self._selected_id(table)  # the same ticket stays selected
        table.setRowCount(len(rows))
        warn = QColor(theme.current.warning)
        for r, (t, extra, flagged) in enumerate(rows):
            cells = [t.number, service_name(self._catalog, t.service_id), *extra]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                if col == 0:
                    item.setFont(theme.font(theme.Sizes.BODY + 2, bold=True))
                if col == 2 and flagged:
                    item.setForeground(warn)
                table.setItem(r, col, item)
        key, label = self._empty[table]
        label.setText(i18n.tr(key))
        label.setGeometry(table.viewport().rect())
        label.setVisible(not rows)
        table.clearSelection()
        if keep_id is not None:
            for r, t in enumerate(tickets):
                if t.id == keep_id:
                    table.selectRow(r)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            for table, (_, label) in self._empty.items():
                if watched is table.viewport():
                    label.setGeometry(table.viewport().rect())
        return False

    @staticmethod
    def _selected_id(table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _selected(self, table: QTableWidget, tickets: list[TicketPublic]) -> TicketPublic | None:
        wanted = self._selected_id(table)
        return next((t for t in tickets if t.id == wanted), None)

    def _pair(self, which: str) -> tuple[QTableWidget, list[TicketPublic]]:
        if which == "waiting":
            return self.waiting_table, self.waiting
        return self.noshow_table, self.noshows
