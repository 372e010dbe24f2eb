"""`NoticeTicker`: the centre's notice (catalog.notice) scrolling right to left, forever.

Speed is in text heights per second, so it reads the same on a 720p and a 4K TV. The
text starts at the left edge (a fresh screen shows the beginning of the notice), leaves
on the left and comes back from the right.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import theme
from display_app import painting

FRAME_MS = 33  # ~30 frames per second: smooth enough, light on a small PC
HEIGHTS_PER_S = 2.2  # scroll speed, in font heights per second


class NoticeTicker(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self._offset = 0.0  # px scrolled since the text was at the left edge
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._step)

    def set_text(self, text: str | None) -> None:
        text = " ".join((text or "").split())
        if text != self.text:
            self.text = text
            self._offset = 0.0
            self.update()
        self._sync_timer()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._sync_timer()

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._timer.stop()

    def _sync_timer(self) -> None:
        if self.text and self.isVisible():
            self._timer.start()
        else:
            self._timer.stop()

    def _font_px(self) -> int:
        return max(10, int(self.height() * 0.56))

    def _pad(self) -> int:
        return int(self.height() * 0.4)

    def _step(self) -> None:
        px = self._font_px()
        self._offset += HEIGHTS_PER_S * px * FRAME_MS / 1000
        width = QFontMetrics(theme.font(px)).horizontalAdvance(self.text)
        pad = self._pad()
        if self._offset > width + pad:  # fully gone on the left: back in from the right
            self._offset = float(pad - self.width())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(c.surface))
        if self.text:
            px = self._font_px()
            font = theme.font(px)
            width = QFontMetrics(font).horizontalAdvance(self.text)
            pad = self._pad()
            rect = QRect(pad - int(self._offset), 0, width + 2, self.height())
            painter.setFont(font)
            painter.setPen(QColor(c.text))
            painter.drawText(rect, int(painting.ALIGN_LEFT), self.text)
        painter.end()
