"""`HallWindow`: the hall TV — every counter, the latest call, waiting counts, notice.

    ┌ centre name ─────────────────────────── • date  clock ┐
    │ NOW CALLING  │  counter tiles (all counters, one grid): │
    │   1023       │  the main content, numbers readable from │
    │ TO COUNTER 5 │  10 m (digits ≥ 40 mm on a 55″ TV)       │
    │ recent calls │                                          │
    │ waiting/field│                                          │
    └ scrolling notice ───────────────────────────────────────┘

Every size is a fraction of the window, so the same screen works from 1280×720 to
3840×2160. Through an outage the last state stays; the badge says "Mất kết nối".
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n
from clientkit.session import ServerLink
from display_app import painting, recent
from display_app.blink import DEFAULT_BLINK_S, Blinker
from display_app.board import CounterBoard
from display_app.calls import CallAnnouncer
from display_app.header import Clock, HeaderBar, system_clock
from display_app.keys import handle_key
from display_app.latest import LatestCallPanel
from display_app.recent import RecentCallsPanel
from display_app.ticker import NoticeTicker
from display_app.views import Names, latest_view, recent_views, tile_views, waiting_views
from display_app.waiting import WaitingPanel
from protocol import RecentCall

# Fractions of the window height / width.
HEADER, TICKER, MARGIN = 0.07, 0.05, 0.01
LEFT = 0.27
LEFT_CROWDED = 0.25  # above CROWDED counters the board needs the width more
CROWDED = 24
LATEST = 0.32  # of the left column; then the recent calls (as tall as their numbers
# need), the rest: waiting per field


class HallWindow(QWidget):
    """The hall screen for one `ServerLink`. Reads only `link.state.model` and
    `link.catalog`; never talks to the server itself.

    Args:
        blink_s: how long a fresh call blinks.
        clock: time source of the header (screenshots fix it).
        announcer: the voice, for the M / + / - keys and the "sound off" note.
    """

    def __init__(
        self,
        link: ServerLink,
        *,
        announcer: CallAnnouncer | None = None,
        blink_s: float = DEFAULT_BLINK_S,
        clock: Clock = system_clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hall")
        self.setWindowTitle("MotCua — màn hình sảnh")
        self.link = link
        self.announcer = announcer
        self.blinker = Blinker(blink_s, self)
        self.fresh: RecentCall | None = None  # the live call that blinks
        self.speaking: RecentCall | None = None  # the call the voice is saying now
        self.header = HeaderBar(clock, self)
        self.latest = LatestCallPanel(self)
        self.recent = RecentCallsPanel(parent=self)
        self.board = CounterBoard(self)
        self.waiting = WaitingPanel(self)
        self.ticker = NoticeTicker(self)
        self.setMinimumSize(640, 360)

        state = link.state
        state.snapshot_loaded.connect(self.refresh)
        state.counters_changed.connect(self._refresh_counters)
        state.services_changed.connect(self._refresh_waiting)
        state.waiting_changed.connect(self._refresh_waiting)
        state.called.connect(self._on_called)
        link.catalog_changed.connect(self._on_catalog)
        link.connection_changed.connect(self.header.set_connection)
        self.header.set_connection(link.connection)
        self.blinker.changed.connect(self._apply_highlight)
        i18n.notifier().language_changed.connect(self.retranslate)
        if announcer is not None:
            self.header.set_muted_note(announcer.muted)
            announcer.speaking.connect(self._on_speaking)
        self._on_catalog()
        self.refresh()

    # ---- state -> screen -----------------------------------------------------------------

    def names(self) -> Names:
        return Names(self.link.catalog, self.link.state.model)

    def refresh(self) -> None:
        self._refresh_counters()
        self._refresh_calls()
        self._refresh_waiting()

    def _refresh_counters(self, _ids: list[int] | None = None) -> None:
        before = len(self.board.tiles)
        self.board.set_views(tile_views(self.link.state.model, self.names()))
        if (before > CROWDED) != (len(self.board.tiles) > CROWDED):
            self._place_children()
        self._refresh_calls()  # the latest call may no longer stand (absent, paused)
        self._apply_highlight()

    def _refresh_calls(self) -> None:
        model, names = self.link.state.model, self.names()
        calls = recent_views(model, names)
        self.latest.set_loading(not self.link.state.loaded)
        latest = latest_view(model, names)
        self.latest.set_call(latest, over=bool(calls) and latest is None)
        self.recent.set_calls(calls[1:])

    def _refresh_waiting(self, _ids: list[str] | None = None) -> None:
        model = self.link.state.model
        self.waiting.set_items(waiting_views(model, self.names()), loaded=model.loaded)

    def _on_called(self, call: RecentCall, live: bool) -> None:
        self._refresh_calls()
        if live:
            self.fresh = call
            self.blinker.start()  # a recall blinks again from the start

    def _on_speaking(self, call: RecentCall | None) -> None:
        self.speaking = call
        self._apply_highlight()

    def _on_catalog(self) -> None:
        catalog = self.link.catalog
        if catalog is not None:
            self.header.set_centre(i18n.pick(catalog.name, catalog.name_en))
            self.header.set_timezone(catalog.timezone)
            self.ticker.set_text(catalog.notice)
        self.refresh()

    def _apply_highlight(self) -> None:
        fresh = self.fresh if self.blinker.active else None
        latest = self.latest.call
        # The big panel blinks only while it still shows the fresh call.
        same = fresh is not None and latest is not None and latest.ticket_id == fresh.ticket_id
        self.latest.set_flash(same and self.blinker.phase)
        # The tile lit is the call the voice is saying (in a burst the voice is behind
        # the screen: the hall must see which number it hears), else the fresh call's
        # tile blinks. Only while the tile still shows that ticket (not once paused).
        said = self.speaking
        target = said or fresh
        tile = self.board.tile(target.counter_id) if target else None
        lit = tile is not None and target is not None and tile.view.number == target.number
        flash = self.blinker.phase and target is fresh
        self.board.set_highlight(target.counter_id if lit and target else None, flash)
        self.board.set_speaking(said.counter_id if said and lit else None)
        self.recent.set_speaking(said.ticket_id if said else None)

    def retranslate(self, *_: object) -> None:
        self._on_catalog()
        self.header.retranslate()
        self.board.retranslate()
        self.update()

    def set_muted_note(self, muted: bool) -> None:
        self.header.set_muted_note(muted)

    # ---- Qt ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not handle_key(self, event, self.announcer):
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_children()

    def _place_children(self) -> None:
        w, h = self.width(), self.height()
        m = max(4, int(h * MARGIN))
        header_h, ticker_h = int(h * HEADER), int(h * TICKER)
        self.header.setGeometry(0, 0, w, header_h)
        self.ticker.setGeometry(0, h - ticker_h, w, ticker_h)
        body = QRect(m, header_h + m, w - 2 * m, h - header_h - ticker_h - 2 * m)
        left_w = int(body.width() * (LEFT_CROWDED if len(self.board.tiles) > CROWDED else LEFT))
        # A 55" 16:9 panel is ~685 mm tall: what is read from 10 m is sized in mm of it.
        digit_px = painting.mm_px(painting.NUMBER_MM, h)
        text_px = painting.mm_px(painting.TEXT_MM, h)
        self.recent.text_px = self.waiting.text_px = self.board.min_text_px = text_px
        self.latest.text_px = text_px
        latest_h = int(body.height() * LATEST)
        recent_h = recent.needed_height(digit_px, text_px, self.recent.rows)
        x, y = body.left(), body.top()
        self.latest.setGeometry(x, y, left_w, latest_h)
        self.recent.setGeometry(x, y + latest_h + m, left_w, recent_h)
        waiting_top = y + latest_h + recent_h + 2 * m
        self.waiting.setGeometry(x, waiting_top, left_w, body.bottom() + 1 - waiting_top)
        self.board.min_digit_px = digit_px
        self.board.setGeometry(x + left_w + m, y, body.width() - left_w - m, body.height())
