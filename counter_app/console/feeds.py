"""The counter's live side panels: waiting list, today's figures, no-show tickets.

`GET /counters/{id}/waiting` and `/stats` are re-read when an event says they may have
changed, coalesced (a burst of events costs one request, never two at once), and again
after every reconnect. The no-show list is read from `/no-shows` at the same moments and
kept between reads from the event stream (`NoShowBook`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from clientkit.http import ApiCall
from clientkit.session import ServerLink
from counter_app.console.noshows import NoShowBook
from protocol import CounterState, Event, EventType, RatingPublic, TicketPublic
from protocol.views import CounterStats

_COALESCE_MS = 150


class Refresher(QObject):
    """Re-reads one GET path on demand; emits `loaded(result)`. Keeps the last result
    through an outage (a failed read changes nothing on screen)."""

    loaded = Signal(object)

    def __init__(
        self,
        link: ServerLink,
        parse: Callable[[Any], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.path: str | None = None
        self._parse = parse
        self._call: ApiCall | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fetch)

    def refresh(self) -> None:
        if self.path is not None and not self._timer.isActive():
            self._timer.start(_COALESCE_MS)

    def stop(self) -> None:
        self._timer.stop()
        self._again = False
        if self._call is not None:
            self._call.abort()
            self._call = None

    def _fetch(self) -> None:
        if self.path is None:
            return
        if self._call is not None:
            self._again = True  # one more read when this one is back
            return
        call = self.link.get(self.path, parse=self._parse)
        call.succeeded.connect(self.loaded)
        call.finished.connect(self._done)
        self._call = call

    def _done(self) -> None:
        self._call = None
        if self._again:
            self._again = False
            self.refresh()


def _ticket_list(raw: Any) -> list[TicketPublic]:
    return [TicketPublic.model_validate(t) for t in raw or []]


class CounterFeeds(QObject):
    """Signals: waiting_loaded(list[TicketPublic]), stats_loaded(CounterStats),
    noshows_changed(list[TicketPublic])."""

    waiting_loaded = Signal(object)
    stats_loaded = Signal(object)
    noshows_changed = Signal(object)

    def __init__(self, link: ServerLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.counter_id: int | None = None
        self.noshows = NoShowBook(0)
        self.waiting = Refresher(link, _ticket_list, self)
        self.stats = Refresher(link, CounterStats.model_validate, self)
        self.noshow_reader = Refresher(link, _ticket_list, self)
        self.waiting.loaded.connect(self.waiting_loaded)
        self.stats.loaded.connect(self.stats_loaded)
        self.noshow_reader.loaded.connect(self._on_noshows_loaded)
        state = link.state
        state.waiting_changed.connect(self.waiting.refresh)
        state.counters_changed.connect(self._on_counters)
        state.snapshot_loaded.connect(self.refresh_all)
        state.event_applied.connect(self._on_event)
        link.stream.caught_up.connect(self.refresh_all)

    def start(self, counter_id: int) -> None:
        if counter_id != self.counter_id:
            self.noshows = NoShowBook(counter_id)
            self.noshows_changed.emit([])
        self.counter_id = counter_id
        self.waiting.path = f"/counters/{counter_id}/waiting"
        self.stats.path = f"/counters/{counter_id}/stats"
        self.noshow_reader.path = f"/counters/{counter_id}/no-shows"
        self._update_services()
        self.refresh_all()

    def stop(self) -> None:
        for reader in (self.waiting, self.stats, self.noshow_reader):
            reader.stop()
            reader.path = None

    def refresh_all(self) -> None:
        self.waiting.refresh()
        self.stats.refresh()
        self.noshow_reader.refresh()

    def _on_noshows_loaded(self, tickets: list[TicketPublic]) -> None:
        self.noshows.load(tickets)
        self.noshows_changed.emit(self.noshows.tickets)

    def _update_services(self) -> None:
        if self.counter_id is None:
            return
        counter = self.link.state.model.counter(self.counter_id)
        if counter is not None:
            self.noshows.services = set(counter.services)

    def _on_counters(self, ids: list[int]) -> None:
        if self.counter_id in ids:
            self._update_services()
            self.waiting.refresh()  # the call order depends on the counter's streak

    def _on_event(self, event: Event, _live: bool) -> None:
        if self.counter_id is None:
            return
        if self.noshows.apply(event):
            self.noshows_changed.emit(self.noshows.tickets)
        if self._concerns_me(event):
            self.stats.refresh()

    def _concerns_me(self, event: Event) -> bool:
        if event.type == EventType.DAY_CLOSED:
            return True
        data = event.data
        counter: CounterState | None = getattr(data, "counter", None)
        ticket: TicketPublic | None = getattr(data, "ticket", None)
        rating: RatingPublic | None = getattr(data, "rating", None)
        return (
            (counter is not None and counter.id == self.counter_id)
            or (ticket is not None and ticket.counter_id == self.counter_id)
            or (rating is not None and rating.counter_id == self.counter_id)
        )
