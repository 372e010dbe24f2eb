"""`CounterBoard`: every counter of the hall as a grid of tiles that fills its space.

The grid shape is chosen for the space and the count (21 counters on a 16:9 area give
6×4, 40 give 8×5 or 7×6), so up to 40+ counters fit on one screen with no scrolling.
Counters keep their place by number: people learn where "their" counter is.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.tile import CounterTile, TileFonts, tile_parts
from display_app.views import TileView

TILE_ASPECT = 1.15  # width / height a tile looks best at
GAP_FRACTION = 0.012  # gap between tiles, of the board's smaller side


def grid_shape(count: int, width: int, height: int, gap: int = 0) -> tuple[int, int]:
    """(columns, rows) giving the largest tiles of about `TILE_ASPECT` for `count`."""
    if count <= 0:
        return 1, 1
    best, best_score = (count, 1), -1.0
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        tw = (width - gap * (cols - 1)) / cols
        th = (height - gap * (rows - 1)) / rows
        score = min(tw / TILE_ASPECT, th)
        if score > best_score + 1e-6:
            best, best_score = (cols, rows), score
    return best


class CounterBoard(QWidget):
    """Tiles by counter id. `set_views` updates them; `set_highlight` marks one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[int, CounterTile] = {}
        self.shape = (1, 1)
        self._fonts = TileFonts(*(theme.font(12) for _ in range(4)))
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
        cols, rows = grid_shape(n, self.width(), self.height(), gap)
        self.shape = (cols, rows)
        tw = (self.width() - gap * (cols - 1)) // cols
        th = (self.height() - gap * (rows - 1)) // rows
        self._fonts = self._make_fonts(tw, th)
        for i, tile in enumerate(self.tiles.values()):
            r, c = divmod(i, cols)
            tile.setGeometry(c * (tw + gap), r * (th + gap), tw, th)
            tile.set_fonts(self._fonts)

    def _make_fonts(self, tw: int, th: int) -> TileFonts:
        frame = max(2, int(min(tw, th) * 0.035))
        band, middle, fields = tile_parts(
            QRect(0, 0, tw, th).adjusted(frame, frame, -frame, -frame)
        )
        top_id = max(self.tiles, default=1)
        title = painting.fit(
            i18n.tr("display.counter", n=top_id), band.width(), int(band.height() * 0.78)
        )
        number = painting.fit(
            "0" * self._longest_number, middle.width(), middle.height(), condensed=True
        )
        words = [i18n.tr("display.paused"), i18n.tr("display.closed")]
        status = painting.fit(
            words, middle.width(), int(middle.height() * 0.55), max_px=int(number.pixelSize() * 0.6)
        )
        fields_font = theme.font(max(9, int(fields.height() * 0.62)))
        return TileFonts(title=title, number=number, status=status, fields=fields_font)
