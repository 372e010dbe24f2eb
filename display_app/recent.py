"""`RecentCallsPanel`: the few calls before the latest one — "1019 → Quầy 2".

For the citizen who looked up a moment too late.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.views import CallView

ROWS = 3  # few, so each number is as tall as a tile's (40 mm on a 55" TV)
NUMBER_ROW = 0.8  # of a row's height: the number's digits
TITLE_ROW = 1.3  # the title's line, in font sizes


def needed_height(digit_px: int, text_px: int, rows: int = ROWS) -> int:
    """The panel's height for `rows` numbers of `digit_px` digits under a `text_px` title."""
    inner = math.ceil(text_px * TITLE_ROW) + rows * math.ceil(digit_px / NUMBER_ROW + 1)
    return math.ceil(inner / 0.92)  # painting.inset(…, 0.04) on a panel taller than wide


class RecentCallsPanel(QWidget):
    """Paints up to `rows` calls (latest first), under a title."""

    def __init__(self, rows: int = ROWS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.calls: list[CallView] = []
        self.speaking: int | None = None  # ticket id whose call the voice is saying
        self.text_px = 0  # the title's font size: the hall's 10 m rule for names

    def set_speaking(self, ticket_id: int | None) -> None:
        if ticket_id != self.speaking:
            self.speaking = ticket_id
            self.update()

    def set_calls(self, calls: list[CallView]) -> None:
        calls = calls[: self.rows]
        if calls != self.calls:
            self.calls = calls
            self.update()

    def lines(self) -> list[tuple[str, str]]:
        """(number, counter) of each row as painted."""
        return [(c.number, c.counter) for c in self.calls]

    def _areas(self) -> tuple[QRect, float]:
        """The title's rectangle and a row's height."""
        inner = painting.inset(self.rect(), 0.04)
        title_h = math.ceil(self.text_px * TITLE_ROW) or int(inner.height() * 0.12)
        title_h = min(title_h, inner.height() // 3)
        title = QRect(inner.left(), inner.top(), inner.width(), title_h)
        return title, (inner.height() - title_h) / self.rows

    def fonts(self) -> tuple[QFont, QFont, QFont, int]:
        """(title, number, counter) fonts as painted (the number sized by its digits'
        ink) and the number column's width: the counter ("Quầy 21") takes what it needs at
        its readable size, the number the rest."""
        title, row_h = self._areas()
        width = title.width()
        title_font = painting.fit(
            i18n.tr("display.recent"), width, title.height(), max_px=max(6, self.text_px)
        )
        counter_font = theme.font(max(self.text_px, int(row_h * 0.4)), bold=True)
        labels = [i18n.tr("display.counter", n=88), *(c.counter for c in self.calls)]
        counter_w = max(QFontMetrics(counter_font).horizontalAdvance(t) for t in labels)
        number_w = width - counter_w - int(row_h * 0.2)
        number_font = painting.fit_ink(
            "00000", number_w - int(row_h * 0.08), int(row_h * NUMBER_ROW)
        )
        return title_font, number_font, counter_font, number_w

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        outer = self.rect()
        painting.panel(
            painter,
            outer,
            c.surface,
            c.border,
            border_px=2,
            radius=min(outer.width(), outer.height()) * 0.04,
        )
        title, row_h = self._areas()
        title_font, number_font, counter_font, half = self.fonts()
        painting.draw_text(
            painter, title, i18n.tr("display.recent"), title_font, c.muted, painting.ALIGN_LEFT
        )
        for i, call in enumerate(self.calls):
            top = int(title.bottom() + 1 + i * row_h)
            row = QRect(title.left(), top, title.width(), int(row_h))
            if i:
                painter.setPen(QColor(c.border))
                painter.drawLine(row.left(), row.top(), row.right(), row.top())
            said = call.ticket_id == self.speaking  # the voice is saying this one now
            if said:
                painting.panel(painter, row, c.highlight, radius=row.height() * 0.15)
            left = QRect(row.left(), row.top(), half, row.height())
            box = QFontMetrics(number_font).tightBoundingRect(call.number)
            left = QRect(left.left() + int(row_h * 0.06), left.top(), box.width(), left.height())
            right = QRect(row.left() + half, row.top(), row.width() - half, row.height())
            right = right.adjusted(0, 0, -int(row_h * 0.08), 0)
            painting.draw_ink(
                painter, left, call.number, number_font, c.on_accent if said else c.text
            )
            painting.draw_text(
                painter,
                right,
                call.counter,
                counter_font,
                c.on_accent if said else c.highlight,
                painting.ALIGN_RIGHT,
            )
        painter.end()
