"""`PagedList`: a list of big choices shown a page at a time, with page buttons.

No scrolling on a kiosk: elderly citizens do not know to swipe, and a scrolled list
hides that there is more. Pages with big "Trang sau" buttons say it plainly. As many
rows as fit the height (at least 96 px each), in two columns on a wide screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from clientkit.widgets import BigButton
from kiosk_app.ui.card_button import CardButton

ROW_MIN_PX = 96
SPACING = 12


@dataclass(frozen=True)
class Item:
    key: Any
    title: str
    subtitle: str = ""
    note: str = ""  # shown in red, e.g. why it cannot be chosen now
    enabled: bool = True


class PagedList(QWidget):
    """Signals: chosen(object) — the key of the item tapped."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, row_px: int = ROW_MIN_PX) -> None:
        super().__init__(parent)
        self.row_px = row_px
        self._items: list[Item] = []
        self._page = 0
        self._per_page = 1
        self._columns = 1
        self.buttons: list[CardButton] = []
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self.prev_button = BigButton(variant="secondary")
        self.next_button = BigButton(variant="secondary")
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prev_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button, 2)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button, 2)
        self._nav = QWidget()
        self._nav.setLayout(nav)
        nav.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self._grid_host)
        layout.addStretch(1)  # few items: they keep their size, the rest stays empty
        layout.addWidget(self._nav)
        i18n.notifier().language_changed.connect(self._retranslate)
        self._retranslate()

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self._items) // self._per_page))

    def items(self) -> list[Item]:
        return list(self._items)

    def set_items(self, items: list[Item]) -> None:
        self._items = list(items)
        self._layout_pages()
        self.show_page(0)

    def visible_titles(self) -> list[str]:
        return [b.text() for b in self.buttons if not b.isHidden()]

    def button_for(self, key: Any) -> CardButton | None:
        """The visible button of `key` (tests tap it)."""
        return next(
            (
                b
                for b in self.buttons
                if not b.isHidden()
                and b.property("key_index") is not None
                and self._items[b.property("key_index")].key == key
            ),
            None,
        )

    def show_page(self, page: int) -> None:
        self._page = max(0, min(page, self.page_count - 1))
        start = self._page * self._per_page
        for i, button in enumerate(self.buttons):
            index = start + i
            if index < len(self._items):
                item = self._items[index]
                button.set_texts(item.title, item.subtitle, item.note)
                button.setEnabled(item.enabled)
                button.setProperty("key_index", index)
                button.show()
            else:
                button.setProperty("key_index", None)
                button.hide()
        many = self.page_count > 1
        self._nav.setVisible(many)
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < self.page_count - 1)
        self._retranslate()

    def _layout_pages(self) -> None:
        width, height = max(1, self.width()), max(1, self.height())
        self._columns = 2 if width >= 1300 else 1
        step = self.row_px + SPACING
        nav_h = self.prev_button.sizeHint().height() + SPACING
        rows_alone = max(1, (height + SPACING) // step)
        if len(self._items) <= rows_alone * self._columns:
            rows = rows_alone  # all on one page: the page buttons' room is free
        else:
            rows = max(2, (height - nav_h + SPACING) // step)
        # Few items: fewer rows (each capped in height), not a stretched few.
        rows = max(1, min(rows, -(-len(self._items) // self._columns)))
        per_page = rows * self._columns
        if per_page == self._per_page and len(self.buttons) == per_page:
            return
        self._per_page = per_page
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        for i in range(per_page):
            button = CardButton(centered=False, title_px=28, parent=self._grid_host)
            button.setMaximumHeight(int(self.row_px * 1.7))
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            self._grid.addWidget(button, i % rows, i // rows)  # down a column, then across
            self.buttons.append(button)

    def _tapped(self, button: CardButton) -> None:
        index = button.property("key_index")
        if index is not None and 0 <= index < len(self._items):
            self.chosen.emit(self._items[index].key)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        px = theme.Sizes.BODY if self.width() >= 700 else theme.Sizes.SMALL  # narrow column
        for b in (self.prev_button, self.next_button):
            b.setStyleSheet(f"font-size: {px}px;")
        page = self._page
        self._layout_pages()
        self.show_page(page)

    def _retranslate(self, *_: object) -> None:
        self.prev_button.setText("‹ " + i18n.tr("kiosk.page_prev"))
        self.next_button.setText(i18n.tr("kiosk.page_next") + " ›")
        self.page_label.setText(i18n.tr("kiosk.page", n=self._page + 1, total=self.page_count))
