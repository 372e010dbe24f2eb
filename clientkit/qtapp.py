"""Start a MotCua Qt app: `make_app` and `show_fullscreen_or_window`.

app = make_app(sys.argv, dark=True)          # fonts + theme applied
window = HallWindow(link)
show_fullscreen_or_window(window, fullscreen=not args.windowed)
sys.exit(app.exec())
"""

from __future__ import annotations

import signal
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from clientkit import theme


def make_app(
    argv: Sequence[str] | None = None,
    *,
    dark: bool = False,
    name: str = "MotCua",
    quit_on_sigint: bool = True,
) -> QApplication:
    """The QApplication (the existing one if there is one, as under pytest-qt), with the
    shipped fonts registered and the theme applied (`dark` for the hall TV).

    `quit_on_sigint`: Ctrl+C / SIGINT / SIGTERM quit the app cleanly — Qt's loop
    otherwise keeps Python from seeing the signal (systemd stops kiosks with SIGTERM).
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else [])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("MotCua")
    QCoreApplication.setApplicationName(name)
    theme.apply_theme(app, theme.DARK if dark else theme.LIGHT)
    if quit_on_sigint:
        _quit_on_signals(app)
    return app


def show_fullscreen_or_window(
    widget: QWidget,
    fullscreen: bool,
    *,
    size: tuple[int, int] = (1280, 800),
    hide_cursor: bool = False,
) -> None:
    """Show full screen on the device, or as a `size` window for development.

    `hide_cursor`: for a TV with no pointer (a kiosk keeps it: some touch screens
    behave as mice and a hidden cursor confuses maintenance staff)."""
    if hide_cursor:
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    if fullscreen:
        widget.showFullScreen()
    else:
        widget.resize(*size)
        widget.show()


def _quit_on_signals(app: QApplication) -> None:
    if app.findChild(QTimer, "motcua-signal-pump") is not None:
        return  # make_app called twice
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    # Python runs signal handlers only between bytecodes; a timer gives it the chance
    # while Qt's C++ loop is waiting.
    timer = QTimer(app)
    timer.setObjectName("motcua-signal-pump")
    timer.timeout.connect(lambda: None)
    timer.start(250)
