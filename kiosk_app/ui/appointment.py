"""Appointment check-in: type the code, or let a barcode/QR scanner type it.

Scanners act as keyboards: they type the code and press Enter into the focused field,
so the field keeps the focus (the on-screen keys never take it) and Enter submits.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from clientkit import i18n, theme
from kiosk_app.ui.common import Screen, bar_button, centered, text_label
from kiosk_app.ui.keyboard import OnScreenKeyboard

MIN_CODE = 4
_CODE = re.compile(r"[^0-9A-Z-]")


def clean_code(text: str) -> str:
    """What a scanner or a citizen typed, as the server stores codes. A booking's QR
    holds the code itself; a QR holding a link to the booking
    (`…/appointments/CODE`, `…/appointments/CODE/qr.svg`) gives its code too."""
    text = text.strip()
    if "/" in text:
        parts = [p for p in urlsplit(text).path.split("/") if p and "." not in p]
        text = parts[-1] if parts else ""
    return _CODE.sub("", text.upper())


class AppointmentScreen(Screen):
    """Signals: submit(str code), back()."""

    submit = Signal(str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label(theme.Sizes.TITLE + 8, bold=True, center=True)
        self.hint = text_label(theme.Sizes.LARGE, muted=True, center=True)
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(200)  # a scanned link, reduced to its code
        self.code_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_edit.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(r"[0-9A-Za-z\- :/._?=&%#]*"), self.code_edit
            )
        )
        self.code_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code_edit.setStyleSheet(
            f"font-size: 56px; font-weight: bold; letter-spacing: 6px; min-height: 80px;"
            f" border: 3px solid {theme.current.primary};"
        )
        self.code_edit.textEdited.connect(self._upper)
        self.code_edit.textChanged.connect(self._update_enabled)
        self.code_edit.returnPressed.connect(self._submit)
        self.keyboard = OnScreenKeyboard("code")
        self.keyboard.set_target(self.code_edit)
        self.keyboard.setMaximumWidth(1400)
        self.back_button = bar_button()
        self.submit_button = bar_button("success")
        self.back_button.clicked.connect(self.back)
        self.submit_button.clicked.connect(self._submit)
        self.body.addWidget(self.title)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.code_edit)
        self.body.addStretch(1)
        self.body.addLayout(centered(self.keyboard), 6)  # keys grow up to their limit
        self.body.addStretch(1)
        self.bar(self.back_button, self.submit_button, stretch_after=0)
        self.retranslate()
        self._update_enabled()

    def activate(self) -> None:
        """Called when shown: empty field, focused for a scanner."""
        self.code_edit.clear()
        self.code_edit.setFocus()

    def resume(self) -> None:
        """Back after a refused code ("Thử lại"): the code stays as typed, the cursor at
        its end, so one wrong letter is fixed without typing it all again."""
        self.code_edit.setFocus()
        self.code_edit.end(False)

    def code(self) -> str:
        return clean_code(self.code_edit.text())

    def _upper(self, text: str) -> None:
        if text != text.upper():
            pos = self.code_edit.cursorPosition()
            self.code_edit.setText(text.upper())
            self.code_edit.setCursorPosition(pos)

    def _update_enabled(self, *_: object) -> None:
        self.submit_button.setEnabled(len(self.code()) >= MIN_CODE)

    def _submit(self) -> None:
        if len(self.code()) >= MIN_CODE:
            self.submit.emit(self.code())

    def retranslate(self) -> None:
        self.title.setText(i18n.tr("kiosk.appt.title"))
        self.hint.setText(i18n.tr("kiosk.appt.hint"))
        self.code_edit.setPlaceholderText(i18n.tr("kiosk.appt.placeholder"))
        self.back_button.setText("‹ " + i18n.tr("kiosk.back"))
        self.submit_button.setText(i18n.tr("kiosk.appt.submit"))
