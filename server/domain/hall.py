"""One centre's business day as the domain holds it: every live ticket, every counter, and
what the day has learnt (numbers issued, service times, recent calls).

State changes only through `apply(event)`: a decision (server/domain/decide.py) emits
events and applies them at once; a server process that finds events written by another
applies the same events from the log. So the hall is the event log folded, and the
snapshot it gives is the state at its `seq`.
"""

from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

from protocol.admin import AlertPublic
from protocol.centre import CentreConfig
from protocol.enums import CounterStatus, TicketStatus
from protocol.events import (
    AlertData,
    CounterData,
    DayClosedData,
    EventData,
    EventType,
    TicketAtCounterData,
    TicketIssuedData,
    TicketMovedData,
)
from protocol.snapshot import CounterState, RecentCall, ServiceState, TicketPublic
from server.domain.availability import unavailable
from server.domain.model import Counter, Ticket
from server.domain.no_show import no_show_terms
from server.domain.policy import CounterPolicy
from server.domain.queues import Lines
from server.domain.waits import WINDOW, Place, moving_average, place

S = TicketStatus
LIVE = frozenset({S.WAITING, S.CALLED, S.SERVING, S.NO_SHOW})
RECENT_CALLS = 10


class StaleHall(Exception):
    """The hall no longer matches its configuration: load it again."""


class Hall:
    def __init__(
        self,
        site: str,
        epoch: str,
        seq: int,
        day: date,
        cfg: CentreConfig,
        config_version: int,
    ) -> None:
        self.site, self.epoch, self.seq, self.day = site, epoch, seq, day
        self.cfg, self.config_version = cfg, config_version
        self.tickets: dict[int, Ticket] = {}  # live: waiting, called, serving, no-show
        self.lines = Lines()
        self.counters: dict[int, Counter] = {
            c.id: Counter(c.id, c.name or f"Quầy {c.id}", {s.id: s.weight for s in c.services})
            for c in cfg.counters
        }
        self.issued: dict[str, int] = defaultdict(int)  # per issuing service, today
        self.durations: dict[str, deque[float]] = defaultdict(lambda: deque(maxlen=WINDOW))
        self.recent_calls: deque[RecentCall] = deque(maxlen=RECENT_CALLS)
        # Each field's latest call today (not recalls): its "now serving" number.
        self.last_called: dict[str, RecentCall] = {}
        self.kiosk_issues: dict[int, deque[datetime]] = defaultdict(deque)
        self.moves = 0  # tickets moved to the front today: each move's order
        # Today's alerts by id, as the last alert.* event left them (raised, cleared, acked).
        self.alerts: dict[str, AlertPublic] = {}
        self.pending: list[tuple[EventType, EventData, datetime]] = []
        # The status of a ticket the hall does not hold (the store's lookup), or None.
        self.archived_status: Callable[[int], TicketStatus | None] = lambda _id: None

    # -- the one way state changes ------------------------------------------------
    def emit(self, type_: EventType, data: EventData, at: datetime) -> None:
        """Record a decision: apply it now, write it with the command's unit of work.
        The event carries the figures of the fields it changed, as they now are."""
        self.apply(type_, data, at)
        data.services = [self.service_state(sid, at) for sid in self._touched(data)]
        self.pending.append((type_, data, at))

    def _touched(self, data: EventData) -> list[str]:
        ids: set[str] = set()
        ticket = getattr(data, "ticket", None)
        if ticket is not None:
            ids.add(ticket.service_id)
        for attr in ("from_service_id", "to_service_id"):
            if getattr(data, attr, None):
                ids.add(getattr(data, attr))
        counter = getattr(data, "counter", None)
        if counter is not None:
            ids.update(counter.services)
        if isinstance(data, DayClosedData):
            ids.update(s.id for s in self.cfg.services)
        return [s.id for s in self.cfg.services if s.id in ids]

    def service_state(self, service_id: str, now: datetime) -> ServiceState:
        """A field as the kiosk and the hall show it: waiting, the next ticket's estimated
        wait, and why it takes no ticket now (if so)."""
        svc = self.cfg.service(service_id)
        assert svc is not None
        issued = self.issued.get(svc.id, 0)
        why = unavailable(self.cfg, svc, issued, now)
        return ServiceState(
            id=svc.id,
            name=svc.name,
            waiting=self.lines.waiting(svc.id),
            open=not svc.closed,
            estimated_wait_s=self.place_of_next(svc.id, now).estimated_wait_s,
            issued=issued,
            unavailable=why.value if why is not None else None,
        )

    def apply(self, type_: EventType, data: EventData, at: datetime) -> None:
        handler = _APPLY.get(type_)
        if handler is not None:
            handler(self, data, at)

    def _issued(self, d: TicketIssuedData, at: datetime) -> None:
        t = Ticket.from_public(d.ticket)
        self.issued[t.issued_service_id] += 1
        if d.device_id is not None:
            self.kiosk_issues[d.device_id].append(at)
        self._put(t)

    def _called(self, d: TicketAtCounterData, at: datetime) -> None:
        t = self._ticket_moved(d, at)
        t.clerk_user_id = d.counter.clerk_user_id
        c = self.counters.get(d.counter.id)
        if c is not None:
            c.priority_streak = self.policy(c).after(t).priority_streak
        call = _recent(t, d.counter.id, at, recall=False)
        self.recent_calls.appendleft(call)
        self.last_called[t.service_id] = call

    def _recalled(self, d: TicketAtCounterData, at: datetime) -> None:
        t = self._ticket_moved(d, at)
        self.recent_calls.appendleft(_recent(t, d.counter.id, at, recall=True))

    def _ticket_moved(self, d: EventData, at: datetime) -> Ticket:
        ticket: TicketPublic = d.ticket  # type: ignore[attr-defined]
        counter: CounterState | None = getattr(d, "counter", None)
        old = self.tickets.get(ticket.id)
        t = Ticket.from_public(ticket, old.issued_service_id if old else None)
        t.clerk_user_id = old.clerk_user_id if old else None
        if ticket.status == S.DONE and t.started_at and t.finished_at:
            self.durations[t.service_id].append((t.finished_at - t.started_at).total_seconds())
        self._put(t)
        if counter is not None:
            self._counter(CounterData(counter=counter), at)
        return t

    def _to_front(self, d: TicketMovedData, at: datetime) -> None:
        """A supervisor moved a waiting ticket to the front of its field (queues.py files
        it there); the next change to the ticket, whatever it is, ends that."""
        old = self.tickets.get(d.ticket.id)
        t = Ticket.from_public(d.ticket, old.issued_service_id if old else None)
        self.moves += 1
        t.front = self.moves
        self._put(t)

    def _alert(self, d: AlertData, at: datetime) -> None:
        self.alerts[d.alert.id] = d.alert

    def _counter(self, d: CounterData, at: datetime) -> None:
        s = d.counter
        c = self.counters.get(s.id)
        if c is None:
            return
        c.status, c.clerk, c.clerk_user_id = s.status, s.clerk, s.clerk_user_id
        c.current_ticket_id = s.current.id if s.current is not None else None
        c.pause_reason, c.since = s.pause_reason, s.since

    def _day_closed(self, d: DayClosedData, at: datetime) -> None:
        gone = set(d.cancelled)
        for tid in gone:
            t = self.tickets.pop(tid, None)
            if t is not None and t.status == S.WAITING:
                self.lines.remove(t)
        self.alerts.clear()  # a new day starts without yesterday's alarms
        for c in self.counters.values():
            c.priority_streak = 0
            if c.current_ticket_id in gone:
                c.current_ticket_id = None
        new_day = date.fromisoformat(d.new_day)
        if new_day != self.day:
            self.day = new_day
            self.issued.clear()
            self.durations.clear()
            self.recent_calls.clear()
            self.last_called.clear()

    def _config_changed(self, d: EventData, at: datetime) -> None:
        raise StaleHall("configuration changed")

    def _put(self, t: Ticket) -> None:
        old = self.tickets.pop(t.id, None)
        if old is not None and old.status == S.WAITING:
            self.lines.remove(old)
        if t.status in LIVE:
            self.tickets[t.id] = t
            if t.status == S.WAITING:
                self.lines.add(t)

    # -- what the hall knows ---------------------------------------------------------
    def policy(self, c: Counter) -> CounterPolicy:
        return CounterPolicy(c.id, c.weights, self.cfg.priority_ratio, c.priority_streak)

    def counter_state(self, c: Counter) -> CounterState:
        current = self.tickets.get(c.current_ticket_id or 0)
        left, at = no_show_terms(self.cfg, current)
        return c.public(current).model_copy(update={"no_show_recalls_left": left, "no_show_at": at})

    def current(self, c: Counter) -> Ticket | None:
        return self.tickets.get(c.current_ticket_id or 0)

    def waiting_for(self, counter_id: int, now: datetime) -> Iterator[Ticket]:
        """The counter's waiting list, in the order it will call."""
        return self.lines.order_for(self.policy(self.counters[counter_id]), now)

    def avg_service_s(self, service_id: str) -> float:
        svc = self.cfg.service(service_id)
        default = svc.default_service_s if svc and svc.default_service_s else None
        return moving_average(
            self.durations.get(service_id, ()), default or self.cfg.default_service_s
        )

    def open_counters(self, service_id: str) -> int:
        return sum(
            1
            for c in self.counters.values()
            if c.status == CounterStatus.OPEN and service_id in c.weights
        )

    def place_of(self, t: Ticket, now: datetime) -> Place:
        """Where a waiting ticket stands, or where a ticket issued now would."""
        ahead = self.lines.ahead(t, self.cfg.priority_ratio, now)
        return place(ahead, self.avg_service_s(t.service_id), self.open_counters(t.service_id))

    def place_of_next(self, service_id: str, now: datetime, priority: str | None = None) -> Place:
        """The place of the next ticket the kiosk would issue in `service_id`."""
        probe = Ticket(2**62, "", service_id, service_id, S.WAITING, now, now, priority=priority)
        return self.place_of(probe, now)

    def kiosk_issued_since(self, device_id: int, since: datetime) -> int:
        recent = self.kiosk_issues.get(device_id)
        if not recent:
            return 0
        while recent and recent[0] <= since - timedelta(hours=1):
            recent.popleft()  # keep the window short; limits are minutes
        return sum(1 for at in recent if at > since)


def _recent(t: Ticket, counter_id: int, at: datetime, recall: bool) -> RecentCall:
    return RecentCall(
        ticket_id=t.id,
        number=t.number,
        counter_id=counter_id,
        service_id=t.service_id,
        at=at,
        recall=recall,
    )


_APPLY: dict[EventType, Callable[[Hall, EventData, datetime], None]] = {
    EventType.TICKET_ISSUED: Hall._issued,  # type: ignore[dict-item]
    EventType.TICKET_CALLED: Hall._called,  # type: ignore[dict-item]
    EventType.TICKET_RECALLED: Hall._recalled,  # type: ignore[dict-item]
    EventType.TICKET_STARTED: Hall._ticket_moved,
    EventType.TICKET_FINISHED: Hall._ticket_moved,
    EventType.TICKET_NO_SHOW: Hall._ticket_moved,
    EventType.TICKET_RETURNED: Hall._ticket_moved,
    EventType.TICKET_TRANSFERRED: Hall._ticket_moved,
    EventType.TICKET_CANCELLED: Hall._ticket_moved,
    EventType.COUNTER_OPENED: Hall._counter,  # type: ignore[dict-item]
    EventType.COUNTER_PAUSED: Hall._counter,  # type: ignore[dict-item]
    EventType.COUNTER_RESUMED: Hall._counter,  # type: ignore[dict-item]
    EventType.COUNTER_CLOSED: Hall._counter,  # type: ignore[dict-item]
    EventType.TICKET_MOVED: Hall._to_front,  # type: ignore[dict-item]
    EventType.ALERT_RAISED: Hall._alert,  # type: ignore[dict-item]
    EventType.ALERT_CLEARED: Hall._alert,  # type: ignore[dict-item]
    EventType.ALERT_ACKED: Hall._alert,  # type: ignore[dict-item]
    EventType.DAY_CLOSED: Hall._day_closed,  # type: ignore[dict-item]
    EventType.CONFIG_CHANGED: Hall._config_changed,
}
