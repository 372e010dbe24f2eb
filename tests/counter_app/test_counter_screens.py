"""Every screen of the console and the rating pad, driven for real and saved as PNG in
both languages at 1366×768 and 1920×1080 (`python -m counter_app.screenshots DIR`).

Besides the pictures, it checks what a picture cannot: that each screen's layout fits
the smaller size (no widget squeezed below its minimum, so nothing is clipped)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from counter_app.pad.controller import ASKING, IDLE, REASONS, THANKS
from counter_app.screenshots import ENV_DIR, SIZES, save_all
from tests.counter_app.conftest import WAIT_MS, act, click, issue, log_in


def _fits(window: QWidget) -> None:
    hint = window.minimumSizeHint()
    width, height = SIZES[0]
    assert hint.width() <= width and hint.height() <= height, (hint, window)


def test_every_screen_in_both_languages_and_sizes(
    qtbot, live_server, make_console, make_pad, tmp_path
):
    folder = Path(os.environ.get(ENV_DIR) or tmp_path)
    for _ in range(2):
        issue(live_server)
    issue(live_server, priority="elderly")
    for _ in range(3):
        issue(live_server)
    pad = make_pad()
    console = make_console(counter_id=1, username="canbo1")
    shots: list[Path] = []

    def shoot(window: QWidget, app: str, screen: str) -> None:
        _fits(window)
        shots.extend(save_all(window, folder, app, screen))
        _fits(window)  # back at the small size after the big one: it shrank again

    shoot(console, "console", "login")
    shoot(pad, "pad", "idle_closed")
    log_in(qtbot, console, "canbo1", 1, live_server.password)

    # One citizen served and rated (low, with a reason), one no-show: figures to show.
    act(qtbot, console, "call-next")
    act(qtbot, console, "start")
    act(qtbot, console, "finish")
    qtbot.waitUntil(lambda: pad.mode == ASKING, timeout=WAIT_MS)
    shoot(pad, "pad", "asking")
    click(qtbot, pad.ask.buttons["unsatisfied"])
    qtbot.waitUntil(lambda: pad.mode == REASONS, timeout=WAIT_MS)
    click(qtbot, pad.reasons.buttons[1])
    shoot(pad, "pad", "reasons")
    click(qtbot, pad.reasons.submit)
    qtbot.waitUntil(lambda: pad.mode == THANKS, timeout=WAIT_MS)
    shoot(pad, "pad", "thanks")
    pad.controller.reset()
    qtbot.waitUntil(lambda: pad.mode == IDLE, timeout=WAIT_MS)

    act(qtbot, console, "call-next")
    page = console.console_page
    qtbot.waitUntil(lambda: bool(page.ticket_panel.note.text()), timeout=WAIT_MS)
    page.toast.hide()
    shoot(console, "console", "called")  # "recall once before a no-show"
    act(qtbot, console, "recall")
    act(qtbot, console, "no-show")
    qtbot.waitUntil(page.noshow_sheet.isVisible, timeout=WAIT_MS)
    page.toast.hide()
    shoot(console, "console", "noshow")
    qtbot.keyClick(page.noshow_sheet, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            len(page.lists.noshows) == 1
            and page.stats.stats is not None
            and page.stats.stats.ratings == 1
            and page.stats.stats.no_shows == 1
            and len(page.lists.waiting) == 4
        ),
        timeout=WAIT_MS,
    )
    page.toast.hide()
    shoot(console, "console", "idle")
    # A counter pauses between citizens; Enter without choosing asks for a reason.
    act(qtbot, console, "pause")
    qtbot.waitUntil(page.pause_sheet.isVisible, timeout=WAIT_MS)
    shoot(console, "console", "pause")
    page.pause_sheet.reasons.clearSelection()
    qtbot.keyClick(page.pause_sheet, Qt.Key.Key_Return)
    shoot(console, "console", "pause_error")
    qtbot.keyClick(page.pause_sheet, Qt.Key.Key_Escape)

    act(qtbot, console, "call-next")
    act(qtbot, console, "start")
    qtbot.waitUntil(lambda: page.actions.button("finish").isEnabled(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(page.lists.waiting) == 3, timeout=WAIT_MS)
    shoot(console, "console", "ticket")
    qtbot.waitUntil(lambda: bool(pad.idle.number.text()), timeout=WAIT_MS)
    shoot(pad, "pad", "idle_serving")

    for action, sheet, name in (
        ("transfer", page.transfer_sheet, "transfer"),
        ("close", page.close_sheet, "close"),
    ):
        act(qtbot, console, action)
        qtbot.waitUntil(sheet.isVisible, timeout=WAIT_MS)
        shoot(console, "console", name)
        qtbot.keyClick(sheet, Qt.Key.Key_Escape)
        assert not sheet.isVisible()

    # The server goes away: the console says so and locks its buttons.
    live_server.stop()
    qtbot.waitUntil(page.banner.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pad.badge.state == "offline", timeout=WAIT_MS)
    assert not page.actions.button("finish").isEnabled()
    shoot(console, "console", "offline")
    shoot(pad, "pad", "offline")

    assert len(shots) == 16 * len(SIZES) * 2
    assert all(p.stat().st_size > 10_000 for p in shots)
