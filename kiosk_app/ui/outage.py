"""The calm screen shown while the server cannot be reached (or the kiosk is not set up).

It covers the choices (which could not work anyway) and goes away by itself when the
link is back: there is nothing for the citizen to press. Staff reach the settings
through the hidden corner even while it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.ui.common import cover_parent, text_label
from kiosk_app.ui.message import Badge

STARTING, OFFLINE, DEVICE = "starting", "offline", "device"
_TEXTS = {
    STARTING: ("kiosk.outage.starting", "kiosk.home.loading"),
    OFFLINE: ("kiosk.outage.title", "kiosk.outage.body"),
    DEVICE: ("kiosk.outage.device", "kiosk.outage.device_body"),
}


class OutageOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("outage")
        self.setStyleSheet(f"#outage {{ background: {theme.current.background}; }}")
        self.kind = OFFLINE
        self.badge = Badge()
        self.badge.set_kind("info")
        self.title = text_label(theme.Sizes.TITLE + 8, bold=True, center=True)
        self.text = text_label(theme.Sizes.LARGE + 4, center=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 48, 96, 48)
        layout.addStretch(2)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(3)
        i18n.notifier().language_changed.connect(self.retranslate)
        self.hide()

    def show_kind(self, kind: str) -> None:
        self.kind = kind
        self.retranslate()
        cover_parent(self)

    def retranslate(self, *_: object) -> None:
        title, text = _TEXTS[self.kind]
        self.title.setText(i18n.tr(title))
        self.text.setText(i18n.tr(text))
