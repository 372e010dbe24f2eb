"""Driving the real kiosk window in tests: build it against a live server, tap, wait."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from clientkit.device_config import DeviceConfig
from clientkit.qtapp import make_app
from kiosk_app import strings
from kiosk_app.service.controller import KioskController
from kiosk_app.service.print_runner import PrintOutcome
from kiosk_app.settings import Timings
from kiosk_app.ui.window import KioskWindow
from motcua.demo import SAMPLE
from server.centre import load_centre_file
from server.commands.context import Context
from server.commands.setup import load_centre
from server.domain.clock import SystemClock
from server.store.db import open_database

WAIT_MS = 20_000

# Generous for the screens a test looks at, short for the network, so that a test
# never waits for real minutes and never races a timer it does not test.
TEST_TIMINGS: dict[str, Any] = {
    "ticket_home_s": 120.0,
    "ticket_failed_home_s": 120.0,
    "message_home_s": 120.0,
    "idle_home_s": 120.0,
    "state_refresh_s": 60.0,
    "outage_grace_s": 0.3,
    "api_attempts": 3,
    "api_backoff": (0.2, 0.5),
    "stream_backoff": (0.2, 1.0),
    "pin_lock_s": 1.0,
}


@dataclass
class Kiosk:
    window: KioskWindow
    controller: KioskController
    config: DeviceConfig
    prints: list[PrintOutcome] = field(default_factory=list)


def build_kiosk(
    url: str,
    token: str,
    config_path: Path,
    *,
    printer: str = "dummy://",
    size: tuple[int, int] = (1920, 1080),
    **timings: Any,
) -> Kiosk:
    make_app(
        quit_on_sigint=False
    )  # the QApplication pytest-qt made, with the kiosk's fonts and theme
    strings.register()
    config = DeviceConfig(
        server_url=url, token=token, printer_url=printer, paper_width_mm=80, path=config_path
    )
    controller = KioskController(config, Timings(**{**TEST_TIMINGS, **timings}))
    window = KioskWindow(controller)
    kiosk = Kiosk(window, controller, config)
    controller.print_finished.connect(kiosk.prints.append)
    window.resize(*size)
    window.show()
    controller.start()
    return kiosk


def close_kiosk(kiosk: Kiosk) -> None:
    kiosk.window.may_close = True
    kiosk.controller.stop()
    kiosk.window.close()
    kiosk.window.idle_watcher.remove()
    kiosk.window.deleteLater()


def tap(qtbot: Any, widget: QWidget) -> None:
    """A finger on the middle of `widget`, once it is shown and enabled (a widget
    just added to a layout is shown by Qt on the next turn of the event loop)."""
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=5_000)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def assert_touch_sized(widget: QWidget) -> None:
    """Every button shown in `widget` is at least 64 px both ways (the design rule)."""
    shown = [b for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    assert shown, f"no buttons shown in {widget!r}"
    for b in shown:
        assert min(b.width(), b.height()) >= 64, (b.text(), b.width(), b.height())


def tap_corner(qtbot: Any, kiosk: Kiosk, times: int = 5) -> None:
    for _ in range(times):
        qtbot.mouseClick(kiosk.window.secret, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def wait_ready(qtbot: Any, kiosk: Kiosk) -> None:
    w, c = kiosk.window, kiosk.controller
    qtbot.waitUntil(
        lambda: c.ready and c.connection == "online" and not w.outage.isVisible(),
        timeout=WAIT_MS,
    )


def take_number(qtbot: Any, kiosk: Kiosk, service_id: str, procedure_index: int = 0) -> None:
    """Home → field tile → a procedure → "LẤY SỐ" → the ticket screen."""
    w = kiosk.window
    tap(qtbot, w.home.tile(service_id))
    qtbot.waitUntil(lambda: w.current() is w.procedures, timeout=WAIT_MS)
    tap(qtbot, w.procedures.list.buttons[procedure_index])
    qtbot.waitUntil(lambda: w.current() is w.take, timeout=WAIT_MS)
    tap(qtbot, w.take.take_button)
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)


def server_state(live_server: Any) -> dict[str, Any]:
    r = live_server.api("GET", "/state", live_server.display_token)
    assert r.status_code == 200, r.text
    return dict(r.json())


def waiting_tickets(live_server: Any) -> list[dict[str, Any]]:
    return list(server_state(live_server)["waiting"])


def reconfigure(live_server: Any, **changes: Any) -> None:
    """What `motcua init` does with an edited centre file, on the live database."""
    cfg = load_centre_file(SAMPLE).model_copy(update={"enforce_hours": False})
    services = []
    for svc in cfg.services:
        services.append(svc.model_copy(update=changes.get(svc.id, {})))
    cfg = cfg.model_copy(update={"services": services, **changes.get("centre", {})})
    ctx = Context(db=open_database(live_server.db_url), clock=SystemClock())
    try:
        assert load_centre(ctx, cfg) == "updated"
    finally:
        ctx.db.dispose()
