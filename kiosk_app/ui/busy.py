"""`BusyOverlay`: "Đang lấy số…" over the screen while the server is asked.

It also swallows touches: a second tap on "Lấy số" while the first is on its way must
not become a second intent (the controller ignores it too, but the citizen should see
that the kiosk is working rather than tap again and again).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.ui.common import cover_parent, text_label


class BusyOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("busy")
        self.setStyleSheet("#busy { background: rgba(20, 32, 46, 150); }")
        self._key = "kiosk.take.busy"
        self.panel = QWidget()
        self.panel.setObjectName("busyPanel")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel.setStyleSheet(
            f"#busyPanel {{ background: {theme.current.surface}; border-radius: 20px; }}"
        )
        self.label = text_label(theme.Sizes.TITLE, bold=True, center=True)
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(60, 48, 60, 48)
        inner.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        i18n.notifier().language_changed.connect(self.retranslate)
        self.hide()

    def show_text(self, key: str) -> None:
        self._key = key
        self.retranslate()
        cover_parent(self)

    def retranslate(self, *_: object) -> None:
        self.label.setText(i18n.tr(self._key))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
