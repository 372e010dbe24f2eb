"""Client-side hall state: a `protocol.Snapshot` kept current by applying events.

Pure Python (no Qt) so the rules are unit-tested without an event loop. `HallState`
in `clientkit.session` wraps it and turns each `Change` into Qt signals.

Rules worth knowing:
- Events are applied in seq order; an event whose seq is not above the current seq is a
  duplicate (a replay after a reconnect) and changes nothing, so applying is idempotent.
- Ticket events carry the ticket *after* the change, so the model places a ticket by its
  status alone (waiting / called+serving / gone) and never replays the state machine.
- Waiting tickets keep "oldest place first": a returned or transferred ticket keeps its
  place, so it is inserted by its place time (`queue_at`), not appended. This is the
  order of the hall board only; the order a counter calls in is the server's
  (`GET /counters/{id}/waiting`) and the client keeps no copy of it.
- A field's figures (waiting, estimated wait, whether it takes tickets) are the server's:
  each event carries the `ServiceState` of the fields it changed, and the model takes
  them as they are.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections import Counter as _Tally
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError

from protocol import (
    CounterState,
    Event,
    EventType,
    RecentCall,
    ServiceState,
    Snapshot,
    TicketPublic,
    TicketStatus,
)
from protocol.events import DayClosedData

log = logging.getLogger(__name__)

RECENT_CALLS_LIMIT = 10
_ACTIVE = (TicketStatus.CALLED, TicketStatus.SERVING)


def _place_key(t: TicketPublic) -> tuple[datetime, int]:
    """A ticket's place in line: kept through transfers and returns (`queue_at`)."""
    return (t.queue_at or t.issued_at, t.id)


@dataclass(frozen=True)
class Change:
    """What one `apply` / `load_snapshot` changed, so a UI redraws only that.

    `duplicate` is True when the event was ignored (seq already applied). `call` is set
    for `ticket.called` / `ticket.recalled` (the display announces it). `refetch` asks
    the owner to reload catalog and state (`config.changed`); `resync` asks it to reload
    the state because the model could not apply an event (not loaded yet, bad data).
    """

    seq: int
    event: Event | None = None
    snapshot: bool = False
    duplicate: bool = False
    counters: frozenset[int] = frozenset()
    waiting: bool = False
    now_serving: bool = False
    services: frozenset[str] = frozenset()
    call: RecentCall | None = None
    day_closed: bool = False
    refetch: bool = False
    resync: bool = False

    @property
    def empty(self) -> bool:
        """True when nothing a screen shows has changed."""
        return not (
            self.snapshot
            or self.counters
            or self.waiting
            or self.now_serving
            or self.services
            or self.call
            or self.day_closed
            or self.refetch
            or self.resync
        )


@dataclass
class HallModel:
    """State of one site as the clients see it. Read the attributes; change it only
    through `load_snapshot` and `apply`.

    Attributes:
        epoch: server log identity; None until a snapshot is loaded.
        seq: seq of the last applied event (or of the snapshot).
        counters: counter id -> CounterState (status, clerk, current ticket, pause reason).
        waiting: every waiting ticket, oldest place first.
        recent_calls: latest first, one entry per ticket, at most `recent_limit`.
        services: service id -> ServiceState with `waiting` kept current.
    """

    recent_limit: int = RECENT_CALLS_LIMIT
    epoch: str | None = None
    seq: int = 0
    site: str | None = None
    day: str | None = None
    counters: dict[int, CounterState] = field(default_factory=dict)
    waiting: list[TicketPublic] = field(default_factory=list)
    recent_calls: list[RecentCall] = field(default_factory=list)
    services: dict[str, ServiceState] = field(default_factory=dict)
    _serving: dict[int, TicketPublic] = field(default_factory=dict, init=False, repr=False)
    _counts: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    # ---- reading -------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """True once a snapshot has been loaded; events are ignored before that."""
        return self.epoch is not None

    @property
    def now_serving(self) -> list[TicketPublic]:
        """Called or serving tickets, earliest call first."""
        return sorted(self._serving.values(), key=lambda t: (t.called_at or t.issued_at, t.id))

    def counter(self, counter_id: int) -> CounterState | None:
        return self.counters.get(counter_id)

    def waiting_count(self, service_id: str) -> int:
        return self._counts.get(service_id, 0)

    def ticket(self, ticket_id: int) -> TicketPublic | None:
        """A waiting, called or serving ticket by id."""
        if ticket_id in self._serving:
            return self._serving[ticket_id]
        return next((t for t in self.waiting if t.id == ticket_id), None)

    # ---- changing ------------------------------------------------------------------

    def load_snapshot(self, snap: Snapshot, *, force: bool = False) -> Change:
        """Replace the whole state. A snapshot older than the state (same epoch, lower
        seq, e.g. an HTTP `GET /state` overtaken by stream events) is ignored."""
        if not force and self.loaded and snap.epoch == self.epoch and snap.seq < self.seq:
            return Change(seq=self.seq, duplicate=True)
        self.epoch, self.seq, self.site, self.day = snap.epoch, snap.seq, snap.site, snap.day
        self.counters = {c.id: c for c in snap.counters}
        self.waiting = list(snap.waiting)
        self._serving = {t.id: t for t in snap.now_serving}
        self.recent_calls = list(snap.recent_calls[: self.recent_limit])
        self.services = {s.id: s for s in snap.services}
        self._counts = {s.id: s.waiting for s in snap.services}
        self._recount()  # counts always follow the waiting list, from the start
        return Change(
            seq=self.seq,
            snapshot=True,
            counters=frozenset(self.counters),
            waiting=True,
            now_serving=True,
            services=frozenset(self._counts),
        )

    def apply(self, event: Event) -> Change:
        """Apply one event; returns what changed. Duplicates change nothing."""
        if event.seq <= self.seq and self.loaded:
            return Change(seq=self.seq, event=event, duplicate=True)
        if not self.loaded:
            # No base to apply to: the owner must fetch a snapshot (its seq will be at
            # least this event's, because the server commits before it publishes).
            return Change(seq=self.seq, event=event, resync=True)
        self.seq = event.seq
        try:
            return self._apply(event)
        except (ValidationError, KeyError, TypeError, ValueError) as exc:
            log.warning("cannot apply event %s (%s): %s", event.seq, event.type, exc)
            return Change(seq=self.seq, event=event, resync=True)

    def _apply(self, event: Event) -> Change:
        data = event.data
        counters: set[int] = set()
        waiting = serving = day_closed = refetch = False
        call: RecentCall | None = None

        counter: CounterState | None = getattr(data, "counter", None)
        if counter is not None:
            self.counters[counter.id] = counter
            counters.add(counter.id)
        ticket: TicketPublic | None = getattr(data, "ticket", None)
        if ticket is not None:
            waiting, serving = self._place(ticket)
            if event.type in (EventType.TICKET_CALLED, EventType.TICKET_RECALLED):
                call = self._record_call(event, ticket, counter)
        if isinstance(data, DayClosedData):
            day_closed = True
            gone = set(data.cancelled)
            before = len(self.waiting), len(self._serving)
            self.waiting = [t for t in self.waiting if t.id not in gone]
            self._serving = {i: t for i, t in self._serving.items() if i not in gone}
            waiting = len(self.waiting) != before[0]
            serving = len(self._serving) != before[1]
            for cid, c in self.counters.items():
                if c.current is not None and c.current.id in gone:
                    self.counters[cid] = c.model_copy(update={"current": None})
                    counters.add(cid)
        elif event.type == EventType.CONFIG_CHANGED:
            refetch = True

        services = self._recount() if waiting else frozenset()
        for state in data.services:  # the server's figures win over the recount
            self.services[state.id] = state
            self._counts[state.id] = state.waiting
        services = services | frozenset(s.id for s in data.services)
        return Change(
            seq=self.seq,
            event=event,
            counters=frozenset(counters),
            waiting=waiting,
            now_serving=serving,
            services=services,
            call=call,
            day_closed=day_closed,
            refetch=refetch,
        )

    def _place(self, ticket: TicketPublic) -> tuple[bool, bool]:
        """Put a ticket where its status says; returns (waiting changed, serving changed)."""
        idx = next((i for i, t in enumerate(self.waiting) if t.id == ticket.id), None)
        was_waiting = idx is not None
        was_serving = self._serving.pop(ticket.id, None) is not None
        if idx is not None:
            del self.waiting[idx]
        if ticket.status == TicketStatus.WAITING:
            if idx is not None:
                self.waiting.insert(idx, ticket)  # same ticket updated: keep its place
            else:
                keys = [_place_key(t) for t in self.waiting]
                self.waiting.insert(bisect_right(keys, _place_key(ticket)), ticket)
            return True, was_serving
        if ticket.status in _ACTIVE:
            self._serving[ticket.id] = ticket
            return was_waiting, True
        return was_waiting, was_serving

    def _record_call(
        self, event: Event, ticket: TicketPublic, counter: CounterState | None
    ) -> RecentCall | None:
        counter_id = ticket.counter_id
        if counter_id is None and counter is not None:
            counter_id = counter.id
        if counter_id is None:
            return None
        call = RecentCall(
            ticket_id=ticket.id,
            number=ticket.number,
            counter_id=int(counter_id),
            service_id=ticket.service_id,
            at=event.at,
            recall=event.type == EventType.TICKET_RECALLED,
        )
        # One line per ticket on the board: a recall moves it back to the top.
        rest = [c for c in self.recent_calls if c.ticket_id != ticket.id]
        self.recent_calls = [call, *rest][: self.recent_limit]
        return call

    def _recount(self) -> frozenset[str]:
        counts = _Tally(t.service_id for t in self.waiting)
        changed = {
            sid
            for sid in set(counts) | set(self._counts)
            if counts[sid] != self._counts.get(sid, 0)
        }
        self._counts = {sid: counts.get(sid, 0) for sid in set(counts) | set(self._counts)}
        for sid in changed & set(self.services):
            self.services[sid] = self.services[sid].model_copy(
                update={"waiting": self._counts[sid]}
            )
        return frozenset(changed)
