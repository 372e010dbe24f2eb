"""The rating pad at counter 1: what it shows, asking after "finish", reasons for a
low rating, thanks, and back to idle when nobody touches it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.pad.controller import ASKING, IDLE, REASONS, THANKS
from tests.counter_app.conftest import WAIT_MS, act, current_number, issue


def _serve(qtbot, console, number: str) -> None:
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == number, timeout=WAIT_MS)
    act(qtbot, console, "start")
    act(qtbot, console, "finish")


def test_low_rating_with_reasons_thanks_and_idle_timeout(
    qtbot, live_server, open_console, make_pad
):
    issue(live_server)
    second = issue(live_server)
    issue(live_server)
    pad = make_pad(idle_timeout_ms=500)  # injected: 30 s in the field
    assert pad.counter_label.text() == "Quầy số 1"
    assert pad.idle.caption.text() == "Quầy đã đóng"
    console = open_console(1)
    qtbot.waitUntil(lambda: pad.idle.caption.text() == "Xin mời công dân", timeout=WAIT_MS)
    assert pad.clerk_label.text() == "Cán bộ tiếp nhận: Cán bộ quầy 1"

    # Nobody answers: the question goes away by itself.
    _serve(qtbot, console, "1001")
    qtbot.waitUntil(lambda: pad.mode == ASKING, timeout=WAIT_MS)
    assert pad.pages.currentWidget() is pad.ask
    qtbot.waitUntil(lambda: pad.mode == IDLE, timeout=WAIT_MS)
    assert pad.pages.currentWidget() is pad.idle

    # A low rating asks why; two reasons are chosen and sent.
    _serve(qtbot, console, "1002")
    qtbot.waitUntil(lambda: pad.mode == ASKING, timeout=WAIT_MS)
    pad.controller.idle_timeout_ms = 30_000  # the citizen takes their time
    pad.controller.touched()
    qtbot.mouseClick(pad.ask.buttons["unsatisfied"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.mode == REASONS, timeout=WAIT_MS)
    assert [b.property("reason") for b in pad.reasons.buttons][:2] == [
        "Thái độ phục vụ chưa tốt",
        "Thời gian chờ quá lâu",
    ]
    for i in (0, 1):
        qtbot.mouseClick(pad.reasons.buttons[i], Qt.MouseButton.LeftButton)
    assert pad.reasons.buttons[1].text().startswith("✓")
    qtbot.mouseClick(pad.reasons.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.mode == THANKS, timeout=WAIT_MS)
    assert pad.thanks.title.text() == "Xin cảm ơn quý công dân!"

    # The rating is in the counter's figures (worst of four levels = 1).
    stats = console.console_page.stats
    qtbot.waitUntil(lambda: stats.values["avg_rating"].text() == "1,0/4 (1 lượt)", timeout=WAIT_MS)
    r = live_server.api("GET", "/stats/today", live_server.admin_token)
    counter1 = next(c for c in r.json()["counters"] if c["counter_id"] == 1)
    assert counter1["rating_levels"]["unsatisfied"] == 1 and counter1["ratings"] == 1
    assert second["id"] in pad.controller.rated

    # Thanks, then idle again without a touch; English on the pad too.
    pad.controller.idle_timeout_ms = 300
    pad.controller.touched()
    qtbot.waitUntil(lambda: pad.mode == IDLE, timeout=WAIT_MS)
    qtbot.mouseClick(pad.language, Qt.MouseButton.LeftButton)
    assert pad.counter_label.text() == "Counter 1"
    assert pad.idle.caption.text() == "Welcome"

    # A "finish" the pad missed during a network cut is still asked when it catches up.
    pad.link.stream.stop()
    qtbot.waitUntil(lambda: pad.badge.state == "offline", timeout=WAIT_MS)
    _serve(qtbot, console, "1003")
    qtbot.waitUntil(lambda: current_number(console) is None, timeout=WAIT_MS)
    assert pad.mode == IDLE
    pad.controller.idle_timeout_ms = 30_000
    pad.link.stream.start()
    qtbot.waitUntil(lambda: pad.mode == ASKING, timeout=WAIT_MS)
    assert pad.ask.ticket.text() == "Number 1003 · Counter 1"


def test_pad_says_calling_then_serving_and_shows_its_connection(
    qtbot, live_server, open_console, make_pad
):
    issue(live_server)
    pad = make_pad()
    # The badge is a word on the pill, not an empty pill.
    assert pad.badge.state == "online" and pad.badge.text() == "Đã kết nối"
    assert pad.badge._label.isVisible()
    console = open_console(1)
    act(qtbot, console, "call-next")
    # Called: the citizen is invited, not yet served.
    qtbot.waitUntil(lambda: pad.idle.number.text() == "1001", timeout=WAIT_MS)
    assert pad.idle.caption.text() == "Mời công dân số"
    act(qtbot, console, "start")
    qtbot.waitUntil(lambda: pad.idle.caption.text() == "Đang phục vụ số", timeout=WAIT_MS)
    assert pad.idle.number.text() == "1001"
