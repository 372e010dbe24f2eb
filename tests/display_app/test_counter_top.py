"""The counter-top display: one counter's number, big, and silent by default."""

from __future__ import annotations

from display_app.views import TileState
from tests.display_app.helpers import WAIT_MS


def test_counter_top_shows_its_number_pause_and_stays_silent(qtbot, live_server, open_display):
    run = open_display(live_server, mode="counter", counter_id=5, size=(800, 480), muted=True)
    screen, centre = run.window, run.centre
    assert screen.view.state == TileState.CLOSED and screen.big_text() == "Đóng"
    centre.issue("dang-ky-kinh-doanh", 2)
    centre.issue("dat-dai", 1)
    centre.open(1, 5)

    other = centre.call_next(1)  # another counter's call changes nothing here
    number = centre.call_next(5)
    qtbot.waitUntil(lambda: screen.big_text() == number, timeout=WAIT_MS)
    assert other != number and screen.blinker.active  # this counter's call blinks
    centre.start(5)
    qtbot.waitUntil(lambda: screen.view.state == TileState.SERVING, timeout=WAIT_MS)

    centre.finish(5)
    centre.pause(5, "Họp")
    qtbot.waitUntil(lambda: screen.big_text() == "Tạm nghỉ", timeout=WAIT_MS)
    assert screen.pause_reason() == "Họp"
    centre.act(5, "resume")
    qtbot.waitUntil(lambda: screen.view.state == TileState.IDLE, timeout=WAIT_MS)
    assert run.player.plays == 0  # silent by default


def test_counter_top_with_sound_announces_only_its_own_counter(qtbot, live_server, open_display):
    run = open_display(live_server, mode="counter", counter_id=2, muted=False)
    centre = run.centre
    centre.issue("dat-dai", 2)
    centre.open(1, 2)
    centre.call_next(1)
    mine = centre.call_next(2)
    qtbot.waitUntil(lambda: run.window.big_text() == mine, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: run.player.plays == 1, timeout=WAIT_MS)
    assert run.spoken == [(mine, 2, False)]


def test_counter_top_for_a_counter_the_centre_does_not_have(qtbot, live_server, open_display):
    run = open_display(live_server, mode="counter", counter_id=99)
    assert run.window.view is None
    assert run.window.big_text() == "Không có quầy 99"
