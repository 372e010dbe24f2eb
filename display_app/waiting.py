"""`WaitingPanel`: how many people wait in each field — "Đất đai  12".

A strip of cells across the screen. The number of rows is chosen for the space and the
field names (17 fields in the sample centre); a name too long for its cell is shortened
with "…", never the count.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.views import WaitingView

TITLE_WIDTH = 0.12  # of the strip's width
MAX_ROWS = 4
MAX_TEXT = 0.27  # of the strip's height: a few fields must not look louder than the calls


def _layout(names: list[str], width: int, height: int) -> tuple[int, int, QFont]:
    """(columns, rows, font) giving the largest text at which most names (70 %) show
    whole; the longest ones are shortened with "…"."""
    n = max(1, len(names))
    best: tuple[int, int, QFont] | None = None
    for rows in range(1, MAX_ROWS + 1):
        cols = math.ceil(n / rows)
        cell_w, cell_h = width // cols, height // rows
        # Cell padding and the count take about 0.3 of a cell's height each side + 4 digits.
        text_h = int(cell_h * 0.56)
        room = int(cell_w - cell_h * 0.6 - text_h * 2.6)
        sizes = sorted(
            (painting.fit(name, room, text_h, bold=False).pixelSize() for name in names),
            reverse=True,
        )
        px = sizes[min(len(sizes) - 1, int(len(sizes) * 0.7))]
        font = theme.font(min(px, int(height * MAX_TEXT)))
        if best is None or font.pixelSize() > best[2].pixelSize():
            best = (cols, rows, font)
    assert best is not None
    return best


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
        title_w = int(outer.width() * TITLE_WIDTH)
        title = QRect(outer.left(), outer.top(), title_w, outer.height())
        title_font = painting.fit(
            i18n.tr("display.waiting"), int(title_w * 0.9), min(int(outer.height() * 0.3), 200)
        )
        painting.draw_text(
            painter, title, i18n.tr("display.waiting"), title_font, c.muted, painting.ALIGN_LEFT
        )
        area = outer.adjusted(title_w, 0, 0, 0)
        if not self.items:
            empty = i18n.tr("display.nobody_waiting") if self.loaded else ""
            font = painting.fit(empty, area.width(), int(area.height() * 0.3), bold=False)
            painting.draw_text(painter, area, empty, font, c.muted, painting.ALIGN_LEFT)
            painter.end()
            return
        cols, rows, font = _layout([w.name for w in self.items], area.width(), area.height())
        bold = theme.font(font.pixelSize(), bold=True)
        cell_w, cell_h = area.width() // cols, area.height() // rows
        gap = max(2, cell_h // 12)
        for i, item in enumerate(self.items):
            r, col = divmod(i, cols)
            cell = QRect(area.left() + col * cell_w, area.top() + r * cell_h, cell_w, cell_h)
            cell = cell.adjusted(gap, gap, -gap, -gap)
            painting.panel(painter, cell, c.surface, radius=cell.height() * 0.18)
            text = cell.adjusted(int(cell.height() * 0.3), 0, -int(cell.height() * 0.3), 0)
            count = str(item.waiting)
            # Room for 3 digits at least, so names line up across cells.
            count_w = QFontMetrics(bold).horizontalAdvance(" " + "0" * max(3, len(count)))
            name_r = text.adjusted(0, 0, -count_w, 0)
            count_r = QRect(text.right() - count_w, text.top(), count_w, text.height())
            painting.draw_text(painter, name_r, item.name, font, c.text, painting.ALIGN_LEFT)
            painting.draw_text(
                painter,
                count_r,
                count,
                bold,
                c.highlight if item.waiting else c.muted,
                painting.ALIGN_RIGHT,
            )
        painter.end()
