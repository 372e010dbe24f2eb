"""A calm full-screen message: why no number was issued, and what to do now.

Used for the server's refusals (too many tickets from this kiosk, field closed, wrong
appointment code…) with the server's Vietnamese title as is, and for a "take a number"
that could not reach the server, with "Thử lại" (the same press, the same key).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.ui.common import Screen, bar_button, text_label


class Badge(QWidget):
    """A round sign: "!" (warning) or "i" (info), drawn, not a font glyph."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "warning"
        self.setFixedSize(QSize(140, 140))

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c.warning if self.kind == "warning" else c.primary))
        painter.drawEllipse(QRectF(self.rect()).adjusted(4, 4, -4, -4))
        painter.setPen(QColor(c.on_accent))
        painter.setFont(theme.font(90, bold=True))
        painter.drawText(
            self.rect(), Qt.AlignmentFlag.AlignCenter, "!" if self.kind == "warning" else "i"
        )


class MessageScreen(Screen):
    """Signals: retry(), home()."""

    retry = Signal()
    home = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge = Badge()
        self.title = text_label(theme.Sizes.TITLE + 8, bold=True, center=True)
        self.text = text_label(theme.Sizes.LARGE + 4, center=True)
        self.retry_button = bar_button("primary")
        self.home_button = bar_button("secondary")
        self.retry_button.clicked.connect(self.retry)
        self.home_button.clicked.connect(self.home)
        self._title_key = ""
        self._text: Callable[[], str] = str
        self.body.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.badge)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addSpacing(16)
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        self.body.addStretch(3)
        self.bar(self.home_button, self.retry_button)
        self.retranslate()

    def show_message(
        self,
        title_key: str,
        text: Callable[[], str],
        *,
        kind: str = "warning",
        can_retry: bool = False,
    ) -> None:
        """`title_key`: an i18n key; `text`: gives the body in the current language
        (called again when the language changes)."""
        self._title_key, self._text = title_key, text
        self.badge.set_kind(kind)
        self.retry_button.setVisible(can_retry)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(i18n.tr(self._title_key) if self._title_key else "")
        self.text.setText(self._text())
        self.retry_button.setText(i18n.tr("kiosk.msg.retry"))
        self.home_button.setText(i18n.tr("kiosk.home"))
