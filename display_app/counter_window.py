"""`CounterTopWindow`: the small screen above one counter — its number and the ticket
being served, as large as the screen allows; "Tạm nghỉ" when the counter is paused.

    ┌──────── QUẦY 5 ────────┐   band: counter number (and its fields, small)
    │                        │
    │          1023          │   the ticket, or Tạm nghỉ / Đóng / —
    └────────────────────────┘

Silent by default (the hall TV announces); blinks when this counter calls.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from clientkit.session import ServerLink
from clientkit.widgets import ConnectionBadge
from display_app import painting
from display_app.blink import DEFAULT_BLINK_S, Blinker
from display_app.calls import CallAnnouncer
from display_app.keys import handle_key
from display_app.views import Names, TileState, TileView, tile_view
from protocol import RecentCall

BAND = 0.26  # of the height: the counter's number


class CounterTopWindow(QWidget):
    """One counter's screen. `view` is what it shows (None until the state is loaded or
    when the server has no such counter)."""

    def __init__(
        self,
        link: ServerLink,
        counter_id: int,
        *,
        announcer: CallAnnouncer | None = None,
        blink_s: float = DEFAULT_BLINK_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counter-top")
        self.setWindowTitle(f"MotCua — quầy {counter_id}")
        self.link = link
        self.counter_id = counter_id
        self.announcer = announcer
        self.view: TileView | None = None
        self.blinker = Blinker(blink_s, self)
        self.badge = ConnectionBadge(link.connection, quiet_when_online=True, parent=self)
        self.setMinimumSize(320, 180)

        link.state.snapshot_loaded.connect(self.refresh)
        link.state.counters_changed.connect(self._on_counters)
        link.state.called.connect(self._on_called)
        link.catalog_changed.connect(self.refresh)
        link.connection_changed.connect(self._on_connection)
        self.blinker.changed.connect(self.update)
        i18n.notifier().language_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        counter = self.link.state.model.counter(self.counter_id)
        names = Names(self.link.catalog, self.link.state.model)
        view = tile_view(counter, names) if counter is not None else None
        if view != self.view:
            self.view = view
        self.update()

    def big_text(self) -> str:
        """The text in the middle, as painted."""
        if self.view is not None:
            return self.view.big_text
        if self.link.state.loaded:
            return i18n.tr("display.unknown_counter", n=self.counter_id)
        return i18n.tr("display.loading")

    def pause_reason(self) -> str:
        """Why the counter is paused ("Họp"), as the clerk chose it; "" otherwise."""
        counter = self.link.state.model.counter(self.counter_id)
        if self.view is None or self.view.state != TileState.PAUSED or counter is None:
            return ""
        return counter.pause_reason or ""

    def _on_counters(self, ids: list[int]) -> None:
        if self.counter_id in ids:
            self.refresh()

    def _on_called(self, call: RecentCall, live: bool) -> None:
        if live and call.counter_id == self.counter_id:
            self.blinker.start()

    # ---- Qt ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not handle_key(self, event, self.announcer):
            super().keyPressEvent(event)

    def _on_connection(self, state: str) -> None:
        self.badge.set_state(state)
        self._place_badge()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_badge()

    def _place_badge(self) -> None:
        self.badge.adjustSize()
        pad = max(4, self.height() // 60)
        self.badge.move(
            self.width() - self.badge.width() - pad, self.height() - self.badge.height() - pad
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = self.rect()
        view = self.view
        state = view.state if view is not None else TileState.IDLE
        # Blink only while a number is shown: "Tạm nghỉ" on yellow would be unreadable.
        flash = self.blinker.phase and view is not None and bool(view.number)
        painting.panel(painter, rect, c.highlight if flash else c.background)

        band_h = int(rect.height() * BAND)
        band = QRect(0, 0, rect.width(), band_h)
        band_fill, band_text = {
            TileState.PAUSED: (c.warning, c.on_accent),
            TileState.CLOSED: (c.border, c.muted),
        }.get(state, (c.primary, c.on_primary))
        painting.panel(painter, band, band_fill)
        title = i18n.tr("display.counter_caps", n=self.counter_id)
        pad = int(rect.width() * 0.04)
        title_r = band.adjusted(pad, 0, -pad, 0)
        fields = view.fields if view is not None else ""
        if fields:
            title_r, fields_r = painting.rows(title_r, 0.72)
            painting.draw_text(
                painter,
                fields_r.adjusted(0, 0, 0, -band_h // 12),
                fields,
                theme.font(int(fields_r.height() * 0.62)),
                band_text,
            )
        painting.draw_text(
            painter,
            title_r,
            title,
            painting.fit(title, title_r.width(), int(title_r.height() * 0.8)),
            band_text,
        )

        body = QRect(0, band_h, rect.width(), rect.height() - band_h)
        body = painting.inset(body, 0.06)
        text = self.big_text()
        if view is not None and view.number:
            font = painting.fit(text, body.width(), body.height(), condensed=True)
            color = c.on_accent if flash else (c.highlight if state == TileState.CALLED else c.text)
            painting.draw_text(painter, body, text, font, color)
        else:
            color = {TileState.PAUSED: c.warning}.get(state, c.muted)
            reason = self.pause_reason()
            main, note = painting.rows(body, 0.7) if reason else (body, None)
            font = painting.fit(text, main.width(), int(body.height() * 0.5))
            painting.draw_text(painter, main, text, font, color)
            if note is not None:
                note_font = painting.fit(
                    reason,
                    note.width(),
                    int(note.height() * 0.6),
                    bold=False,
                    max_px=font.pixelSize() // 3,
                )
                painting.draw_text(painter, note, reason, note_font, c.muted)
        painter.end()
