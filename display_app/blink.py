"""`Blinker`: the on/off rhythm of a fresh call, for a few seconds, then steady.

One blinker per screen, shared by the "now calling" panel and the called counter's tile,
so both flash in step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

DEFAULT_BLINK_S = 6.0
PERIOD_MS = 500  # twice a second: noticed from across the hall, not a strobe


class Blinker(QObject):
    """`start()` blinks for `duration_s`; `phase` is True in the bright half.

    Signals:
        changed(): phase or activity changed — repaint.
    """

    changed = Signal()

    def __init__(self, duration_s: float = DEFAULT_BLINK_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration_s = duration_s
        self._phase = False
        self._tick = QTimer(self)
        self._tick.setInterval(PERIOD_MS)
        self._tick.timeout.connect(self._toggle)
        self._end = QTimer(self)
        self._end.setSingleShot(True)
        self._end.timeout.connect(self.stop)

    @property
    def active(self) -> bool:
        return self._end.isActive()

    @property
    def phase(self) -> bool:
        """True while blinking and in the bright half of the period."""
        return self.active and self._phase

    def start(self) -> None:
        """(Re)start: a recall blinks again from the beginning."""
        self._phase = True
        self._tick.start()
        self._end.start(int(self.duration_s * 1000))
        self.changed.emit()

    def stop(self) -> None:
        self._tick.stop()
        self._end.stop()
        self._phase = False
        self.changed.emit()

    def _toggle(self) -> None:
        self._phase = not self._phase
        self.changed.emit()
