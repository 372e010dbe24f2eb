"""`WaitingPanel`: how many people wait in each field — "Đất đai  12".

A list down the hall's left column, one field a row, with the centre's short names
("Lao động – TBXH"); a name still too long wraps onto a second line, never cut.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.views import WaitingView

TITLE = 0.16  # of the panel's height, at most
MAX_ROW = 0.2  # a row's height, of the panel's height, at most (few fields: not huge)


class WaitingPanel(QWidget):
    """Paints a list of `WaitingView`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[WaitingView] = []
        self.loaded = False  # before the first state, "nobody waits" would be made up

    def set_items(self, items: list[WaitingView], loaded: bool = True) -> None:
        if (items, loaded) != (self.items, self.loaded):
            self.items, self.loaded = items, loaded
            self.update()

    def counts(self) -> dict[str, int]:
        return {w.service_id: w.waiting for w in self.items}

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        outer = self.rect()
        painting.panel(
            painter, outer, c.surface, c.border, border_px=2, radius=min(outer.width(), 400) * 0.04
        )
        inner = painting.inset(outer, 0.04)
        n = max(1, len(self.items))
        row_h = min(inner.height() * MAX_ROW, inner.height() * (1 - TITLE) / n)
        title_h = min(int(inner.height() * TITLE), int(row_h * 1.1))
        title = QRect(inner.left(), inner.top(), inner.width(), title_h)
        title_font = painting.fit(i18n.tr("display.waiting"), title.width(), int(title_h * 0.75))
        painting.draw_text(
            painter, title, i18n.tr("display.waiting"), title_font, c.muted, painting.ALIGN_LEFT
        )
        top = title.bottom() + 1
        area = QRect(inner.left(), top, inner.width(), inner.bottom() + 1 - top)
        if not self.items:
            empty = i18n.tr("display.nobody_waiting") if self.loaded else ""
            font = painting.fit(empty, area.width(), int(title_h * 0.6), bold=False)
            painting.draw_text(painter, area, empty, font, c.muted, painting.ALIGN_LEFT)
            painter.end()
            return
        count_font = painting.fit("000", area.width() // 4, int(row_h * 0.8))
        count_w = QFontMetrics(count_font).horizontalAdvance(" 000")
        name_w = area.width() - count_w
        # One size for every name: one line if they all fit, else two (wrapped).
        names = [w.name for w in self.items]
        one_line = painting.fit(names, name_w, int(row_h * 0.6), bold=False)
        two_lines = painting.fit(names, int(name_w * 1.7), int(row_h * 0.42), bold=False)
        name_font = max(one_line, two_lines, key=lambda f: f.pixelSize())
        for i, item in enumerate(self.items):
            row = QRect(area.left(), int(area.top() + i * row_h), area.width(), int(row_h))
            if i:
                painter.setPen(QColor(c.border))
                painter.drawLine(row.left(), row.top(), row.right(), row.top())
            name_r = QRect(row.left(), row.top(), name_w, row.height())
            count_r = QRect(row.right() - count_w, row.top(), count_w, row.height())
            painter.setFont(name_font)
            painter.setPen(QColor(c.text))
            painter.drawText(
                name_r,
                int(painting.ALIGN_LEFT | Qt.TextFlag.TextWordWrap),
                item.name,
            )
            painting.draw_text(
                painter,
                count_r,
                str(item.waiting),
                count_font,
                c.highlight if item.waiting else c.muted,
                painting.ALIGN_RIGHT,
            )
        painter.end()
