"""40 counters on one screen, from a 720p to a 1080p TV, without scrolling."""

from __future__ import annotations

from display_app.announce import announcement_text
from display_app.views import TileState
from tests.display_app.helpers import WAIT_MS


def test_forty_counters_fit_on_one_screen_and_the_centre_sentence_is_said(
    qtbot, big_server, open_display
):
    run = open_display(big_server)
    hall, centre = run.window, run.centre
    said: list[str] = []
    run.display.voice.announcer.started.connect(said.append)
    centre.issue("cu-tru-can-cuoc", 2)
    centre.open(40)
    number = centre.call_next(40)
    qtbot.waitUntil(lambda: hall.board.tile(40).view.number == number, timeout=WAIT_MS)
    assert hall.latest.texts()[1] == number

    tiles = hall.board.tiles
    assert sorted(tiles) == list(range(1, 41))
    assert tiles[1].view.state == TileState.CLOSED
    for size in ((1280, 720), (1920, 1080)):
        hall.resize(*size)
        qtbot.waitUntil(lambda s=size: hall.size().toTuple() == s, timeout=WAIT_MS)
        board = hall.board.rect()
        rects = [t.geometry() for t in tiles.values()]
        assert all(t.isVisible() for t in tiles.values())
        assert all(board.contains(r) for r in rects)  # inside the board: nothing scrolls away
        assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
        # Readable from afar: ticket numbers keep at least 4 % of the screen's height.
        assert tiles[40].fonts.number.pixelSize() >= 0.04 * size[1]
        assert not hall.board.geometry().intersects(hall.waiting.geometry())

    # This centre's own sentence and digit-by-digit reading (centre40.yaml), after the chime.
    qtbot.waitUntil(lambda: len(said) == 1, timeout=WAIT_MS)
    assert said[0] == announcement_text(
        "Xin mời công dân số {number} đến quầy {counter}", number, 40, "digits"
    )
    assert said[0].startswith("Xin mời công dân số một bảy không không") and number == "17001"
