"""`HeaderBar`: the centre's name, the date and the clock, and the discreet link state.

The clock shows the centre's time zone (catalog.timezone), not the TV's: a display PC
left on UTC must not show the wrong hour to the hall.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from clientkit import centre_time, i18n, theme
from clientkit.widgets import ConnectionBadge
from display_app import painting, strings

Clock = Callable[[ZoneInfo | None], datetime]


def system_clock(zone: ZoneInfo | None) -> datetime:
    return centre_time.now(zone)  # the catalog's zone, else the centre's (not the TV's)


class HeaderBar(QWidget):
    """Centre name on the left; badge, date and time on the right."""

    def __init__(self, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.centre = ""
        self.muted_note = False
        self._clock = clock
        self._zone: ZoneInfo | None = None
        self.badge = ConnectionBadge(quiet_when_online=True, parent=self)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._shown = ""

    # ---- inputs ------------------------------------------------------------------------

    def set_centre(self, name: str) -> None:
        self.centre = name
        self.update()

    def set_timezone(self, name: str | None) -> None:
        try:
            self._zone = ZoneInfo(name) if name else None
        except (ZoneInfoNotFoundError, ValueError):
            self._zone = None  # the PC's own zone: better than no clock
        self._tick()

    def set_connection(self, state: str) -> None:
        """ "online" / "connecting" / "offline": the badge grows a word when not online."""
        self.badge.set_state(state)
        self._place_badge()
        self.update()

    def set_muted_note(self, muted: bool) -> None:
        self.muted_note = muted
        self._place_badge()
        self.update()

    def retranslate(self) -> None:
        self._shown = ""
        self._tick()

    def now(self) -> datetime:
        return self._clock(self._zone)

    def date_text(self) -> str:
        return strings.format_date(self.now())

    def clock_text(self) -> str:
        return strings.format_clock(self.now())

    # ---- drawing -----------------------------------------------------------------------

    def _tick(self) -> None:
        shown = self.date_text() + self.clock_text()
        if shown != self._shown:  # repaint once a minute, not every second
            self._shown = shown
            self._place_badge()
            self.update()

    def _parts(self) -> tuple[QRect, QRect, QRect, QRect]:
        """(name, muted note, date, clock) rectangles."""
        r = self.rect()
        pad = int(r.height() * 0.25)
        clock_font, date_font = self._fonts()
        clock_w = QFontMetrics(clock_font).horizontalAdvance("00:00") + pad
        date_w = QFontMetrics(date_font).horizontalAdvance(self.date_text()) + pad
        clock = QRect(r.right() - pad - clock_w, 0, clock_w, r.height())
        date = QRect(clock.left() - date_w, 0, date_w, r.height())
        note_w = 0
        if self.muted_note:
            note_w = QFontMetrics(self._note_font()).horizontalAdvance(i18n.tr("display.muted"))
        badge_left = date.left() - self.badge.width()
        note = QRect(badge_left - note_w, 0, note_w, r.height())
        name = QRect(pad, 0, max(0, note.left() - 2 * pad), r.height())
        return name, note, date, clock

    def _note_font(self) -> QFont:
        return theme.font(max(theme.Sizes.SMALL, int(self.height() * 0.2)))

    def _fonts(self) -> tuple[QFont, QFont]:
        h = self.height()
        return theme.font(int(h * 0.58), bold=True), theme.font(int(h * 0.34))

    def _place_badge(self) -> None:
        self.badge.adjustSize()
        _, _, date, _ = self._parts()
        self.badge.move(
            date.left() - self.badge.width(), (self.height() - self.badge.height()) // 2
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_badge()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor(c.surface))
        name, note, date, clock = self._parts()
        clock_font, date_font = self._fonts()
        name_font = painting.fit(
            self.centre or " ",
            name.width(),
            int(self.height() * 0.5),
            max_px=int(self.height() * 0.42),
        )
        painting.draw_text(painter, name, self.centre, name_font, c.text, painting.ALIGN_LEFT)
        painting.draw_text(
            painter, date, self.date_text(), date_font, c.muted, painting.ALIGN_RIGHT
        )
        painting.draw_text(
            painter, clock, self.clock_text(), clock_font, c.text, painting.ALIGN_RIGHT
        )
        if self.muted_note:
            painting.draw_text(
                painter,
                note,
                i18n.tr("display.muted"),
                self._note_font(),
                c.muted,
                painting.ALIGN_RIGHT,
            )
        painter.end()
