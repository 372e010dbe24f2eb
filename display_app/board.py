"""`CounterBoard`: every counter of the hall as a grid of tiles that fills its space.

The grid shape is chosen for the space and the count (21 counters on a 16:9 area give
6×4, 40 give 8×5 or 7×6), so up to 40+ counters fit on one screen with no scrolling.
Counters keep their place by number: people learn where "their" counter is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.tile import CAPTION_ROOM, FIELDS, CounterTile, TileFonts, tile_parts
from display_app.views import TileView

GAP_FRACTION = 0.01  # gap between tiles, of the board's smaller side
MIN_FIELDS_PX = 24  # the fields line's font, at the least (more: the hall's 10 m rule)


@dataclass(frozen=True)
class BoardLayout:
    cols: int
    rows: int
    fields: bool  # the tiles have room for their fields line
    digit_px: int  # height of a ticket number's digits


def _ink_aspect(digits: int) -> float:
    """Width / height of `digits` digits' ink in the condensed bold font."""
    box = QFontMetrics(theme.font(200, bold=True, condensed=True)).tightBoundingRect("0" * digits)
    return box.width() / max(1, box.height())


def choose_layout(
    count: int,
    width: int,
    height: int,
    gap: int,
    digits: int = 4,
    min_digit_px: int = 0,
    min_text_px: int = 0,
) -> BoardLayout:
    """The grid whose ticket numbers come out tallest (`digits` long numbers). A layout
    with the fields line (one line in `min_text_px`, the 10 m rule for names) is kept if
    its digits still reach `min_digit_px` (the 10 m rule) or lose under 5 % to the best
    one without."""
    if count <= 0 or width <= 0 or height <= 0:
        return BoardLayout(1, 1, False, 0)
    aspect = _ink_aspect(digits) / 0.97  # painting.fit_ink keeps 3 % spare
    best: dict[bool, BoardLayout] = {}
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        tw = (width - gap * (cols - 1)) // cols
        th = (height - gap * (rows - 1)) // rows
        if tw <= 0 or th <= 0:
            continue
        frame = max(2, int(min(tw, th) * 0.04))
        inner = QRect(0, 0, tw, th).adjusted(frame, frame, -frame, -frame)
        for fields in (True, False):
            number = tile_parts(inner, max(MIN_FIELDS_PX, min_text_px) if fields else 0).number
            px = int(min(number.height(), number.width() / aspect))
            layout = BoardLayout(cols, rows, fields, px)
            if fields not in best or px > best[fields].digit_px:
                best[fields] = layout
    if not best:
        return BoardLayout(1, count, False, 0)
    plain, with_fields = best.get(False), best.get(True)
    if with_fields is None:
        assert plain is not None
        return plain
    if plain is None or with_fields.digit_px >= min(min_digit_px or 10**6, plain.digit_px * 0.95):
        return with_fields
    return plain


def grid_shape(count: int, width: int, height: int, gap: int = 0) -> tuple[int, int]:
    """(columns, rows) of `choose_layout` for 4-digit numbers."""
    layout = choose_layout(count, width, height, gap)
    return layout.cols, layout.rows


class CounterBoard(QWidget):
    """Tiles by counter id. `set_views` updates them; `set_highlight` marks one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[int, CounterTile] = {}
        self.shape = (1, 1)
        self.layout_choice = BoardLayout(1, 1, False, 0)
        self.min_digit_px = 0  # the hall window sets the 10 m rule for its screen
        self.min_text_px = 0  # … and for the fields line's names
        small = theme.font(12)
        self._fonts = TileFonts(small, small, small, small, small, None)
        self._caption = i18n.tr("display.counter_word")
        self._longest_number = 4

    def tile(self, counter_id: int) -> CounterTile | None:
        return self.tiles.get(counter_id)

    def set_views(self, views: list[TileView]) -> None:
        ids = [v.counter_id for v in views]
        relayout = ids != list(self.tiles)
        if relayout:
            for tile in self.tiles.values():
                tile.deleteLater()
            self.tiles = {v.counter_id: CounterTile(v, self._fonts, self) for v in views}
            for tile in self.tiles.values():
                tile.show()
        longest = max([4, *(len(v.number) for v in views)])
        refont = longest != self._longest_number
        self._longest_number = longest
        for v in views:
            self.tiles[v.counter_id].set_view(v)
        if relayout or refont:
            self._layout()

    def set_highlight(self, counter_id: int | None, flash: bool) -> None:
        for cid, tile in self.tiles.items():
            tile.set_highlight(cid == counter_id, flash and cid == counter_id)

    def set_speaking(self, counter_id: int | None) -> None:
        for cid, tile in self.tiles.items():
            tile.set_speaking(cid == counter_id)

    def retranslate(self) -> None:
        """Titles change width with the language ("Quầy" / "Counter")."""
        self._layout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._layout()

    # ---- layout ------------------------------------------------------------------------

    def _layout(self) -> None:
        n = len(self.tiles)
        if n == 0 or self.width() <= 0 or self.height() <= 0:
            return
        gap = max(4, int(min(self.width(), self.height()) * GAP_FRACTION))
        choice = choose_layout(
            n,
            self.width(),
            self.height(),
            gap,
            self._longest_number,
            self.min_digit_px,
            self.min_text_px,
        )
        cols, rows = choice.cols, choice.rows
        self.layout_choice = choice
        self.shape = (cols, rows)
        tw = (self.width() - gap * (cols - 1)) // cols
        th = (self.height() - gap * (rows - 1)) // rows
        self._fonts = self._make_fonts(tw, th, choice.fields)
        self._caption = i18n.tr("display.counter_word")
        for i, tile in enumerate(self.tiles.values()):
            r, c = divmod(i, cols)
            tile.setGeometry(c * (tw + gap), r * (th + gap), tw, th)
            tile.set_fonts(self._fonts, self._caption)

    def _make_fonts(self, tw: int, th: int, fields: bool) -> TileFonts:
        frame = max(2, int(min(tw, th) * 0.04))
        inner = QRect(0, 0, tw, th).adjusted(frame, frame, -frame, -frame)
        fields_px = 0
        if fields:
            # Two wrapped lines in FIELDS of the height if that font is large enough, else
            # one line in the smallest readable font (the line grows to hold it).
            right_h = tile_parts(inner, 0).number.height()
            fields_px = max(MIN_FIELDS_PX, self.min_text_px, int(right_h * FIELDS / 2.35))
        parts = tile_parts(inner, fields_px)
        caption = painting.fit(
            [i18n.tr("display.counter_word")],
            int(parts.block.width() * CAPTION_ROOM),
            int(parts.caption.height() * 0.85),
        )
        top_id = str(max(self.tiles, default=1))
        counter = painting.fit_ink(
            "8" * len(top_id), parts.counter.width(), int(parts.counter.height() * 0.9)
        )
        number_r = parts.number
        number = painting.fit_ink("0" * self._longest_number, number_r.width(), number_r.height())
        status = painting.fit(
            [i18n.tr("display.paused"), "—"],
            number_r.width(),
            int(number_r.height() * 0.6),
            max_px=int(number.pixelSize() * 0.6),
        )
        closed = painting.fit(
            i18n.tr("display.closed"),
            number_r.width(),
            int(number_r.height() * 0.3),
            bold=False,
            max_px=int(status.pixelSize() * 0.6),
        )
        fields_font = theme.font(fields_px) if fields_px else None
        return TileFonts(caption, counter, number, status, closed, fields_font)
