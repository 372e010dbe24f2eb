"""The hall TV against a real server: what the waiting citizens see and hear."""

from __future__ import annotations

from clientkit import i18n
from clientkit.session import ServerLink
from display_app.announce.wavutil import wav_duration
from display_app.app import create_display
from display_app.views import TileState
from protocol import ERROR_TITLES, ErrorCode
from tests.display_app.helpers import WAIT_MS


def test_a_call_shows_on_its_counter_and_as_the_latest_call_and_is_announced(
    qtbot, live_server, open_display
):
    run = open_display(live_server)
    hall, centre = run.window, run.centre
    assert hall.latest.texts()[3] == "Chưa gọi số nào"
    centre.issue("dat-dai", 3)
    centre.issue("dang-ky-kinh-doanh", 1)
    qtbot.waitUntil(
        lambda: hall.waiting.counts() == {"dat-dai": 3, "dang-ky-kinh-doanh": 1}, timeout=WAIT_MS
    )
    centre.open(1, 5)

    first = centre.call_next(1)
    qtbot.waitUntil(lambda: hall.board.tile(1).view.number == first, timeout=WAIT_MS)
    assert hall.board.tile(1).view.state == TileState.CALLED
    assert hall.latest.texts()[1:3] == (first, "ĐẾN QUẦY 1")
    assert hall.latest.call.field == "Đất đai"
    qtbot.waitUntil(lambda: run.player.plays == 1, timeout=WAIT_MS)  # chime + sentence
    assert run.spoken == [(first, 1, False)]
    assert hall.waiting.counts()["dat-dai"] == 2

    second = centre.call_next(5)
    qtbot.waitUntil(lambda: hall.latest.texts()[1] == second, timeout=WAIT_MS)
    assert hall.latest.texts()[2] == "ĐẾN QUẦY 5"
    assert hall.recent.lines() == [(first, "Quầy 1")]  # the previous call moved down
    assert hall.board.tile(1).view.number == first  # still at its counter
    centre.start(5)
    qtbot.waitUntil(lambda: hall.board.tile(5).view.state == TileState.SERVING, timeout=WAIT_MS)
    assert "dang-ky-kinh-doanh" not in hall.waiting.counts()  # nobody left waiting there
    qtbot.waitUntil(lambda: run.player.plays == 2, timeout=WAIT_MS)
    assert run.spoken == [(first, 1, False), (second, 5, False)]

    # The header and the notice line come from the centre file.
    assert hall.header.centre == "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng"
    assert hall.ticker.text.startswith("Trung tâm tiếp nhận hồ sơ từ 7 giờ")
    assert hall.header.clock_text().count(":") == 1


def test_a_recall_highlights_the_call_again_and_announces_it_again(
    qtbot, live_server, open_display
):
    run = open_display(live_server, blink_s=0.6)
    hall, centre = run.window, run.centre
    centre.issue("xay-dung", 2)
    centre.open(4)
    number = centre.call_next(4)
    qtbot.waitUntil(lambda: hall.blinker.active, timeout=WAIT_MS)
    assert hall.board.tile(4).highlighted
    qtbot.waitUntil(lambda: hall.latest.flash, timeout=WAIT_MS)  # the big panel blinks
    qtbot.waitUntil(lambda: not hall.blinker.active, timeout=WAIT_MS)  # …for a while only
    assert not hall.board.tile(4).highlighted and not hall.latest.flash

    centre.recall(4)
    qtbot.waitUntil(lambda: hall.blinker.active, timeout=WAIT_MS)
    assert hall.board.tile(4).highlighted
    assert hall.latest.call.recall and hall.latest.texts()[1] == number
    assert "GỌI LẠI" in hall.latest.texts()[3]
    qtbot.waitUntil(lambda: run.player.plays == 2, timeout=WAIT_MS)
    assert run.spoken == [(number, 4, False), (number, 4, True)]
    assert hall.recent.lines() == []  # one line per ticket: the recall is not a new one


def test_paused_and_closed_counters_look_different_in_both_languages(
    qtbot, live_server, open_display
):
    run = open_display(live_server)
    hall, centre = run.window, run.centre
    centre.issue("dat-dai", 1)
    centre.open(1, 2, 3)
    qtbot.waitUntil(lambda: hall.board.tile(3).view.state == TileState.IDLE, timeout=WAIT_MS)
    assert hall.board.tile(3).view.big_text == "—"
    number = centre.call_next(1)
    centre.pause(2, "Họp")
    centre.close(3)
    qtbot.waitUntil(lambda: hall.board.tile(3).view.state == TileState.CLOSED, timeout=WAIT_MS)
    tiles = hall.board.tiles
    assert (tiles[1].view.state, tiles[1].view.big_text) == (TileState.CALLED, number)
    assert (tiles[2].view.state, tiles[2].view.big_text) == (TileState.PAUSED, "Tạm nghỉ")
    assert tiles[3].view.big_text == "Đóng"
    assert tiles[4].view.state == TileState.CLOSED  # never opened today
    assert tiles[2].view.title == "Quầy 2" and tiles[2].view.fields == "Đất đai"

    i18n.set_language("en")
    assert tiles[2].view.big_text == "On break" and tiles[3].view.big_text == "Closed"
    assert tiles[2].view.title == "Counter 2" and tiles[2].view.fields == "Land"
    assert hall.latest.texts()[:3] == ("NOW CALLING", number, "TO COUNTER 1")
    assert hall.header.centre == "Lam Dong Provincial Public Administration Service Centre"

    centre.act(2, "resume")
    qtbot.waitUntil(lambda: tiles[2].view.state == TileState.IDLE, timeout=WAIT_MS)


def test_through_a_server_restart_it_keeps_its_screen_and_never_repeats_a_call(
    qtbot, live_server, open_display
):
    run = open_display(live_server)
    hall, centre, link = run.window, run.centre, run.link
    centre.issue("tu-phap", 3)
    centre.open(8, 9)
    first = centre.call_next(8)
    qtbot.waitUntil(lambda: run.player.plays == 1, timeout=WAIT_MS)

    live_server.stop()
    qtbot.waitUntil(lambda: hall.header.badge.state == "offline", timeout=WAIT_MS)
    assert hall.header.badge.text() == "Mất kết nối"
    assert hall.board.tile(8).view.number == first  # the last state stays on screen
    assert hall.latest.texts()[1] == first

    live_server.start()
    qtbot.waitUntil(lambda: hall.header.badge.state == "online", timeout=WAIT_MS)

    # What happens while the display is cut off is caught up, shown, and not announced.
    link.stream.stop()
    qtbot.waitUntil(lambda: hall.header.badge.state == "offline", timeout=WAIT_MS)
    missed = centre.call_next(9)
    centre.act(8, "no-show")  # the citizen called at 8 never came; the clerk takes a break
    centre.pause(8)
    link.stream.start()
    qtbot.waitUntil(lambda: hall.board.tile(9).view.number == missed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: hall.board.tile(8).view.state == TileState.PAUSED, timeout=WAIT_MS)
    assert hall.latest.texts()[1] == missed
    assert hall.fresh.number == first  # the missed call did not blink as if it were new
    assert hall.header.badge.state == "online"

    # A live call after that is announced: the voice was not stuck, only quiet on purpose.
    centre.start(9)
    centre.finish(9)
    last = centre.call_next(9)
    qtbot.waitUntil(lambda: run.player.plays == 2, timeout=WAIT_MS)
    assert run.spoken == [(first, 8, False), (last, 9, False)]


def test_sound_off_shows_calls_but_plays_nothing(qtbot, live_server, open_display):
    run = open_display(live_server, muted=True)
    finished: list[str] = []
    run.display.voice.announcer.finished.connect(finished.append)
    assert run.window.header.muted_note
    run.centre.issue("y-te", 1)
    run.centre.open(15)
    number = run.centre.call_next(15)
    qtbot.waitUntil(lambda: run.window.latest.texts()[1] == number, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(finished) == 1, timeout=WAIT_MS)  # its turn came, silently
    assert run.spoken == [(number, 15, False)] and run.player.plays == 0

    # The M key turns the sound back on (a technician with a keyboard).
    qtbot.keyClick(run.window, "m")
    assert not run.display.voice.muted and not run.window.header.muted_note
    run.centre.recall(15)
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=WAIT_MS)
    assert run.player.plays == 1


def test_a_refused_token_is_said_on_screen(qtbot, live_server):
    link = ServerLink(live_server.url, "not-a-token", stream_backoff=(0.5, 2.0))
    display = create_display(link, "hall")
    display.window.resize(1280, 720)
    display.window.show()
    display.start()
    try:
        qtbot.waitUntil(lambda: display.toast.isVisible(), timeout=WAIT_MS)
        assert display.toast.text() == ERROR_TITLES[ErrorCode.UNAUTHENTICATED]
        assert display.window.latest.texts()[3] == "Đang tải…"  # nothing made up meanwhile
    finally:
        display.close()


def test_the_latest_call_never_contradicts_the_counters(qtbot, live_server, open_display):
    """ "3002 ĐẾN QUẦY 5" must go once 3002 was marked absent, or counter 5 paused."""
    run = open_display(live_server)
    hall, centre = run.window, run.centre
    centre.issue("dang-ky-kinh-doanh", 3)
    centre.open(5)
    first = centre.call_next(5)
    qtbot.waitUntil(lambda: hall.latest.texts()[1:3] == (first, "ĐẾN QUẦY 5"), timeout=WAIT_MS)

    centre.act(5, "no-show")  # the citizen did not come
    qtbot.waitUntil(lambda: hall.board.tile(5).view.state == TileState.IDLE, timeout=WAIT_MS)
    assert hall.latest.texts()[1:3] == ("", "")  # no number, no counter
    assert hall.latest.texts()[3] == "Mời theo dõi số tiếp theo"

    second = centre.call_next(5)
    qtbot.waitUntil(lambda: hall.latest.texts()[1] == second, timeout=WAIT_MS)
    centre.start(5)
    qtbot.waitUntil(lambda: hall.board.tile(5).view.state == TileState.SERVING, timeout=WAIT_MS)
    assert hall.latest.texts()[1:3] == (second, "ĐẾN QUẦY 5")  # being served there: true
    centre.finish(5)  # served; then the clerk goes on break
    qtbot.waitUntil(lambda: hall.latest.texts()[1:3] == ("", ""), timeout=WAIT_MS)
    third = centre.call_next(5)
    qtbot.waitUntil(lambda: hall.latest.texts()[1] == third, timeout=WAIT_MS)
    centre.act(5, "no-show")
    centre.pause(5)
    qtbot.waitUntil(lambda: hall.board.tile(5).view.state == TileState.PAUSED, timeout=WAIT_MS)
    assert hall.latest.texts()[1:3] == ("", "")
    assert hall.recent.lines()[-1] == (first, "Quầy 5")  # history stays history


def test_in_a_burst_the_hall_sees_which_call_the_voice_is_saying(qtbot, live_server, open_display):
    run = open_display(live_server)
    hall, centre, player = run.window, run.centre, run.player
    player.hold = True  # each sentence takes its time, as in the hall
    centre.issue("dat-dai", 3)
    centre.open(1, 2, 3)
    numbers = [centre.call_next(c) for c in (1, 2, 3)]  # opening time: three at once
    qtbot.waitUntil(lambda: hall.latest.texts()[1] == numbers[2], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: player.plays == 1, timeout=WAIT_MS)
    # The screen shows the newest call; the voice is still on the first: it is lit.
    assert hall.speaking is not None and hall.speaking.number == numbers[0]
    assert hall.board.tile(1).speaking and hall.board.tile(1).highlighted
    assert not hall.board.tile(3).highlighted
    player.release()
    qtbot.waitUntil(lambda: player.plays == 2, timeout=WAIT_MS)
    assert hall.board.tile(2).speaking and not hall.board.tile(1).speaking
    assert hall.recent.speaking == hall.recent.calls[0].ticket_id  # its row is lit too
    player.release()
    qtbot.waitUntil(lambda: player.plays == 3, timeout=WAIT_MS)
    assert hall.board.tile(3).speaking
    player.release()
    qtbot.waitUntil(lambda: hall.speaking is None, timeout=WAIT_MS)
    assert not any(t.speaking for t in hall.board.tiles.values())
    # Every call said; only the first with the full chime. (This display's voice is off:
    # the others keep the short chime, or the hall would hear nothing at all.)
    first, *rest = [wav_duration(w) for w in player.wavs]
    assert len(rest) == 2 and all(r < first - 1.0 for r in rest)
