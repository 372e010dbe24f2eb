"""`FaceButton`: one rating level as a big coloured button with a face and its words.

A face reads at a glance for citizens who read slowly or not at all; the colour runs
from green (best) to red (worst). Drawn by hand: no emoji font is needed offscreen or
on a bare tablet image.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from clientkit import theme


def level_color(index: int, count: int) -> QColor:
    """Green for the best level (index 0), through amber, to red for the worst."""
    c = theme.current
    ramp = [c.success, "#4D8B1F", c.warning, c.danger]
    if count <= 1:
        return QColor(ramp[0])
    pos = round(index * (len(ramp) - 1) / (count - 1))
    return QColor(ramp[min(len(ramp) - 1, max(0, pos))])


class FaceButton(QPushButton):
    def __init__(
        self, code: str, text: str, mood: float, color: QColor, parent: QWidget | None = None
    ) -> None:
        """`mood` from 1 (big smile) to -1 (frown)."""
        super().__init__(text, parent)
        self.code = code
        self.mood = mood
        self.color = color
        self.setMinimumSize(180, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("border: none; background: transparent;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        fill = QColor(self.color)
        if not self.isEnabled():
            fill.setAlphaF(0.45)
        elif self.isDown():
            fill = fill.darker(125)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(rect, 22, 22)
        if self.hasFocus():
            p.setPen(QPen(QColor(theme.current.text), 4))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 20, 20)

        text_h = max(60.0, rect.height() * 0.28)
        face_box = rect.adjusted(16, 16, -16, -text_h)
        size = min(face_box.width(), face_box.height())
        face = QRectF(0, 0, size, size)
        face.moveCenter(face_box.center())
        self._draw_face(p, face)

        p.setPen(QColor("#FFFFFF"))
        px = max(18, min(34, int(rect.width() / 9)))
        p.setFont(theme.font(px, bold=True))
        text_rect = QRectF(rect.left() + 10, rect.bottom() - text_h, rect.width() - 20, text_h - 8)
        p.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.text()
        )

    def _draw_face(self, p: QPainter, r: QRectF) -> None:
        white = QColor("#FFFFFF")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(white)
        p.drawEllipse(r)
        ink = QColor(self.color).darker(160)
        eye = r.width() * 0.09
        for dx in (-0.18, 0.18):
            center = QPointF(r.center().x() + dx * r.width(), r.top() + r.height() * 0.38)
            p.setBrush(ink)
            p.drawEllipse(center, eye, eye)
        pen = QPen(ink, max(3.0, r.width() * 0.06))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        left = QPointF(r.left() + r.width() * 0.3, r.top() + r.height() * 0.66)
        right = QPointF(r.right() - r.width() * 0.3, left.y())
        bend = self.mood * r.height() * 0.16
        mouth = QPainterPath(left)
        mouth.quadTo(QPointF(r.center().x(), left.y() + 2 * bend), right)
        p.drawPath(mouth)
