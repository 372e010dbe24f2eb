"""Readable from 10 m: on a 55" 1080p TV (~685 mm of panel for 1080 px), the numbers a
citizen must read are at least 40 mm tall — 63 px of digit height at 1080 lines. Measured
on the real hall window, in the font each tile actually draws with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics

from display_app import painting
from display_app.views import TileState
from tests.display_app.helpers import WAIT_MS, busy_hall
from tests.display_app.test_screenshots import BIG_TICKETS, SAMPLE_TICKETS

MM_PER_PX_55IN_1080 = 685 / 1080


def _mm(px: float, screen_h: int) -> float:
    return px * MM_PER_PX_55IN_1080 * 1080 / screen_h


def _brightest(tile) -> int:  # noqa: ANN001 - CounterTile
    """Lightness of the brightest pixel right of the counter's block (the tile's text)."""
    image = tile.grab().toImage()
    left = tile.parts().block.right() + 2
    return max(
        QColor(image.pixel(x, y)).lightness()
        for x in range(left, image.width() - 4, 2)
        for y in range(4, image.height() - 4, 2)
    )


def _check(qtbot, hall, size: tuple[int, int]) -> None:  # noqa: ANN001
    hall.resize(*size)
    qtbot.waitUntil(lambda: hall.size().toTuple() == size, timeout=WAIT_MS)
    tiles = hall.board.tiles.values()
    shown = [t for t in tiles if t.view.number]
    assert len(shown) >= 10
    for tile in shown:
        metrics = QFontMetrics(tile.fonts.number)
        ink = metrics.tightBoundingRect(tile.view.number)
        assert _mm(ink.height(), size[1]) >= 40, (tile.view.title, ink.height())
        assert ink.width() <= tile.parts().number.width()  # whole, never cut
    latest = hall.latest
    assert _mm(painting.ink_height(latest.texts()[1], latest.number_font()), size[1]) >= 40

    # Closed counters are quiet: small, grey, dim; open ones stand out.
    closed = [t for t in tiles if t.view.state == TileState.CLOSED]
    serving = [t for t in tiles if t.view.state == TileState.SERVING]
    assert closed and serving
    assert closed[0].fonts.closed.pixelSize() < 0.35 * closed[0].fonts.number.pixelSize()
    assert _brightest(closed[0]) < 0.5 * _brightest(serving[0])

    # Field names are never cut: they fit (wrapped if need be) in the tile's fields line.
    for tile in tiles:
        line = tile.parts().fields
        if line is None or tile.view.state == TileState.CLOSED:
            continue
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        need = QFontMetrics(tile.fonts.fields).boundingRect(line, flags, tile.view.fields)
        assert need.height() <= line.height() and need.width() <= line.width(), tile.view.fields


def test_sample_centre_numbers_are_readable_from_10_m(qtbot, live_server, open_display):
    run = open_display(live_server, blink_s=0.2)
    fresh = busy_hall(run.centre, 21, SAMPLE_TICKETS, closed={16, 19}, paused={6, 14}, fresh=3)
    qtbot.waitUntil(lambda: run.window.latest.texts()[1] == fresh, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not run.window.blinker.active, timeout=WAIT_MS)
    for size in ((1920, 1080), (3840, 2160)):
        _check(qtbot, run.window, size)


def test_forty_counters_are_readable_from_10_m(qtbot, big_server, open_display):
    run = open_display(big_server, blink_s=0.2)
    fresh = busy_hall(
        run.centre, 40, BIG_TICKETS, closed={8, 24, 35, 36}, paused={4, 15, 30}, fresh=3
    )
    qtbot.waitUntil(lambda: run.window.latest.texts()[1] == fresh, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not run.window.blinker.active, timeout=WAIT_MS)
    _check(qtbot, run.window, (1920, 1080))
