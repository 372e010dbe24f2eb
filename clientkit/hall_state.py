"""`HallState`: the `HallModel` with Qt signals, so widgets redraw only what changed.

Widgets read `hall.model` (counters, waiting, recent calls, services) inside their slots;
the signals only say *what* changed. `ServerLink` feeds it from the event stream; an
app never calls `apply` itself (tests and demos may).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clientkit.model import RECENT_CALLS_LIMIT, Change, HallModel
from protocol import Event, Snapshot


class HallState(QObject):
    """Qt face of `HallModel`.

    Signals (in this order for one change):
        snapshot_loaded(): the whole state was replaced; the specific signals below
            follow with everything marked changed, so a widget may listen to those only.
        counters_changed(list): ids of counters whose status/clerk/current changed.
        waiting_changed(): the waiting list changed (`model.waiting`).
        services_changed(list): ids of services whose waiting count changed.
        now_serving_changed(): `model.now_serving` changed.
        called(object, bool): a `protocol.RecentCall` (call or recall, `.recall` says
            which) and `live`; announce only when `live` is True — False is a replay
            of the past after a reconnect.
        day_closed(): the business day was closed (waiting tickets cancelled).
        event_applied(object, bool): every applied event and `live` (e.g. the rating
            pad waits for `ticket.finished` at its counter).
        refetch_needed(): `config.changed`: catalog and state must be reloaded.
        resync_needed(): an event could not be applied; state must be reloaded.
    """

    snapshot_loaded = Signal()
    counters_changed = Signal(list)
    waiting_changed = Signal()
    services_changed = Signal(list)
    now_serving_changed = Signal()
    called = Signal(object, bool)
    day_closed = Signal()
    event_applied = Signal(object, bool)
    refetch_needed = Signal()
    resync_needed = Signal()

    def __init__(
        self,
        model: HallModel | None = None,
        *,
        recent_limit: int = RECENT_CALLS_LIMIT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model or HallModel(recent_limit=recent_limit)

    @property
    def model(self) -> HallModel:
        """Current state; read-only for widgets."""
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model.loaded

    def load_snapshot(self, snap: Snapshot, *, force: bool = False) -> Change:
        change = self._model.load_snapshot(snap, force=force)
        if change.snapshot:
            self.snapshot_loaded.emit()
        self._emit(change, live=False)
        return change

    def apply(self, event: Event, live: bool = True) -> Change:
        change = self._model.apply(event)
        self._emit(change, live)
        return change

    def _emit(self, change: Change, live: bool) -> None:
        if change.duplicate:
            return
        if change.counters:
            self.counters_changed.emit(sorted(change.counters))
        if change.waiting:
            self.waiting_changed.emit()
        if change.services:
            self.services_changed.emit(sorted(change.services))
        if change.now_serving:
            self.now_serving_changed.emit()
        if change.call is not None:
            self.called.emit(change.call, live)
        if change.day_closed:
            self.day_closed.emit()
        if change.event is not None and not change.resync:
            self.event_applied.emit(change.event, live)
        if change.refetch:
            self.refetch_needed.emit()
        if change.resync:
            self.resync_needed.emit()
