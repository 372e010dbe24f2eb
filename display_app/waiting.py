"""`WaitingPanel`: how many people wait in each field — "Đất đai  12".

A list down the hall's left column, one field a row, with the centre's short names
("Lao động – TBXH"); a name too long for one line wraps onto a second, never cut. Text
is never smaller than the hall's 10 m rule (`text_px`): when the fields do not all fit,
those with the most people waiting keep their rows (in the centre's order) and the rest
share one row, "+4 lĩnh vực khác  7".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.views import WaitingView

TITLE = 0.16  # of the panel's height, at most
MAX_ROW = 0.2  # a row's height, of the panel's height, at most (few fields: not huge)
WRAP = int(painting.ALIGN_LEFT | Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class WaitingRow:
    name: str
    count: int
    rect: QRect
    others: bool = False  # the row of the fields left out


@dataclass(frozen=True)
class WaitingLayout:
    title: QRect
    title_font: QFont
    name_font: QFont
    count_font: QFont
    count_w: int
    rows: list[WaitingRow]


class WaitingPanel(QWidget):
    """Paints a list of `WaitingView`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[WaitingView] = []
        self.loaded = False  # before the first state, "nobody waits" would be made up
        self.text_px = 0  # the smallest font size (the hall's 10 m rule)

    def set_items(self, items: list[WaitingView], loaded: bool = True) -> None:
        if (items, loaded) != (self.items, self.loaded):
            self.items, self.loaded = items, loaded
            self.update()

    def counts(self) -> dict[str, int]:
        return {w.service_id: w.waiting for w in self.items}

    def layout(self) -> WaitingLayout:
        """What is painted where (tests read it)."""
        inner = painting.inset(self.rect(), 0.04)
        floor = max(6, self.text_px)
        n = max(1, len(self.items))
        even_h = min(inner.height() * MAX_ROW, inner.height() * (1 - TITLE) / n)
        title_text = i18n.tr("display.waiting")
        fitted = painting.fit(
            title_text, inner.width(), int(min(inner.height() * TITLE, even_h) * 0.75)
        )
        title_font = theme.font(max(floor, fitted.pixelSize()), bold=True)
        title_h = int(QFontMetrics(title_font).height() * 1.2)
        title = QRect(inner.left(), inner.top(), inner.width(), title_h)
        area = QRect(
            inner.left(), title.bottom() + 1, inner.width(), inner.bottom() - title.bottom()
        )
        names = [w.name for w in self.items] or [" "]
        fitted = painting.fit(names, int(area.width() * 0.7), int(even_h * 0.6), bold=False)
        name_font = theme.font(max(floor, fitted.pixelSize()))
        count_font = theme.font(int(name_font.pixelSize() * 1.15), bold=True)
        count_w = QFontMetrics(count_font).horizontalAdvance(" 000")
        name_w = area.width() - count_w
        metrics = QFontMetrics(name_font)
        line_h = metrics.height()

        def height(name: str) -> int:
            lines = 1 if metrics.horizontalAdvance(name) <= name_w else 2
            return max(int(even_h), int(lines * line_h + 0.3 * line_h))

        heights = [height(w.name) for w in self.items]
        keep = list(range(len(self.items)))
        if sum(heights) > area.height():  # the busiest fields keep a row, the rest share one
            others_h = height(i18n.tr("display.other_fields", n=99))
            busiest = sorted(keep, key=lambda i: (-self.items[i].waiting, i))
            keep, used = [], others_h
            for i in busiest:
                if used + heights[i] > area.height():
                    break
                keep.append(i)
                used += heights[i]
            keep.sort()
        rows, top = [], area.top()
        for i in keep:
            item = self.items[i]
            rows.append(
                WaitingRow(
                    item.name, item.waiting, QRect(area.left(), top, area.width(), heights[i])
                )
            )
            top += heights[i]
        left_out = [w for i, w in enumerate(self.items) if i not in keep]
        if left_out:
            name = i18n.tr("display.other_fields", n=len(left_out))
            rect = QRect(area.left(), top, area.width(), height(name))
            rows.append(WaitingRow(name, sum(w.waiting for w in left_out), rect, others=True))
        return WaitingLayout(title, title_font, name_font, count_font, count_w, rows)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        outer = self.rect()
        painting.panel(
            painter, outer, c.surface, c.border, border_px=2, radius=min(outer.width(), 400) * 0.04
        )
        lay = self.layout()
        title = lay.title
        painting.draw_text(
            painter, title, i18n.tr("display.waiting"), lay.title_font, c.muted, painting.ALIGN_LEFT
        )
        if not self.items:
            inner = painting.inset(outer, 0.04)
            area = QRect(
                inner.left(), title.bottom() + 1, inner.width(), inner.bottom() - title.bottom()
            )
            empty = i18n.tr("display.nobody_waiting") if self.loaded else ""
            painter.setFont(lay.name_font)
            painter.setPen(QColor(c.muted))
            painter.drawText(
                area,
                int(
                    Qt.AlignmentFlag.AlignLeft
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                empty,
            )
            painter.end()
            return
        for i, row in enumerate(lay.rows):
            rect = row.rect
            if i:
                painter.setPen(QColor(c.border))
                painter.drawLine(rect.left(), rect.top(), rect.right(), rect.top())
            name_r = QRect(rect.left(), rect.top(), rect.width() - lay.count_w, rect.height())
            count_r = QRect(rect.right() - lay.count_w, rect.top(), lay.count_w, rect.height())
            painter.setFont(lay.name_font)
            painter.setPen(QColor(c.muted if row.others else c.text))
            painter.drawText(name_r, WRAP, row.name)
            painting.draw_text(
                painter,
                count_r,
                str(row.count),
                lay.count_font,
                c.highlight if row.count else c.muted,
                painting.ALIGN_RIGHT,
            )
        painter.end()
