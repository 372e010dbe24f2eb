"""The "Lấy số" screen: what was chosen, the queue ahead, and two clear ways on:
a normal number, or a priority number (elderly, disabled, pregnant, small child)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.fields import FieldStatus
from kiosk_app.printing.labels import wait_line
from kiosk_app.ui.card_button import CardButton
from kiosk_app.ui.common import Screen, bar_button, text_label


class TakeScreen(Screen):
    """Signals: take() — a normal number; priority_requested(); info_requested() — the
    chosen procedure's information; back(); home()."""

    take = Signal()
    priority_requested = Signal()
    info_requested = Signal()
    back = Signal()
    home = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field: FieldStatus | None = None
        self.procedure_name: str | None = None
        self.chosen_label = text_label(theme.Sizes.LARGE, muted=True, center=True)
        self.field_label = text_label(56, bold=True, center=True)
        self.procedure_label = text_label(theme.Sizes.TITLE - 6, center=True)
        self.queue_label = text_label(theme.Sizes.LARGE, muted=True, center=True)
        self.take_button = CardButton(variant="success", title_px=72)
        self.take_button.setMinimumHeight(120)
        self.take_button.clicked.connect(self.take)
        self.priority_button = CardButton(variant="warning", title_px=40)
        self.priority_button.setMinimumHeight(96)
        self.priority_button.clicked.connect(self.priority_requested)
        self.back_button = bar_button()
        self.home_button = bar_button()
        self.info_button = bar_button("primary")
        self.info_button.clicked.connect(self.info_requested)
        self.info_button.setVisible(False)
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)

        self.body.addStretch(1)
        for label in (self.chosen_label, self.field_label, self.procedure_label):
            self.body.addWidget(label)
        self.body.addSpacing(12)
        self.body.addWidget(self.queue_label)
        self.body.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addStretch(1)
        buttons.addWidget(self.take_button, 3)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addSpacing(8)
        prio = QHBoxLayout()
        prio.addStretch(1)
        prio.addWidget(self.priority_button, 3)
        prio.addStretch(1)
        self.body.addLayout(prio)
        self.body.addStretch(2)
        self.bar(self.back_button, self.info_button, self.home_button, stretch_after=0)
        self.procedure_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retranslate()

    def show_choice(
        self, field: FieldStatus, procedure_name: str | None, has_info: bool = False
    ) -> None:
        self.field, self.procedure_name = field, procedure_name
        self.info_button.setVisible(has_info)
        self.retranslate()

    def update_field(self, field: FieldStatus) -> None:
        self.field = field
        self._queue_text()

    def _queue_text(self) -> None:
        if self.field is None:
            return
        lang = "en" if i18n.language() == "en" else "vi"
        text = i18n.tr("kiosk.take.waiting", n=self.field.waiting)
        if self.field.waiting:
            text += " · " + wait_line(lang, self.field.estimated_wait_s)
        self.queue_label.setText(text)

    def retranslate(self) -> None:
        self.chosen_label.setText(i18n.tr("kiosk.take.chosen"))
        if self.field is not None:
            self.field_label.setText(i18n.pick(self.field.name, self.field.name_en))
        self.procedure_label.setText(self.procedure_name or "")
        self.procedure_label.setVisible(bool(self.procedure_name))
        self._queue_text()
        self.take_button.set_texts(i18n.tr("kiosk.take.button"))
        self.priority_button.set_texts(
            i18n.tr("kiosk.take.priority_button"), i18n.tr("kiosk.take.priority_hint")
        )
        self.back_button.setText("‹ " + i18n.tr("kiosk.back"))
        self.home_button.setText(i18n.tr("kiosk.home"))
        self.info_button.setText(i18n.tr("kiosk.take.info"))
