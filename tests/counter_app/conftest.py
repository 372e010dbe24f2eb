"""Fixtures for the counter console and rating pad against a real server process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clientkit import i18n
from clientkit.qtapp import make_app
from clientkit.session import ServerLink
from counter_app.console.rules import SHORTCUTS, Action
from counter_app.console.window import ConsoleWindow
from counter_app.pad.window import RatingPadWindow
from motcua.demo import SAMPLE
from tests.support.live_server import serving

WAIT_MS = 15_000
SIZE = (1366, 768)
# The sample centre, with a no-show allowed 2 s (not a minute) after one recall: the
# rule as a clerk meets it, at the pace of a test.
NO_SHOW_AFTER_S = 2


@pytest.fixture(scope="session")
def counter_centre(tmp_path_factory) -> Path:
    cfg = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    cfg |= {"no_show_after_s": NO_SHOW_AFTER_S, "no_show_after_recalls": 1}
    path = tmp_path_factory.mktemp("centre") / "counter-centre.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def live_server(tmp_path: Path, counter_centre: Path):  # type: ignore[no-untyped-def]
    with serving("sqlite", tmp_path, config=counter_centre, in_thread=True) as srv:
        yield srv


@pytest.fixture(autouse=True)
def vietnamese(qapp) -> Iterator[None]:
    """The apps' look (shipped fonts, theme), and every test starts (and leaves the
    next one) in Vietnamese."""
    make_app(quit_on_sigint=False)
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


@pytest.fixture
def make_console(qtbot, live_server) -> Iterator[Callable[..., ConsoleWindow]]:
    """`make_console()` → a shown console window on the log-in page."""
    links: list[ServerLink] = []

    def make(
        counter_id: int | None = None, username: str | None = None, url: str | None = None
    ) -> ConsoleWindow:
        link = ServerLink(url or live_server.url, stream_backoff=(0.2, 1.0))
        links.append(link)
        window = ConsoleWindow(link, counter_id=counter_id, username=username)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for link in links:
        link.stop()


def log_in(qtbot, console: ConsoleWindow, username: str, counter_id: int, password: str) -> None:
    """Type into the real log-in form and press Enter; wait for the working console."""
    page = console.login_page
    page.username.setText(username)
    page.password.setText(password)
    page.counter.setText(str(counter_id))
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.pages.currentWidget() is console.console_page, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.session.ready, timeout=WAIT_MS)


@pytest.fixture
def open_console(make_console, qtbot, live_server) -> Callable[[int], ConsoleWindow]:
    """`open_console(n)` → console of counter n, logged in as canbo{n}, ready."""

    def make(counter_id: int) -> ConsoleWindow:
        console = make_console()
        log_in(qtbot, console, f"canbo{counter_id}", counter_id, live_server.password)
        return console

    return make


@pytest.fixture
def make_pad(qtbot, live_server) -> Iterator[Callable[..., RatingPadWindow]]:
    links: list[ServerLink] = []

    def make(idle_timeout_ms: int = 30_000) -> RatingPadWindow:
        link = ServerLink(live_server.url, live_server.rating_token, stream_backoff=(0.2, 1.0))
        links.append(link)
        pad = RatingPadWindow(link, 1, idle_timeout_ms=idle_timeout_ms)
        qtbot.addWidget(pad)
        pad.resize(1280, 800)
        pad.show()
        qtbot.waitExposed(pad)
        link.start()
        qtbot.waitUntil(
            lambda: link.connection == "online" and bool(pad.ask.buttons), timeout=WAIT_MS
        )
        return pad

    yield make
    for link in links:
        link.stop()


def issue(live_server, service: str = "dat-dai", priority: str | None = None) -> dict:
    body = {"service_id": service}
    if priority:
        body["priority"] = priority
    r = live_server.api("POST", "/tickets", live_server.kiosk_token, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def current_number(console: ConsoleWindow) -> str | None:
    counter = console.session.counter
    return counter.current.number if counter and counter.current else None


def press(qtbot, console: ConsoleWindow, key: Qt.Key) -> None:
    """A keypad press on the console. F-keys are window shortcuts: they act in the
    active window only (two consoles run side by side in these tests)."""
    if QApplication.activeWindow() is not console:
        console.activateWindow()
        assert QTest.qWaitForWindowActive(console, 5000)
    target = QApplication.focusWidget() or console
    qtbot.keyClick(target, key)


def act(qtbot, console: ConsoleWindow, action: str) -> None:
    """Wait until the action's button is enabled (as a clerk would), then press its
    F-key on the keypad."""
    page = console.console_page
    button = (
        page.lists.call_button
        if action == Action.CALL
        else page.lists.return_button
        if action == Action.RETURN
        else page.actions.button(action)
    )
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    # A shortcut "animates" the click: the button fires ~0.1 s after the key.
    with qtbot.waitSignal(button.clicked, timeout=WAIT_MS):
        press(qtbot, console, _KEYS[SHORTCUTS[Action(action)]])


def no_show(qtbot, console: ConsoleWindow) -> None:
    """As a clerk does it: recall (F2), wait until F5 wakes up, F5, then Enter on the
    "record as no-show?" question."""
    page = console.console_page
    act(qtbot, console, "recall")
    act(qtbot, console, "no-show")
    qtbot.waitUntil(page.noshow_sheet.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(page.noshow_sheet, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current_number(console) is None, timeout=WAIT_MS)


_KEYS = {f"F{n}": getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)}


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def server_state(live_server) -> dict:
    r = live_server.api("GET", "/state", live_server.display_token)
    assert r.status_code == 200, r.text
    return r.json()


def server_counter(live_server, counter_id: int) -> dict:
    return next(c for c in server_state(live_server)["counters"] if c["id"] == counter_id)


def server_ticket(live_server, ticket_id: int) -> dict:
    r = live_server.api("GET", f"/tickets/{ticket_id}", live_server.admin_token)
    assert r.status_code == 200, r.text
    return r.json()
