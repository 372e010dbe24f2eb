"""The band at the top of every kiosk screen: the centre's name, the connection dot
and the language button (the one control a foreigner looks for first)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from clientkit import centre_time, i18n, theme
from clientkit.widgets import BigButton, ConnectionBadge
from kiosk_app.ui.card_button import fitted_px
from kiosk_app.ui.common import MARGIN, restyle, text_label

HEADER_PX = 112
COMPACT_PX = 88  # on screens under 1000 pixels high (1366×768 kiosks)


class Header(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setFixedHeight(HEADER_PX)
        c = theme.current
        self.setStyleSheet(f"#header {{ background: {c.primary}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._compact = False
        self._name_vi = "MotCua"
        self._name_en: str | None = None
        self.name_label = text_label(theme.Sizes.TITLE - 6, bold=True, color=c.on_primary)
        self.clock_label = text_label(theme.Sizes.LARGE, bold=True, color=c.on_primary, wrap=False)
        self.badge = ConnectionBadge(quiet_when_online=True)
        # On a white pill: the badge's muted text would not read on the blue band.
        self.badge_box = QWidget()
        self.badge_box.setObjectName("badgeBox")
        self.badge_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.badge_box.setStyleSheet(
            f"#badgeBox {{ background: {c.surface}; border-radius: 12px; }}"
        )
        box = QHBoxLayout(self.badge_box)
        box.setContentsMargins(10, 6, 14, 6)
        box.addWidget(self.badge)
        self.badge_box.hide()
        self.lang_button = BigButton(variant="secondary")
        self.lang_button.setMinimumWidth(220)
        self.lang_button.setMinimumHeight(72)
        self.lang_button.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px; font-weight: bold;")
        self.lang_button.clicked.connect(i18n.toggle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, 8, MARGIN, 8)
        layout.setSpacing(24)
        layout.addWidget(self.name_label, 1)
        self.name_label.installEventFilter(self)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.badge_box)
        layout.addWidget(self.lang_button)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(15_000)
        self._tick()
        i18n.notifier().language_changed.connect(self.retranslate)
        self.retranslate()

    def set_compact(self, compact: bool) -> None:
        self._compact = compact
        self.setFixedHeight(COMPACT_PX if compact else HEADER_PX)
        self.lang_button.setMinimumHeight(theme.TOUCH_MIN_PX if compact else 72)
        self._fit_name()

    def _fit_name(self) -> None:
        """The centre's name as large as fits the band (long names, portrait screens)."""
        largest = theme.Sizes.LARGE if self._compact else theme.Sizes.TITLE - 6
        width = max(100, self.name_label.width())
        height = self.height() - 16
        text = self.name_label.text()
        restyle(self.name_label, fitted_px(text, width, height - 6, largest, 14, True))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.name_label and event.type() == QEvent.Type.Resize:
            self._fit_name()  # e.g. the connection badge appeared beside it
        return False

    def set_centre(self, name: str, name_en: str | None) -> None:
        self._name_vi, self._name_en = name, name_en
        self.retranslate()

    def set_connection(self, state: str) -> None:
        self.badge.set_state(state)
        self.badge_box.setVisible(state != "online")

    def _tick(self) -> None:
        # The kiosk PC's clock is set to the centre's time (as printed on tickets).
        self.clock_label.setText(centre_time.now().strftime("%H:%M"))

    def retranslate(self, *_: object) -> None:
        self.name_label.setText(i18n.pick(self._name_vi, self._name_en))
        self._fit_name()
        self.lang_button.setText(i18n.tr("kiosk.lang_button"))
