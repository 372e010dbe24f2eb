"""Screens as the hall sees them, in both languages and the usual TV sizes.

PNGs go to $MOTCUA_SCREENSHOT_DIR (or the test's temp folder): open them and look. The
test also checks what must be true on every one of them.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from clientkit import i18n
from display_app.views import TileState
from tests.display_app.helpers import WAIT_MS, busy_hall

SAMPLE_TICKETS = {
    "dat-dai": 9,
    "xay-dung": 3,
    "dang-ky-kinh-doanh": 5,
    "tu-phap": 4,
    "lao-dong-tbxh": 3,
    "giao-thong-van-tai": 2,
    "ke-hoach-dau-tu": 1,
    "tai-chinh": 2,
    "y-te": 1,
    "noi-vu": 2,
    "cu-tru-can-cuoc": 12,
}
BIG_TICKETS = {
    "dat-dai": 10,
    "xay-dung": 6,
    "dang-ky-kinh-doanh": 6,
    "tu-phap": 5,
    "lao-dong-tbxh": 4,
    "giao-thong-van-tai": 3,
    "tai-nguyen-moi-truong": 1,
    "ke-hoach-dau-tu": 3,
    "cu-tru-can-cuoc": 16,
}


def fixed_clock(zone: ZoneInfo | None) -> datetime:
    return datetime(2025, 7, 14, 9, 41, tzinfo=zone)


def out_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MOTCUA_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def grab_both_languages(qtbot, window, name: str, folder: Path) -> list[Path]:  # noqa: ANN001
    saved = []
    for lang in ("vi", "en"):
        i18n.set_language(lang)
        qtbot.wait(50)
        path = folder / f"display_{name}_{lang}.png"
        assert window.grab().save(str(path))
        saved.append(path)
    i18n.set_language("vi")
    return saved


@pytest.mark.parametrize("which", ["sample21", "big40"])
def test_hall_screenshots(which, qtbot, request, open_display, tmp_path):  # noqa: ANN001
    srv = request.getfixturevalue("live_server" if which == "sample21" else "big_server")
    counters, tickets = (21, SAMPLE_TICKETS) if which == "sample21" else (40, BIG_TICKETS)
    closed, paused = ({16, 19}, {6, 14}) if counters == 21 else ({8, 24, 35, 36}, {4, 15, 30})
    run = open_display(srv, blink_s=30.0, clock=fixed_clock)
    folder = out_dir(tmp_path)
    if which == "sample21":  # opening time: every counter closed, nobody called yet
        assert run.window.latest.texts()[3] == "Chưa gọi số nào"
        grab_both_languages(qtbot, run.window, "hall_empty_1280x720", folder)
    fresh = busy_hall(run.centre, counters, tickets, closed=closed, paused=paused, fresh=3)
    window = run.window
    qtbot.waitUntil(
        lambda: window.latest.call is not None and window.latest.call.number == fresh,
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: window.blinker.phase, timeout=WAIT_MS)  # bright half
    sizes = [(1280, 720), (1920, 1080)] + ([(3840, 2160)] if which == "sample21" else [])
    for size in sizes:
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.board.width() > 0 and window.width() == s[0])
        qtbot.waitUntil(lambda: window.blinker.phase, timeout=WAIT_MS)
        assert len(window.board.tiles) == counters
        states = {t.view.state for t in window.board.tiles.values()}
        assert {TileState.SERVING, TileState.CALLED, TileState.PAUSED, TileState.CLOSED} <= states
        for path in grab_both_languages(qtbot, window, f"hall_{which}_{size[0]}x{size[1]}", folder):
            assert path.stat().st_size > 10_000
    if which == "sample21":  # the server is gone: the screen stays, the badge says so
        srv.stop()
        qtbot.waitUntil(lambda: window.header.badge.state == "offline", timeout=WAIT_MS)
        grab_both_languages(qtbot, window, "hall_offline_1920x1080", folder)


def test_counter_top_screenshots(qtbot, live_server, open_display, tmp_path):  # noqa: ANN001
    folder = out_dir(tmp_path)
    run = open_display(live_server, mode="counter", counter_id=5, size=(1024, 600), muted=True)
    run.centre.issue("dang-ky-kinh-doanh", 2)
    run.centre.open(5)
    number = run.centre.call_next(5)
    run.centre.start(5)
    qtbot.waitUntil(lambda: run.window.big_text() == number, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not run.window.blinker.active, timeout=WAIT_MS)  # steady look
    grab_both_languages(qtbot, run.window, "counter_serving_1024x600", folder)
    run.centre.finish(5)
    run.centre.pause(5)
    qtbot.waitUntil(lambda: run.window.view.state == TileState.PAUSED, timeout=WAIT_MS)
    grab_both_languages(qtbot, run.window, "counter_paused_1024x600", folder)
    run.window.resize(1920, 1080)
    qtbot.wait(50)
    grab_both_languages(qtbot, run.window, "counter_paused_1920x1080", folder)
