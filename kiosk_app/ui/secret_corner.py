"""`SecretCorner`: N quick taps on the top-left corner open the staff PIN screen.

An invisible widget over the corner of the header (the centre's name is there, which
does nothing when touched). Nothing shows it: citizens must not find the settings,
and staff are told the gesture. The header stays above the outage screen, so it works
then too — when staff most need to fix the server address.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

CORNER_PX = 140  # wide; as high as the header (the window sets it)


class SecretCorner(QWidget):
    """Signals: triggered() after `taps` presses within `window_s` seconds."""

    triggered = Signal()

    def __init__(self, parent: QWidget, taps: int = 5, window_s: float = 4.0) -> None:
        super().__init__(parent)
        self.taps = taps
        self.window_s = window_s
        self._times: list[float] = []
        self.setGeometry(0, 0, CORNER_PX, CORNER_PX)
        self.raise_()

    def tap(self) -> None:
        now = time.monotonic()
        self._times = [t for t in self._times if now - t <= self.window_s] + [now]
        if len(self._times) >= self.taps:
            self._times = []
            self.triggered.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.tap()
