"""Counter commands: open, pause, call, recall, start, finish, no-show, return, transfer.

Each is one unit of work on the counter row (locked with FOR UPDATE where the database
has it) and at most one ticket row, claimed with a compare-and-set UPDATE so two
counters pressing "next" together can never both get the same ticket.
"""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import and_, not_, select, update

from protocol.commands import CallBody, PauseBody, ReturnBody, TransferBody
from protocol.enums import CounterStatus, Role, TicketStatus
from protocol.errors import ErrorCode
from protocol.events import EventType
from protocol.snapshot import CounterState
from server.centre import CentreConfig, CounterConf
from server.commands.context import Context, SiteRow, ensure_day, load_site
from server.domain.errors import DomainError
from server.domain.lifecycle import Action, next_status
from server.domain.policy import CounterPolicy, choose_next, next_streak
from server.principal import Principal
from server.queries.places import candidate
from server.store.convert import counter_state, ticket_public, utc
from server.store.tables import Counter, Ticket, User
from server.store.uow import UnitOfWork

S = TicketStatus


class Ctx:
    """What one counter command works on."""

    def __init__(
        self,
        ctx: Context,
        uow: UnitOfWork,
        who: Principal,
        site: SiteRow,
        cfg: CentreConfig,
        conf: CounterConf,
        row: Counter,
    ) -> None:
        self.ctx, self.uow, self.who, self.site, self.cfg = ctx, uow, who, site, cfg
        self.conf, self.row = conf, row
        self.now = ctx.now()

    @property
    def s(self):  # type: ignore[no-untyped-def]
        return self.uow.session

    def current(self) -> Ticket | None:
        cid = self.row.current_ticket_id
        return self.s.get(Ticket, cid) if cid is not None else None

    def need_current(self) -> Ticket:
        t = self.current()
        if t is None:
            raise DomainError(ErrorCode.COUNTER_IDLE)
        return t

    def state(self) -> CounterState:
        return state_of(self.s, self.cfg, self.conf, self.row)

    def emit(self, type_: EventType, ticket: Ticket | None, **extra: Any) -> None:
        data: dict[str, Any] = {"counter": self.state().model_dump(mode="json"), **extra}
        if ticket is not None:
            data["ticket"] = ticket_public(ticket).model_dump(mode="json")
        self.uow.emit(self.site.code, type_, data, self.who.actor, self.now)

    def policy(self) -> CounterPolicy:
        return CounterPolicy(
            self.conf.id,
            {s.id: s.weight for s in self.conf.services},
            self.cfg.priority_ratio,
            self.row.priority_streak,
        )


def state_of(session: Any, cfg: CentreConfig, conf: CounterConf, row: Counter) -> CounterState:
    clerk = session.get(User, row.clerk_user_id) if row.clerk_user_id else None
    current = session.get(Ticket, row.current_ticket_id) if row.current_ticket_id else None
    return counter_state(
        row,
        [s.id for s in conf.services],
        conf.name or f"Quầy {conf.id}",
        (clerk.full_name or clerk.username) if clerk else None,
        current,
    )


def _ready_to_call(c: Ctx) -> None:
    if c.row.status == CounterStatus.PAUSED.value:
        raise DomainError(ErrorCode.COUNTER_PAUSED)
    t = c.current()
    if t is not None and t.status in (S.CALLED.value, S.SERVING.value):
        raise DomainError(ErrorCode.COUNTER_BUSY, t.number_text)


def _claim(c: Ctx, t: Ticket) -> bool:
    won = c.s.execute(
        update(Ticket)
        .where(Ticket.id == t.id, Ticket.status == S.WAITING.value)
        .values(
            status=S.CALLED.value,
            called_at=utc(c.now),
            counter_id=c.conf.id,
            to_counter_id=None,
            clerk_user_id=c.row.clerk_user_id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if won == 1:
        c.s.refresh(t)
    return won == 1


def _called(c: Ctx, t: Ticket) -> None:
    c.row.current_ticket_id = t.id
    c.row.priority_streak = next_streak(c.policy(), candidate(t))
    c.row.since = utc(c.now)
    c.emit(EventType.TICKET_CALLED, t)


def _best(c: Ctx, *where: Any, order: tuple[Any, ...] | None = None) -> Ticket | None:
    """The first waiting ticket of today matching `where`, oldest place first."""
    stmt = (
        select(Ticket)
        .where(
            Ticket.site == c.site.code,
            Ticket.day == c.site.business_day,
            Ticket.status == S.WAITING.value,
            *where,
        )
        .order_by(*(order or (Ticket.queue_at, Ticket.id)))
        .limit(1)
    )
    return c.s.execute(stmt).scalar_one_or_none()


def _shortlist(c: Ctx) -> list[Ticket]:
    """The few tickets `choose_next` can pick, instead of every waiting one.

    It picks a ticket transferred to this counter (oldest place), else a due appointment
    (earliest slot), else the oldest weighted place in the priority or the normal group.
    Inside one service the weight is the same for all, so the oldest place of each
    (service, group) is that group's only contender: at most 2 + 2 x services rows.
    """
    T = Ticket
    mine: list[Ticket] = []
    to_me = _best(c, T.to_counter_id == c.conf.id)
    if to_me is not None:
        return [to_me]
    now = utc(c.now)
    due = _best(
        c,
        T.to_counter_id.is_(None),
        T.service_id.in_([s.id for s in c.conf.services]),
        T.appointment_slot.is_not(None),
        T.appointment_slot <= now,
        order=(T.appointment_slot, T.queue_at, T.id),
    )
    if due is not None:
        return [due]
    prio = and_(T.priority.is_not(None), T.priority != "")
    for svc in c.conf.services:
        for group in (prio, not_(prio)):
            t = _best(c, T.to_counter_id.is_(None), T.service_id == svc.id, group)
            if t is not None:
                mine.append(t)
    return mine


def call_next(c: Ctx, _: None) -> None:
    _ready_to_call(c)
    for _ in range(100):  # each lost claim means another counter took one: bounded
        rows = _shortlist(c)
        by_id = {t.id: t for t in rows}
        pick = choose_next([candidate(t) for t in rows], c.policy(), c.now)
        if pick is None:
            break
        t = by_id[pick.ticket_id]
        if _claim(c, t):
            _called(c, t)
            return
    raise DomainError(ErrorCode.QUEUE_EMPTY)


def call_specific(c: Ctx, body: CallBody) -> None:
    _ready_to_call(c)
    t = c.s.get(Ticket, body.ticket_id)
    if t is None or t.site != c.site.code:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    next_status(S(t.status), Action.CALL)
    if not _claim(c, t):
        raise DomainError(ErrorCode.TICKET_NOT_WAITING)
    _called(c, t)


def recall(c: Ctx, _: None) -> None:
    t = c.need_current()
    next_status(S(t.status), Action.RECALL)
    t.recall_count += 1
    t.called_at = utc(c.now)
    c.emit(EventType.TICKET_RECALLED, t)


def _move(c: Ctx, action: Action, stamp: str | None, event: EventType, release: bool) -> None:
    t = c.need_current()
    t.status = next_status(S(t.status), action).value
    if stamp:
        setattr(t, stamp, utc(c.now))
    if release:
        c.row.current_ticket_id = None
    c.row.since = utc(c.now)
    c.emit(event, t)


def start(c: Ctx, _: None) -> None:
    _move(c, Action.START, "started_at", EventType.TICKET_STARTED, release=False)


def finish(c: Ctx, _: None) -> None:
    _move(c, Action.FINISH, "finished_at", EventType.TICKET_FINISHED, release=True)


def no_show(c: Ctx, _: None) -> None:
    _move(c, Action.NO_SHOW, None, EventType.TICKET_NO_SHOW, release=True)


def return_ticket(c: Ctx, body: ReturnBody) -> None:
    t = c.s.get(Ticket, body.ticket_id)
    if t is None or t.site != c.site.code:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    t.status = next_status(S(t.status), Action.RETURN).value
    t.to_counter_id = c.conf.id  # the citizen came back to this counter: it goes first here
    c.emit(EventType.TICKET_RETURNED, t)


def transfer(c: Ctx, body: TransferBody) -> None:
    t = c.need_current()
    t.status = next_status(S(t.status), Action.TRANSFER).value
    extra: dict[str, Any] = {"from_service_id": t.service_id}
    if body.service_id is not None:
        if c.cfg.service(body.service_id) is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, body.service_id)
        t.service_id, t.to_counter_id = body.service_id, None
        extra["to_service_id"] = body.service_id
    else:
        if c.cfg.counter(body.to_counter_id or 0) is None:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(body.to_counter_id))
        t.to_counter_id = body.to_counter_id
        extra["to_counter_id"] = body.to_counter_id
    t.called_at = t.started_at = None  # queue_at is kept: the ticket keeps its place
    c.row.current_ticket_id = None
    c.row.since = utc(c.now)
    c.emit(EventType.TICKET_TRANSFERRED, t, **extra)


def open_counter(c: Ctx, _: None) -> None:
    mine = c.row.clerk_user_id == c.who.id and c.who.kind == "user"
    if c.row.status != CounterStatus.CLOSED.value and mine:
        return  # opening twice (a retry after a network cut) changes nothing
    if c.row.status != CounterStatus.CLOSED.value and c.who.role == Role.CLERK:
        raise DomainError(ErrorCode.COUNTER_TAKEN)
    c.row.status = CounterStatus.OPEN.value
    c.row.clerk_user_id = c.who.id if c.who.kind == "user" else None
    c.row.pause_reason = None
    c.row.since = utc(c.now)
    c.emit(EventType.COUNTER_OPENED, None)


def close_counter(c: Ctx, _: None) -> None:
    t = c.current()
    if t is not None and t.status in (S.CALLED.value, S.SERVING.value):
        raise DomainError(ErrorCode.COUNTER_BUSY, t.number_text)
    c.row.status = CounterStatus.CLOSED.value
    c.row.clerk_user_id = None
    c.row.pause_reason = None
    c.row.current_ticket_id = None
    c.row.since = utc(c.now)
    c.emit(EventType.COUNTER_CLOSED, None)


def pause(c: Ctx, body: PauseBody) -> None:
    if c.row.status == CounterStatus.PAUSED.value:
        raise DomainError(ErrorCode.COUNTER_PAUSED)
    c.row.status = CounterStatus.PAUSED.value
    c.row.pause_reason = body.reason.strip()
    c.row.since = utc(c.now)
    c.emit(EventType.COUNTER_PAUSED, None, reason=c.row.pause_reason)


def resume(c: Ctx, _: None) -> None:
    if c.row.status != CounterStatus.PAUSED.value:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "counter is not paused")
    c.row.status = CounterStatus.OPEN.value
    c.row.pause_reason = None
    c.row.since = utc(c.now)
    c.emit(EventType.COUNTER_RESUMED, None)


Handler = Callable[[Ctx, Any], None]
HANDLERS: dict[str, tuple[Handler, type[BaseModel] | None]] = {
    "open": (open_counter, None),
    "close": (close_counter, None),
    "pause": (pause, PauseBody),
    "resume": (resume, None),
    "call-next": (call_next, None),
    "call": (call_specific, CallBody),
    "recall": (recall, None),
    "start": (start, None),
    "finish": (finish, None),
    "no-show": (no_show, None),
    "return": (return_ticket, ReturnBody),
    "transfer": (transfer, TransferBody),
}


def counter_command(
    ctx: Context, who: Principal, counter_id: int, action: str, body: BaseModel | None = None
) -> CounterState:
    handler, _ = HANDLERS[action]

    def cmd(uow: UnitOfWork) -> CounterState:
        s = uow.session
        site = load_site(s, who.site)
        cfg = ctx.config_of(site)
        ensure_day(ctx, uow, site, cfg)
        conf = cfg.counter(counter_id)
        row = s.execute(
            select(Counter)
            .where(Counter.site == site.code, Counter.id == counter_id)
            .with_for_update()
        ).scalar_one_or_none()
        if conf is None or row is None:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
        c = Ctx(ctx, uow, who, site, cfg, conf, row)
        if action != "open":
            if row.status == CounterStatus.CLOSED.value:
                raise DomainError(ErrorCode.COUNTER_CLOSED)
            if who.role == Role.CLERK and row.clerk_user_id != who.id:
                raise DomainError(ErrorCode.NOT_YOUR_COUNTER)
        handler(c, body)
        state = c.state()
        uow.commit()
        return state

    return ctx.run(cmd)
