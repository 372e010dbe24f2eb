"""Every decision about the queue: who may take a number, what a counter may do, the
day's close. Each checks the rules against the hall, then emits the events that say what
changed (`Hall.emit` applies them); the command's unit of work writes them.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from protocol.centre import CentreConfig
from protocol.enums import CounterStatus, Role, TicketStatus
from protocol.errors import ErrorCode
from protocol.events import (
    CounterData,
    CounterPausedData,
    DayClosedData,
    EventType,
    TicketAtCounterData,
    TicketCancelledData,
    TicketIssuedData,
    TicketTransferredData,
)
from protocol.inputs import normal_reason, reason_problem
from protocol.phones import SlotConf
from protocol.snapshot import CounterState, TicketPublic
from server.domain.actor import Principal
from server.domain.availability import unavailable
from server.domain.clock import business_day
from server.domain.errors import DomainError
from server.domain.hall import Hall
from server.domain.lifecycle import DAY_CLOSE, Action, next_status
from server.domain.model import Counter, Ticket
from server.domain.no_show import no_show_terms
from server.domain.numbering import scheme_of
from server.domain.slots import Arrival, arrival, early_notice, late_notice

S = TicketStatus


# -- taking a number ----------------------------------------------------------------
@dataclass(frozen=True)
class Booking:
    """An appointment presented at the kiosk, as the store found it."""

    code: str
    service_id: str
    slot: datetime
    used: bool


@dataclass(frozen=True)
class NewTicket:
    service_id: str
    number: int
    number_text: str
    procedure_id: str | None
    priority: str | None
    appointment_code: str | None
    appointment_slot: datetime | None
    device_id: int | None
    channel: str = "kiosk"  # "kiosk", "remote" (remote.py's path), "appointment"
    notice: str | None = None  # said to the citizen with the number (a late booking…)


def plan_ticket(
    hall: Hall,
    who: Principal,
    service_id: str | None,
    procedure_id: str | None,
    priority: str | None,
    booking: Booking | None,
    now: datetime,
) -> NewTicket:
    """May `who` take a number now, and which one: raises the reason when not."""
    cfg = hall.cfg
    if booking is not None:
        if business_day(booking.slot, cfg.tz) != hall.day:
            raise DomainError(ErrorCode.APPOINTMENT_INVALID)
        if booking.used:
            raise DomainError(ErrorCode.APPOINTMENT_USED)
        service_id = booking.service_id
    checked_in, notice = _check_in(cfg, booking, now)
    svc = cfg.service(service_id or "")
    if svc is None:
        raise DomainError(ErrorCode.UNKNOWN_SERVICE, service_id)
    if procedure_id is not None and cfg.procedure_service(procedure_id) != svc.id:
        raise DomainError(ErrorCode.UNKNOWN_PROCEDURE, procedure_id)
    if priority is not None and priority not in {g.code for g in cfg.priority_groups}:
        raise DomainError(ErrorCode.UNKNOWN_PRIORITY, priority)
    issued = hall.issued.get(svc.id, 0)
    why = unavailable(cfg, svc, issued, now)
    if why is not None:
        raise DomainError(why, svc.id)
    device_id = who.id if who.kind == "device" else None
    if device_id is not None:
        since = now - timedelta(seconds=cfg.kiosk_limit.per_seconds)
        if hall.kiosk_issued_since(device_id, since) >= cfg.kiosk_limit.tickets:
            raise DomainError(ErrorCode.TOO_MANY_TICKETS)
    scheme = scheme_of(svc.numbers)
    number = scheme.nth(issued + 1)
    return NewTicket(
        service_id=svc.id,
        number=number,
        number_text=scheme.text(number),
        procedure_id=procedure_id,
        priority=priority,
        appointment_code=booking.code if checked_in else None,
        appointment_slot=booking.slot if checked_in and booking else None,
        device_id=device_id,
        channel="appointment" if checked_in else "kiosk",
        notice=notice,
    )


def _check_in(cfg: CentreConfig, booking: Booking | None, now: datetime) -> tuple[bool, str | None]:
    """Whether a booking checks in as such (else: a normal number), and what to say."""
    if booking is None:
        return False, None
    svc = cfg.service(booking.service_id)
    tolerance = svc.slots.tolerance_min if svc else SlotConf().tolerance_min
    when = arrival(booking.slot, tolerance, now)
    if when == Arrival.LATE:
        return False, late_notice(tolerance)
    return True, early_notice(booking.slot, cfg) if when == Arrival.EARLY else None


def issue(hall: Hall, plan: NewTicket, ticket_id: int, who: Principal, now: datetime) -> Ticket:
    """The planned ticket, stored under `ticket_id`, joins its queue."""
    pub = TicketPublic(
        id=ticket_id,
        number=plan.number_text,
        service_id=plan.service_id,
        procedure_id=plan.procedure_id,
        priority=plan.priority,
        appointment_code=plan.appointment_code,
        appointment_slot=plan.appointment_slot,
        status=S.WAITING,
        issued_at=now,
        queue_at=now,
    )
    t = Ticket.from_public(pub)
    position = hall.place_of(t, now).position
    data = TicketIssuedData(
        ticket=pub,
        position=position,
        device_id=plan.device_id,
        actor=who.actor,
        channel=plan.channel,
    )
    hall.emit(EventType.TICKET_ISSUED, data, now)
    return hall.tickets[ticket_id]


def cancel(hall: Hall, who: Principal, ticket_id: int, now: datetime) -> TicketPublic:
    t = _live(hall, ticket_id, Action.CANCEL)
    status = next_status(t.status, Action.CANCEL)
    pub = t.public().model_copy(update={"status": status, "finished_at": now})
    hall.emit(EventType.TICKET_CANCELLED, TicketCancelledData(ticket=pub, actor=who.actor), now)
    return pub


# -- the day -------------------------------------------------------------------------
def day_turned(hall: Hall, now: datetime) -> bool:
    return business_day(now, hall.cfg.tz) > hall.day


def close_day(hall: Hall, who: Principal, now: datetime, new_day: object = None) -> list[int]:
    """Cancel what day close cancels (DAY_CLOSE); the counters start the next day afresh."""
    today = business_day(now, hall.cfg.tz)
    leftovers = sorted(t.id for t in hall.tickets.values() if t.status in DAY_CLOSE)
    data = DayClosedData(
        day=hall.day.isoformat(),
        new_day=today.isoformat() if new_day is None else str(new_day),
        cancelled=leftovers,
        actor=who.actor,
    )
    hall.emit(EventType.DAY_CLOSED, data, now)
    return leftovers


# -- counters ------------------------------------------------------------------------
COUNTER_ACTIONS = (
    *("open", "close", "pause", "resume", "call-next", "call", "recall"),
    *("start", "finish", "no-show", "return", "transfer"),
)


def act(
    hall: Hall, who: Principal, counter_id: int, action: str, now: datetime, **args: object
) -> CounterState:
    """Run one counter action for `who`; returns the counter after it."""
    c = hall.counters.get(counter_id)
    if c is None:
        raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
    if action != "open":
        if c.status == CounterStatus.CLOSED:
            raise DomainError(ErrorCode.COUNTER_CLOSED)
        if who.role == Role.CLERK and c.clerk_user_id != who.id:
            raise DomainError(ErrorCode.NOT_YOUR_COUNTER)
    _Desk(hall, who, c, now).run(action, args)
    return hall.counter_state(c)


class _Desk:
    """One counter action: checks, then the event saying what changed."""

    def __init__(self, hall: Hall, who: Principal, c: Counter, now: datetime) -> None:
        self.hall, self.who, self.c, self.now = hall, who, c, now

    def run(self, action: str, args: dict[str, object]) -> None:
        name = action.replace("-", "_")
        getattr(self, "return_" if name == "return" else name)(**args)

    # helpers
    def counter(
        self, current: Ticket | TicketPublic | None = None, **changes: object
    ) -> CounterState:
        state = self.hall.counter_state(self.c)
        cur = current.public() if isinstance(current, Ticket) else current
        left, at = no_show_terms(self.hall.cfg, cur)
        update = {"current": cur, "no_show_recalls_left": left, "no_show_at": at}
        return state.model_copy(update={**update, **changes})

    def emit_ticket(
        self, type_: EventType, t: TicketPublic, counter: CounterState, **extra: object
    ) -> None:
        model = (
            TicketTransferredData if type_ == EventType.TICKET_TRANSFERRED else TicketAtCounterData
        )
        data = model(ticket=t, counter=counter, actor=self.who.actor, **extra)  # type: ignore[arg-type]
        self.hall.emit(type_, data, self.now)

    def emit_counter(
        self, type_: EventType, counter: CounterState, reason: str | None = None
    ) -> None:
        if reason is not None:
            data: CounterData = CounterPausedData(
                counter=counter, reason=reason, actor=self.who.actor
            )
        else:
            data = CounterData(counter=counter, actor=self.who.actor)
        self.hall.emit(type_, data, self.now)

    def current(self) -> Ticket:
        t = self.hall.current(self.c)
        if t is None:
            raise DomainError(ErrorCode.COUNTER_IDLE)
        return t

    def busy(self) -> None:
        t = self.hall.current(self.c)
        if t is not None and t.status in (S.CALLED, S.SERVING):
            raise DomainError(ErrorCode.COUNTER_BUSY, t.number)

    def ready_to_call(self) -> None:
        if self.c.status == CounterStatus.PAUSED:
            raise DomainError(ErrorCode.COUNTER_PAUSED)
        self.busy()

    # actions
    def call_next(self) -> None:
        self.ready_to_call()
        t = self.hall.lines.next_for(self.hall.policy(self.c), self.now)
        if t is None:
            raise DomainError(ErrorCode.QUEUE_EMPTY)
        self._call(t)

    def call(self, ticket_id: int) -> None:
        self.ready_to_call()
        self._call(_live(self.hall, ticket_id, Action.CALL))

    def _call(self, t: Ticket) -> None:
        status = next_status(t.status, Action.CALL)
        pub = t.public().model_copy(
            update={
                "status": status,
                "called_at": self.now,
                "counter_id": self.c.id,
                "to_counter_id": None,
            }
        )
        self.emit_ticket(EventType.TICKET_CALLED, pub, self.counter(pub, since=self.now))

    def recall(self) -> None:
        t = self.current()
        status = next_status(t.status, Action.RECALL)
        pub = t.public().model_copy(
            update={"status": status, "recall_count": t.recall_count + 1, "called_at": self.now}
        )
        self.emit_ticket(EventType.TICKET_RECALLED, pub, self.counter(pub))

    def _move(self, action: Action, stamp: str | None, type_: EventType, release: bool) -> None:
        t = self.current()
        update: dict[str, object] = {"status": next_status(t.status, action)}
        if stamp:
            update[stamp] = self.now
        pub = t.public().model_copy(update=update)
        counter = self.counter(None if release else pub, since=self.now)
        self.emit_ticket(type_, pub, counter)

    def start(self) -> None:
        self._move(Action.START, "started_at", EventType.TICKET_STARTED, release=False)

    def finish(self) -> None:
        self._move(Action.FINISH, "finished_at", EventType.TICKET_FINISHED, release=True)

    def no_show(self) -> None:
        t = self.current()
        # The clerk waits for the citizen; a supervisor correcting the record need not.
        if t.status == S.CALLED and self.who.role == Role.CLERK:
            why = no_show_wait(self.hall.cfg, t, self.now)
            if why is not None:
                raise DomainError(ErrorCode.NO_SHOW_TOO_EARLY, why)
        self._move(Action.NO_SHOW, None, EventType.TICKET_NO_SHOW, release=True)

    def return_(self, ticket_id: int) -> None:
        t = _live(self.hall, ticket_id, Action.RETURN)
        status = next_status(t.status, Action.RETURN)
        # The citizen came back to this counter: it goes first here.
        pub = t.public().model_copy(update={"status": status, "to_counter_id": self.c.id})
        self.emit_ticket(EventType.TICKET_RETURNED, pub, self.counter(self.hall.current(self.c)))

    def transfer(self, service_id: str | None = None, to_counter_id: int | None = None) -> None:
        pub, extra = transferred(self.hall, self.current(), service_id, to_counter_id)
        counter = self.counter(None, since=self.now)
        self.emit_ticket(EventType.TICKET_TRANSFERRED, pub, counter, **extra)

    def open(self) -> None:
        mine = self.who.kind == "user" and self.c.clerk_user_id == self.who.id
        if self.c.status != CounterStatus.CLOSED and mine:
            return  # opening twice (a retry after a network cut) changes nothing
        if self.c.status != CounterStatus.CLOSED and self.who.role == Role.CLERK:
            raise DomainError(ErrorCode.COUNTER_TAKEN)
        user = self.who.kind == "user"
        counter = self.counter(
            self.hall.current(self.c),
            status=CounterStatus.OPEN,
            clerk=(self.who.full_name or self.who.name) if user else None,
            clerk_user_id=self.who.id if user else None,
            pause_reason=None,
            since=self.now,
        )
        self.emit_counter(EventType.COUNTER_OPENED, counter)

    def close(self) -> None:
        self.busy()
        counter = self.counter(
            None,
            status=CounterStatus.CLOSED,
            clerk=None,
            clerk_user_id=None,
            pause_reason=None,
            since=self.now,
        )
        self.emit_counter(EventType.COUNTER_CLOSED, counter)

    def pause(self, reason: str) -> None:
        if self.c.status == CounterStatus.PAUSED:
            raise DomainError(ErrorCode.COUNTER_PAUSED)
        # A counter pauses between citizens: the one called or being served is finished
        # (or sent on) first, so the hall never shows "serving" and "paused" together.
        self.busy()
        # One of the centre's reasons, or "Khác: <text>" (protocol/inputs.py).
        why = reason.strip()
        problem = reason_problem(why, self.hall.cfg.pause_reasons)
        if problem is not None:
            raise DomainError(ErrorCode.UNKNOWN_REASON, problem)
        why = normal_reason(why)
        counter = self.counter(
            self.hall.current(self.c),
            status=CounterStatus.PAUSED,
            pause_reason=why,
            since=self.now,
        )
        self.emit_counter(EventType.COUNTER_PAUSED, counter, reason=why)

    def resume(self) -> None:
        if self.c.status != CounterStatus.PAUSED:
            raise DomainError(ErrorCode.INVALID_TRANSITION, "counter is not paused")
        counter = self.counter(
            self.hall.current(self.c), status=CounterStatus.OPEN, pause_reason=None, since=self.now
        )
        self.emit_counter(EventType.COUNTER_RESUMED, counter)


def transferred(
    hall: Hall, t: Ticket, service_id: str | None, to_counter_id: int | None = None
) -> tuple[TicketPublic, dict[str, object]]:
    """The transfer rule, for a counter's ticket and a supervisor's waiting one alike: the
    ticket waits again in `service_id` (or for `to_counter_id`) and keeps its place
    (`queue_at`). Returns the ticket after it and the event's own fields."""
    update: dict[str, object] = {
        "status": next_status(t.status, Action.TRANSFER),
        "called_at": None,  # queue_at is kept: the ticket keeps its place
        "started_at": None,
    }
    extra: dict[str, object] = {"from_service_id": t.service_id}
    if service_id is not None:
        if hall.cfg.service(service_id) is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, service_id)
        update |= {"service_id": service_id, "to_counter_id": None}
        extra["to_service_id"] = service_id
    else:
        if to_counter_id not in hall.counters:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(to_counter_id))
        update["to_counter_id"] = to_counter_id
        extra["to_counter_id"] = to_counter_id
    return t.public().model_copy(update=update), extra


def no_show_wait(cfg: CentreConfig, t: Ticket, now: datetime) -> str | None:
    """Why a called ticket may not be recorded as a no-show yet (None when it may)."""
    need, at = no_show_terms(cfg, t)
    if need > 0:
        return f"recall {need} more time(s) first"
    if at is not None and at > now:
        return f"wait {int((at - now).total_seconds() + 0.999)} s more after the latest call"
    return None


def _live(hall: Hall, ticket_id: int, action: Action) -> Ticket:
    """A ticket of today the action may touch. One the hall no longer holds (finished,
    cancelled, another day) is looked up in the archive so the answer names why."""
    t = hall.tickets.get(ticket_id)
    if t is not None:
        return t
    status = hall.archived_status(ticket_id)
    if status is None:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    next_status(status, action)  # raises the transition's own error
    raise DomainError(ErrorCode.INVALID_TRANSITION, f"ticket {ticket_id} is not today's")
