"""Start the touch kiosk: `motcua kiosk --server URL --token T --printer URL --paper 80`.

Also `python -m kiosk_app.main --server … --token …` (the demo starts it that way).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clientkit import i18n
from clientkit.qtapp import make_app, show_fullscreen_or_window
from kiosk_app import strings
from kiosk_app.service.controller import KioskController
from kiosk_app.settings import Timings, resolve_config
from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)


def build(
    server: str | None,
    token: str | None,
    printer: str | None,
    paper_mm: int | None,
    language: str | None,
    timings: Timings | None = None,
    *,
    admin_pin: str | None = None,
    labels: dict[str, str] | None = None,
) -> tuple[KioskController, KioskWindow]:
    """Controller and window, not started or shown (tests and screenshots use this).
    None = not given on the command line: the value saved on the kiosk, else the default."""
    strings.register()
    config = resolve_config(
        server, token, printer, paper_mm, language, admin_pin=admin_pin, labels=labels
    )
    i18n.set_language(config.language)
    controller = KioskController(config, timings)
    window = KioskWindow(controller)
    return controller, window


def run(
    server: str | None,
    token: str | None,
    printer: str | None,
    paper_mm: int | None,
    fullscreen: bool,
    language: str | None,
    *,
    admin_pin: str | None = None,
    labels: dict[str, str] | None = None,
) -> int:
    """Run the kiosk until staff quit it from the settings (or the OS stops it)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = make_app(sys.argv[:1], name="MotCua Kiosk")
    controller, window = build(
        server, token, printer, paper_mm, language, admin_pin=admin_pin, labels=labels
    )
    if fullscreen:
        # No title bar, always on top: a citizen cannot leave the kiosk app.
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
    window.exit_requested.connect(app.quit)
    _quit_on_signals(app, window)
    show_fullscreen_or_window(window, fullscreen, size=(1280, 800))
    controller.start()
    code = app.exec()
    window.may_close = True
    controller.stop()
    return int(code)


def _quit_on_signals(app: QApplication, window: KioskWindow) -> None:
    """SIGTERM (systemd, `motcua demo`) and Ctrl+C end the kiosk. Qt's quit first asks
    every window to close, and the kiosk window refuses anyone but staff, so the
    handlers make_app installed would do nothing here: let the window go first."""

    def stop(*_: object) -> None:
        window.may_close = True
        app.quit()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="MotCua touch kiosk")
    parser.add_argument("--server", required=True)
    parser.add_argument("--token")
    parser.add_argument("--printer")
    parser.add_argument("--paper", type=int, choices=(58, 80))
    parser.add_argument("--fullscreen", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--lang", choices=("vi", "en"))
    parser.add_argument("--admin-pin")
    args = parser.parse_args(argv)
    return run(
        args.server,
        args.token,
        args.printer,
        args.paper,
        args.fullscreen,
        args.lang,
        admin_pin=args.admin_pin,
    )


if __name__ == "__main__":
    sys.exit(main())
