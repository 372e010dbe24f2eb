"""`CounterTile`: one counter on the hall board — its number, its ticket, its fields.

    ┌──────┬──────────────┐
    │ QUẦY │     1023     │   the counter's number in a coloured block, the ticket
    │  5   │   Đất đai    │   as large as the tile allows, the fields small (if room)
    └──────┴──────────────┘

Looks by state (so a citizen tells them apart from afar, not only by the word):
- serving: blue block, white number; called (walking there): the number in yellow;
- idle: blue block, a dash;
- paused: amber block and amber "Tạm nghỉ";
- closed: dimmed — no fill, grey block, a small grey "Đóng": it must not look like a
  live number;
- the call the voice is saying / a fresh call: yellow frame and block, blinking fill.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import theme
from display_app import painting
from display_app.views import TileState, TileView

ID_BLOCK = 0.3  # at most this part of the tile's width for the counter's number
CAPTION = 0.3  # of the block's height: the word "QUẦY"
FIELDS = 0.26  # of the tile's height, when the fields line is shown (or one line's height)
LINE = 1.2  # a line of text's height, in font sizes (DejaVu Sans: 1.164, +2 px rounding)
CAPTION_ROOM = 0.78  # of the block's width for "QUẦY" / "COUNTER": a margin either side


@dataclass(frozen=True)
class TileFonts:
    """Fonts shared by every tile of a board, so equal things look equal."""

    caption: QFont  # "QUẦY"
    counter: QFont  # the counter's number
    number: QFont  # the ticket's number (sized by its ink: see painting.fit_ink)
    status: QFont  # "Tạm nghỉ", "—"
    closed: QFont  # "Đóng": small on purpose
    fields: QFont | None  # None: no room for the fields line (it is never shrunk)


@dataclass(frozen=True)
class TileParts:
    block: QRect  # the coloured block with the counter's number
    caption: QRect
    counter: QRect
    number: QRect
    fields: QRect | None


def tile_parts(rect: QRect, fields_px: int) -> TileParts:
    """The parts of a tile's inner area; `fields_px`: the fields line's font size (0: no
    fields line). The line takes FIELDS of the height, or one line of that font if more."""
    w, h = rect.width(), rect.height()
    block_w = min(int(h * 0.9), int(w * ID_BLOCK))
    block = QRect(rect.left(), rect.top(), block_w, h)
    pad = max(2, int(h * 0.06))
    caption, counter = painting.rows(block.adjusted(pad, pad // 2, -pad, -pad), CAPTION)
    v = max(2, int(h * 0.04))  # less room above and below: the digits' ink is centred
    right = QRect(block.right() + 1, rect.top(), w - block_w, h).adjusted(pad, v, -pad, -v)
    if not fields_px:
        return TileParts(block, caption, counter, right, None)
    line_h = max(int(right.height() * FIELDS), math.ceil(fields_px * LINE))
    number, line = painting.rows(right, 1 - line_h / max(1, right.height()))
    return TileParts(block, caption, counter, number, line)


class CounterTile(QWidget):
    """Paints a `TileView`. The grid gives it its fonts; the hall window its highlight."""

    def __init__(self, view: TileView, fonts: TileFonts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.fonts = fonts
        self.caption = "QUẦY"
        self.highlighted = False  # the fresh call's counter, or the one being said
        self.flash = False  # bright half of the blink
        self.speaking = False  # the voice is saying this counter's call now

    def set_view(self, view: TileView) -> None:
        if view != self.view:
            self.view = view
            self.setToolTip(f"{view.title}: {view.big_text}")
            self.update()

    def set_fonts(self, fonts: TileFonts, caption: str) -> None:
        self.fonts, self.caption = fonts, caption
        self.update()

    def set_highlight(self, highlighted: bool, flash: bool) -> None:
        if (highlighted, flash) != (self.highlighted, self.flash):
            self.highlighted, self.flash = highlighted, flash
            self.update()

    def set_speaking(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.update()

    def parts(self) -> TileParts:
        outer = self.rect()
        frame = self._frame()
        inner = outer.adjusted(frame, frame, -frame, -frame)
        fields = self.fonts.fields
        return tile_parts(inner, fields.pixelSize() if fields is not None else 0)

    def fields_text(self) -> str:
        """The fields line as painted: every field if they fit (on two lines at most),
        else the first ones and "+N" — in its font, never a smaller one."""
        line, font = self.parts().fields, self.fonts.fields
        if line is None or font is None or self.view.state == TileState.CLOSED:
            return ""
        return painting.shorten_list(self.view.fields, font, line.width(), line.height())

    def _frame(self) -> int:
        return max(2, int(min(self.width(), self.height()) * 0.04))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        v = self.view
        state = v.state
        closed = state == TileState.CLOSED
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        outer = self.rect()
        radius = min(outer.width(), outer.height()) * 0.08
        frame = self._frame()
        lit = self.highlighted
        flash = lit and self.flash

        fill = c.background if closed else c.surface
        border = c.highlight if lit else (c.background if closed else c.border)
        painting.panel(
            painter, outer, c.highlight if flash else fill, border, border_px=frame, radius=radius
        )
        parts = self.parts()
        block_fill, block_text = {
            TileState.PAUSED: (c.warning, c.on_accent),
            TileState.CLOSED: (c.surface, c.border),
        }.get(state, (c.primary, c.on_primary))
        if lit:
            block_fill, block_text = c.highlight, c.on_accent
        painter.save()
        painter.setClipRect(parts.block)
        painting.panel(
            painter, parts.block.adjusted(0, 0, int(radius), 0), block_fill, radius=radius
        )
        painter.restore()
        painting.draw_text(painter, parts.caption, self.caption, self.fonts.caption, block_text)
        painting.draw_ink(painter, parts.counter, str(v.counter_id), self.fonts.counter, block_text)

        if flash:
            color = c.on_accent
        else:
            color = {
                TileState.SERVING: c.text,
                TileState.CALLED: c.highlight,
                TileState.IDLE: c.muted,
                TileState.PAUSED: c.warning,
                TileState.CLOSED: c.border,
            }[state]
        if v.number:
            painting.draw_ink(painter, parts.number, v.number, self.fonts.number, color)
        else:
            font = self.fonts.closed if closed else self.fonts.status
            where = parts.number
            if closed and parts.fields is not None:  # no fields line: "Đóng" in the middle
                where = where.united(parts.fields)
            painting.draw_text(painter, where, v.big_text, font, color)

        shown = self.fields_text()
        if shown and parts.fields is not None and self.fonts.fields is not None:
            painter.setFont(self.fonts.fields)
            painter.setPen(QColor(c.on_accent if flash else c.muted))
            painter.drawText(
                parts.fields,
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                shown,
            )
        painter.end()
