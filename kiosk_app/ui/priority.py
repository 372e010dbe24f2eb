"""Priority groups (catalog.priority_groups): one tap on a group takes the number.

A citizen who came here by mistake has a plain way out: "Không thuộc diện ưu tiên"
goes back to the normal "Lấy số".
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.ui.card_button import CardButton
from kiosk_app.ui.common import Screen, bar_button, text_label
from protocol import PriorityGroup


class PriorityScreen(Screen):
    """Signals: group_chosen(str code), back()."""

    group_chosen = Signal(str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[PriorityGroup] = []
        self.buttons: dict[str, CardButton] = {}
        self.title = text_label(theme.Sizes.TITLE + 8, bold=True, center=True)
        self.hint = text_label(theme.Sizes.LARGE, muted=True, center=True)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(20)
        self.none_button = bar_button()
        self.none_button.clicked.connect(self.back)
        self.body.addWidget(self.title)
        self.body.addWidget(self.hint)
        self.body.addSpacing(8)
        self.body.addWidget(self._grid_host, 1)
        self.bar(self.none_button)
        self.retranslate()

    def set_groups(self, groups: list[PriorityGroup]) -> None:
        if [g.code for g in groups] == [g.code for g in self.groups]:
            self.groups = groups
            self.retranslate()
            return
        self.groups = groups
        for b in self.buttons.values():
            b.deleteLater()
        self.buttons = {}
        cols = 2 if len(groups) > 3 else 1
        for i, g in enumerate(groups):
            button = CardButton(variant="warning", title_px=40, parent=self._grid_host)
            button.setMaximumHeight(220)
            button.clicked.connect(lambda _=False, code=g.code: self.group_chosen.emit(code))
            self._grid.addWidget(button, i // cols, i % cols)
            self.buttons[g.code] = button
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(i18n.tr("kiosk.priority.title"))
        self.hint.setText(i18n.tr("kiosk.priority.hint"))
        self.none_button.setText("‹ " + i18n.tr("kiosk.priority.none"))
        for g in self.groups:
            button = self.buttons.get(g.code)
            if button is not None:
                button.set_texts(i18n.pick(g.name, g.name_en))
