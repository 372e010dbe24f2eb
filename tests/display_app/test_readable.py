"""Readable from 10 m: on a 55" 1080p TV (~685 mm of panel for 1080 px), the numbers a
citizen must read are at least 40 mm tall — 63 px of digit height at 1080 lines — and the
names and counts around them (fields, waiting list, recent calls' counters, titles) have a
font size of at least 20 mm (32 px at 1080 lines); what does not fit at that size is
shortened or left out, never shrunk or cut. Measured on the real hall window, in the
fonts the widgets actually draw with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics

from clientkit import i18n
from display_app import painting
from display_app.tile import CAPTION_ROOM
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


def _text_mm(font, screen_h: int) -> float:  # noqa: ANN001 - QFont
    return _mm(font.pixelSize(), screen_h)


def _check_recent(hall, screen_h: int) -> None:  # noqa: ANN001
    """ "Số vừa gọi": 3 calls, their numbers as tall as the tiles', the rest ≥ 20 mm."""
    recent = hall.recent
    assert len(recent.calls) == recent.rows == 3
    title_font, number_font, counter_font, number_w = recent.fonts()
    assert _text_mm(title_font, screen_h) >= 20
    assert _text_mm(counter_font, screen_h) >= 20
    for number, counter in recent.lines():
        assert _mm(painting.ink_height(number, number_font), screen_h) >= 40, number
        assert QFontMetrics(number_font).tightBoundingRect(number).width() < number_w
        assert QFontMetrics(counter_font).horizontalAdvance(counter) < recent.width() - number_w


def _check_waiting(hall, screen_h: int) -> None:  # noqa: ANN001
    """ "Đang chờ": names and counts ≥ 20 mm; the fields that do not fit share one row."""
    panel = hall.waiting
    lay = panel.layout()
    for font in (lay.title_font, lay.name_font, lay.count_font):
        assert _text_mm(font, screen_h) >= 20
    assert lay.rows and all(panel.rect().contains(r.rect) for r in lay.rows)
    assert sum(r.count for r in lay.rows) == sum(panel.counts().values())  # nobody lost
    names = [w.name for w in panel.items]
    flags = int(painting.ALIGN_LEFT | Qt.TextFlag.TextWordWrap)
    for row in lay.rows:
        assert row.others or row.name in names
        room = row.rect.adjusted(0, 0, -lay.count_w, 0)
        need = QFontMetrics(lay.name_font).boundingRect(room, flags, row.name)
        assert need.height() <= room.height() and need.width() <= room.width(), row.name
    if len(lay.rows) < len(names):  # left-out fields: at least 4 rows stay
        assert lay.rows[-1].others and len(lay.rows) >= 4


def _check_captions(qtbot, hall) -> None:  # noqa: ANN001
    """ "QUẦY" / "COUNTER" keep a margin in the tile's coloured block."""
    for lang in ("vi", "en"):
        i18n.set_language(lang)
        qtbot.wait(20)
        for tile in hall.board.tiles.values():
            ink = QFontMetrics(tile.fonts.caption).tightBoundingRect(tile.caption)
            assert ink.width() <= CAPTION_ROOM * tile.parts().block.width(), (lang, tile.caption)
            assert ink.height() <= tile.parts().caption.height()
    i18n.set_language("vi")


def _check(qtbot, hall, size: tuple[int, int], fields_shown: bool = False) -> None:  # noqa: ANN001
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

    # Field names are ≥ 20 mm and never cut: they fit (wrapped if need be) in the tile's
    # fields line, or the first ones do, followed by "+N".
    shown_lines = 0
    for tile in tiles:
        line, shown = tile.parts().fields, tile.fields_text()
        if line is None or not shown:
            continue
        shown_lines += 1
        assert _text_mm(tile.fonts.fields, size[1]) >= 20
        head, _, more = shown.rpartition(" +")
        assert shown == tile.view.fields or (
            more.isdigit() and tile.view.fields.startswith(head + ", ")
        ), shown
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        need = QFontMetrics(tile.fonts.fields).boundingRect(line, flags, shown)
        assert need.height() <= line.height() and need.width() <= line.width(), shown
    if fields_shown:
        assert shown_lines >= 10
    _check_recent(hall, size[1])
    _check_waiting(hall, size[1])
    _check_captions(qtbot, hall)


def test_sample_centre_numbers_are_readable_from_10_m(qtbot, live_server, open_display):
    run = open_display(live_server, blink_s=0.2)
    fresh = busy_hall(run.centre, 21, SAMPLE_TICKETS, closed={16, 19}, paused={6, 14}, fresh=3)
    qtbot.waitUntil(lambda: run.window.latest.texts()[1] == fresh, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not run.window.blinker.active, timeout=WAIT_MS)
    _check(qtbot, run.window, (1920, 1080))
    _check(qtbot, run.window, (3840, 2160), fields_shown=True)  # a 4K TV has room for them


def test_forty_counters_are_readable_from_10_m(qtbot, big_server, open_display):
    run = open_display(big_server, blink_s=0.2)
    fresh = busy_hall(
        run.centre, 40, BIG_TICKETS, closed={8, 24, 35, 36}, paused={4, 15, 30}, fresh=3
    )
    qtbot.waitUntil(lambda: run.window.latest.texts()[1] == fresh, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not run.window.blinker.active, timeout=WAIT_MS)
    _check(qtbot, run.window, (1920, 1080))
