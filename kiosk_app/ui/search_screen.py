"""Search across every field and procedure, typed on the on-screen keyboard.

Results follow each key press (the index answers in well under a millisecond). A
result in a field that cannot take tickets now is listed, greyed, with the reason —
finding it and not knowing why it cannot be chosen would be worse.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.fields import FieldStatus
from kiosk_app.search import SearchIndex
from kiosk_app.strings import unavailable_text
from kiosk_app.ui.common import Screen, bar_button, centered, text_label
from kiosk_app.ui.keyboard import OnScreenKeyboard
from kiosk_app.ui.paged_list import Item, PagedList


class SearchScreen(Screen):
    """Signals: field_chosen(str), procedure_chosen(str service_id, object procedure_id),
    back()."""

    field_chosen = Signal(str)
    procedure_chosen = Signal(str, object)
    back = Signal()

    def __init__(
        self,
        index: Callable[[], SearchIndex],
        fields: Callable[[], list[FieldStatus]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._index = index
        self._fields = fields
        self.query_edit = QLineEdit()
        self.query_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.query_edit.setStyleSheet(
            f"font-size: {theme.Sizes.TITLE}px; min-height: 84px;"
            f" border: 3px solid {theme.current.primary};"
        )
        self.query_edit.textChanged.connect(self.run_search)
        self.count_label = text_label(theme.Sizes.LARGE, muted=True)
        self.results = PagedList(row_px=84)
        self.results.chosen.connect(self._chosen)
        self.keyboard = OnScreenKeyboard("vi")
        self.keyboard.set_target(self.query_edit)
        self.keyboard.setMaximumWidth(1500)
        self.back_button = bar_button()
        self.back_button.clicked.connect(self.back)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.back_button)
        top.addWidget(self.query_edit, 1)
        self.body.addLayout(top)
        # Landscape: results beside the keyboard (both fit a 768-pixel-high screen);
        # portrait: results above it.
        found = QVBoxLayout()
        found.addWidget(self.count_label)
        found.addWidget(self.results, 1)
        keys = QVBoxLayout()
        keys.addStretch(1)
        keys.addLayout(centered(self.keyboard), 6)  # keys grow up to their limit
        self.area = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.area.setSpacing(24)
        self.area.addLayout(found, 1)
        self.area.addLayout(keys, 1)
        self.body.addLayout(self.area, 1)
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        landscape = self.width() > self.height() * 1.2
        self.area.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
        self.area.setStretch(0, 1)
        self.area.setStretch(1, 1 if landscape else 0)
        least = self.keyboard.minimumSizeHint().width()  # ten touch-sized keys
        self.keyboard.setMaximumWidth(max(least, self.width() // 2) if landscape else 1500)

    def activate(self) -> None:
        self.query_edit.clear()
        self.query_edit.setFocus()
        self.run_search()

    def run_search(self, *_: object) -> None:
        query = self.query_edit.text()
        hits = self._index().search(query) if query.strip() else []
        by_id = {f.id: f for f in self._fields()}
        items: list[Item] = []
        for hit in hits:
            f = by_id.get(hit.service_id)
            note = "" if f is None or f.available else unavailable_text(f.unavailable)
            if hit.procedure_id is None:
                title = i18n.pick(hit.name, hit.name_en)
                subtitle = i18n.tr("kiosk.search.field")
                key: tuple[str, ...] = ("field", hit.service_id)
            else:
                title = hit.name
                field_name = i18n.pick(f.name, f.name_en) if f else hit.service_name
                subtitle = f"{i18n.tr('kiosk.search.field')}: {field_name}"
                key = ("procedure", hit.service_id, hit.procedure_id)
            items.append(Item(key, title, subtitle, note, enabled=not note))
        self.results.set_items(items)
        if not query.strip():
            self.count_label.setText(i18n.tr("kiosk.search.start"))
        elif not items:
            self.count_label.setText(i18n.tr("kiosk.search.none"))
        else:
            self.count_label.setText(i18n.tr("kiosk.search.count", n=len(items)))

    def _chosen(self, key: object) -> None:
        assert isinstance(key, tuple)
        if key[0] == "field":
            self.field_chosen.emit(key[1])
        else:
            self.procedure_chosen.emit(key[1], key[2])

    def retranslate(self) -> None:
        self.query_edit.setPlaceholderText(i18n.tr("kiosk.search.placeholder"))
        self.back_button.setText("‹ " + i18n.tr("kiosk.back"))
        self.run_search()
