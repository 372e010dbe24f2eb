"""Procedures of one field: the citizen picks what they came for.

The last choice, "Thủ tục khác / chưa rõ thủ tục", takes a number for the field
without a procedure: nobody must be stuck because their case is not in the list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from kiosk_app.fields import FieldStatus
from kiosk_app.ui.common import Screen, bar_button, text_label
from kiosk_app.ui.paged_list import Item, PagedList

OTHER = "__other__"  # key of the "another procedure" row


class ProceduresScreen(Screen):
    """Signals: procedure_chosen(str service_id, object procedure_id or None), back()."""

    procedure_chosen = Signal(str, object)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field: FieldStatus | None = None
        self.title = text_label(theme.Sizes.TITLE, bold=True)
        self.info = text_label(theme.Sizes.LARGE, muted=True)
        self.list = PagedList()
        self.list.chosen.connect(self._chosen)
        self.back_button = bar_button()
        self.back_button.clicked.connect(self.back)
        self.body.addWidget(self.title)
        self.body.addWidget(self.info)
        self.body.addWidget(self.list, 1)
        self.bar(self.back_button, stretch_after=0)
        self.retranslate()

    def show_field(self, field: FieldStatus) -> None:
        self.field = field
        self._fill()

    def update_field(self, field: FieldStatus) -> None:
        """Live waiting count, without losing the page the citizen is on."""
        self.field = field
        self._set_titles()

    def _fill(self) -> None:
        if self.field is None:
            return
        items = [Item(p.id, p.name) for p in self.field.info.procedures]
        items.append(
            Item(OTHER, i18n.tr("kiosk.procedures.other"), i18n.tr("kiosk.procedures.other_sub"))
        )
        self.list.set_items(items)
        self._set_titles()

    def _set_titles(self) -> None:
        if self.field is None:
            return
        name = i18n.pick(self.field.name, self.field.name_en)
        self.title.setText(i18n.tr("kiosk.procedures.title", field=name))
        self.info.setText(i18n.tr("kiosk.take.waiting", n=self.field.waiting))

    def _chosen(self, key: object) -> None:
        if self.field is not None:
            self.procedure_chosen.emit(self.field.id, None if key == OTHER else key)

    def retranslate(self) -> None:
        self.back_button.setText("‹ " + i18n.tr("kiosk.back"))
        page = self.list.page
        self._fill()
        self.list.show_page(page)
