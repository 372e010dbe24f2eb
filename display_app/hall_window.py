"""`HallWindow`: the hall TV — every counter, the latest call, waiting counts, notice.

    ┌ centre name ─────────────────────────── • date  clock ┐
    │ NOW CALLING  │  counter tiles (all counters, one grid)  │
    │   1023       │                                          │
    │ TO COUNTER 5 │                                          │
    │ recent calls │                                          │
    ├ waiting per field ──────────────────────────────────────┤
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
from display_app.blink import DEFAULT_BLINK_S, Blinker
from display_app.board import CounterBoard
from display_app.calls import CallAnnouncer
from display_app.header import Clock, HeaderBar, system_clock
from display_app.keys import handle_key
from display_app.latest import LatestCallPanel
from display_app.recent import RecentCallsPanel
from display_app.ticker import NoticeTicker
from display_app.views import Names, recent_views, tile_views, waiting_views
from display_app.waiting import WaitingPanel
from protocol import RecentCall

# Fractions of the window height / width.
HEADER, TICKER, WAITING, MARGIN = 0.085, 0.06, 0.13, 0.012
LEFT = 0.30
LEFT_CROWDED = 0.25  # above CROWDED counters the board needs the width more
CROWDED = 24
LATEST = 0.58  # of the left column: the rest lists recent calls


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
        self._apply_highlight()

    def _refresh_calls(self) -> None:
        calls = recent_views(self.link.state.model, self.names())
        self.latest.set_loading(not self.link.state.loaded)
        self.latest.set_call(calls[0] if calls else None)
        self.recent.set_calls(calls[1:])

    def _refresh_waiting(self, _ids: list[str] | None = None) -> None:
        model = self.link.state.model
        self.waiting.set_items(waiting_views(model, self.names()), loaded=model.loaded)

    def _on_called(self, call: RecentCall, live: bool) -> None:
        self._refresh_calls()
        if live:
            self.fresh = call
            self.blinker.start()  # a recall blinks again from the start

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
        # The tile blinks while it still shows the fresh call (not once paused, say).
        tile = self.board.tile(fresh.counter_id) if fresh else None
        lit = tile is not None and fresh is not None and tile.view.number == fresh.number
        self.board.set_highlight(fresh.counter_id if lit and fresh else None, self.blinker.phase)

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
        header_h, ticker_h, waiting_h = int(h * HEADER), int(h * TICKER), int(h * WAITING)
        self.header.setGeometry(0, 0, w, header_h)
        self.ticker.setGeometry(0, h - ticker_h, w, ticker_h)
        waiting_top = h - ticker_h - m - waiting_h
        self.waiting.setGeometry(m, waiting_top, w - 2 * m, waiting_h)
        body = QRect(m, header_h + m, w - 2 * m, waiting_top - header_h - 2 * m)
        left_w = int(body.width() * (LEFT_CROWDED if len(self.board.tiles) > CROWDED else LEFT))
        latest_h = int(body.height() * LATEST)
        self.latest.setGeometry(body.left(), body.top(), left_w, latest_h)
        self.recent.setGeometry(
            body.left(), body.top() + latest_h + m, left_w, body.height() - latest_h - m
        )
        self.board.setGeometry(
            body.left() + left_w + m, body.top(), body.width() - left_w - m, body.height()
        )
