"""The citizen's rating after "finish": one per ticket, into the log and the figures."""

from sqlalchemy.exc import IntegrityError

from protocol.commands import RatingCreate, RatingPublic
from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.events import EventType
from protocol.inputs import normal_reason, reason_problem
from server.commands.context import Context, load_site
from server.domain.errors import DomainError
from server.principal import Principal
from server.store.convert import aware, utc
from server.store.tables import Rating, Ticket, User
from server.store.uow import UnitOfWork


def submit_rating(ctx: Context, who: Principal, body: RatingCreate) -> RatingPublic:
    def cmd(uow: UnitOfWork) -> RatingPublic:
        s = uow.session
        cfg = ctx.config_of(load_site(s, who.site))
        levels = {lv.code: lv for lv in cfg.rating_levels}
        if body.level not in levels:
            raise DomainError(ErrorCode.UNKNOWN_RATING_LEVEL, body.level)
        # Each reason is one of the centre's list or "Khác: <text>"; none is cut short.
        for reason in body.reasons:
            problem = reason_problem(reason, cfg.rating_reasons)
            if problem is not None:
                raise DomainError(ErrorCode.UNKNOWN_REASON, f"{reason[:40]!r}: {problem}")
        reasons = [normal_reason(r) for r in body.reasons]
        t = s.get(Ticket, body.ticket_id)
        if t is None or t.site != who.site:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        if who.counter_id is not None and t.counter_id != who.counter_id:
            raise DomainError(ErrorCode.NOT_YOUR_COUNTER)
        if t.status != TicketStatus.DONE.value:
            raise DomainError(ErrorCode.NOT_RATABLE)
        if s.get(Rating, t.id) is not None:
            raise DomainError(ErrorCode.ALREADY_RATED)
        now = ctx.now()
        assert t.id is not None
        r = Rating(
            ticket_id=t.id,
            site=who.site,
            counter_id=t.counter_id,
            clerk_user_id=t.clerk_user_id,
            level=body.level,
            reasons=reasons,
            at=utc(now),
            device_id=who.id if who.kind == "device" else None,
        )
        s.add(r)
        s.flush()
        clerk = s.get(User, t.clerk_user_id) if t.clerk_user_id else None
        pub = RatingPublic(
            ticket_id=t.id,
            counter_id=t.counter_id,
            clerk=(clerk.full_name or clerk.username) if clerk else None,
            level=r.level,
            reasons=reasons,
            at=aware(r.at),
        )
        uow.emit(
            who.site,
            EventType.RATING_SUBMITTED,
            {"rating": pub.model_dump(mode="json"), "number": t.number_text},
            who.actor,
            now,
        )
        uow.commit()
        return pub

    try:
        return ctx.run(cmd, attempts=1)
    except DomainError as e:
        if e.code == ErrorCode.CONFLICT:  # two pads raced on one ticket: the first won
            raise DomainError(ErrorCode.ALREADY_RATED) from None
        raise
    except IntegrityError:
        raise DomainError(ErrorCode.ALREADY_RATED) from None
