"""`CounterTile`: one counter on the hall board — its number, its fields, its ticket.

Looks by state (so a citizen tells them apart from afar, not only by the word):
- serving: blue band, white number; called (walking there): the number in yellow;
- idle: blue band, a dash;
- paused: amber band and amber "Tạm nghỉ";
- closed: no fill, grey band and grey "Đóng";
- the counter of a fresh call: yellow frame, blinking yellow fill.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import theme
from display_app import painting
from display_app.views import TileState, TileView

# Parts of the tile's inner height: band with "Quầy 5", the number, the fields line.
BAND, NUMBER = 0.27, 0.50


@dataclass(frozen=True)
class TileFonts:
    """Fonts shared by every tile of a board, so equal things look equal."""

    title: QFont
    number: QFont
    status: QFont
    fields: QFont


def tile_parts(rect: QRect) -> tuple[QRect, QRect, QRect]:
    """(band, number, fields) rectangles of a tile's inner area."""
    band, number, fields = painting.rows(rect, BAND, NUMBER)
    pad = max(2, int(rect.width() * 0.05))
    return (
        band.adjusted(pad, 0, -pad, 0),
        number.adjusted(pad, int(number.height() * 0.06), -pad, -int(number.height() * 0.02)),
        fields.adjusted(pad, 0, -pad, -int(fields.height() * 0.12)),
    )


class CounterTile(QWidget):
    """Paints a `TileView`. The grid gives it its fonts; the hall window its highlight."""

    def __init__(self, view: TileView, fonts: TileFonts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.fonts = fonts
        self.highlighted = False  # the fresh call's counter
        self.flash = False  # bright half of the blink

    def set_view(self, view: TileView) -> None:
        if view != self.view:
            self.view = view
            self.setToolTip(f"{view.title}: {view.big_text}")
            self.update()

    def set_fonts(self, fonts: TileFonts) -> None:
        self.fonts = fonts
        self.update()

    def set_highlight(self, highlighted: bool, flash: bool) -> None:
        if (highlighted, flash) != (self.highlighted, self.flash):
            self.highlighted, self.flash = highlighted, flash
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        v = self.view
        state = v.state
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        outer = self.rect()
        radius = min(outer.width(), outer.height()) * 0.07
        frame = max(2.0, min(outer.width(), outer.height()) * 0.035)

        fill = c.background if state == TileState.CLOSED else c.surface
        border = c.border
        if self.highlighted:
            border = c.highlight
            fill = c.highlight if self.flash else fill
        painting.panel(painter, outer, fill, border, border_px=frame, radius=radius)

        inner = outer.adjusted(int(frame), int(frame), -int(frame), -int(frame))
        band, middle, fields = tile_parts(inner)
        band_fill, band_text = {
            TileState.PAUSED: (c.warning, c.on_accent),
            TileState.CLOSED: (c.border, c.muted),
        }.get(state, (c.primary, c.on_primary))
        band_area = QRect(inner.left(), inner.top(), inner.width(), band.height())
        painter.save()
        painter.setClipRect(band_area)
        painting.panel(painter, band_area.adjusted(0, 0, 0, int(radius)), band_fill, radius=radius)
        painter.restore()
        painting.draw_text(painter, band, v.title, self.fonts.title, band_text)

        if self.flash and self.highlighted:
            number_color = c.on_accent
        else:
            number_color = {
                TileState.SERVING: c.text,
                TileState.CALLED: c.highlight,
                TileState.IDLE: c.muted,
                TileState.PAUSED: c.warning,
                TileState.CLOSED: c.muted,
            }[state]
        font = self.fonts.number if v.number else self.fonts.status
        painting.draw_text(painter, middle, v.big_text, font, number_color)

        fields_color = c.on_accent if self.flash and self.highlighted else c.muted
        painting.draw_text(painter, fields, v.fields, self.fonts.fields, fields_color)
        painter.end()
