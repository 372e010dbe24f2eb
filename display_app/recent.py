"""`RecentCallsPanel`: the few calls before the latest one — "1019 → Quầy 2".

For the citizen who looked up a moment too late.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.views import CallView

ROWS = 4


class RecentCallsPanel(QWidget):
    """Paints up to `rows` calls (latest first), under a title."""

    def __init__(self, rows: int = ROWS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.calls: list[CallView] = []
        self.speaking: int | None = None  # ticket id whose call the voice is saying

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
        inner = painting.inset(outer, 0.04)
        row_h = inner.height() / (self.rows + 1.1)
        title = QRect(inner.left(), inner.top(), inner.width(), int(row_h * 1.1))
        title_font = painting.fit(
            i18n.tr("display.recent"), title.width(), int(title.height() * 0.6)
        )
        painting.draw_text(
            painter, title, i18n.tr("display.recent"), title_font, c.muted, painting.ALIGN_LEFT
        )
        half = inner.width() // 2
        number_font = painting.fit("00000", half, int(row_h * 0.78), condensed=True)
        counter_font = painting.fit(i18n.tr("display.counter", n=888), half, int(row_h * 0.6))
        for i, call in enumerate(self.calls):
            top = int(title.bottom() + 1 + i * row_h)
            row = QRect(inner.left(), top, inner.width(), int(row_h))
            if i:
                painter.setPen(QColor(c.border))
                painter.drawLine(row.left(), row.top(), row.right(), row.top())
            said = call.ticket_id == self.speaking  # the voice is saying this one now
            if said:
                painting.panel(painter, row, c.highlight, radius=row.height() * 0.15)
            left = QRect(row.left(), row.top(), half, row.height()).adjusted(
                int(row_h * 0.15), 0, 0, 0
            )
            right = QRect(row.left() + half, row.top(), row.width() - half, row.height())
            right = right.adjusted(0, 0, -int(row_h * 0.15), 0)
            painting.draw_text(
                painter,
                left,
                call.number,
                number_font,
                c.on_accent if said else c.text,
                painting.ALIGN_LEFT,
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
