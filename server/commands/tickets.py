"""Issuing tickets (kiosk) and what happens to a ticket outside a counter."""

from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from protocol.commands import PrintFailedBody, TicketCreate
from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.events import EventType
from protocol.snapshot import TicketIssued, TicketPublic
from server.centre import CentreConfig
from server.commands.context import Context, ensure_day, load_site
from server.domain.clock import business_day, within_hours
from server.domain.errors import DomainError
from server.domain.lifecycle import Action, next_status
from server.principal import Principal
from server.queries.places import place_in_queue
from server.security import new_tracking_code
from server.store.convert import aware, ticket_public, utc
from server.store.tables import Appointment, Device, NumberCounter, Ticket
from server.store.uow import UnitOfWork


def issued_view(
    uow: UnitOfWork, t: Ticket, cfg: CentreConfig, ctx: Context, base_url: str
) -> TicketIssued:
    place = place_in_queue(uow.session, t, cfg, ctx.now())
    svc = cfg.service(t.service_id)
    return TicketIssued(
        **ticket_public(t).model_dump(),
        position=place.position,
        ahead=place.ahead,
        estimated_wait_s=place.estimated_wait_s,
        tracking_code=t.tracking_code,
        tracking_url=f"{base_url.rstrip('/')}/t/{t.tracking_code}",
        service_name=svc.name if svc else t.service_id,
        procedure_name=cfg.procedure_name(t.procedure_id),
    )


def _upsert_number(dialect_insert: Any) -> Any:
    stmt = dialect_insert(NumberCounter).values(
        site=bindparam("site"), service_id=bindparam("service_id"), day=bindparam("day"), last=1
    )
    return stmt.on_conflict_do_update(
        index_elements=["site", "service_id", "day"],
        set_={"last": NumberCounter.last + 1},
    ).returning(NumberCounter.last)


# The hot path's statements are built once: building SQLAlchemy expressions per request
# cost more than running them.
_NEXT_NUMBER = {"postgresql": _upsert_number(pg_insert), "sqlite": _upsert_number(sqlite_insert)}
_BY_IDEM_KEY = select(Ticket).where(
    Ticket.site == bindparam("site"), Ticket.idempotency_key == bindparam("key")
)
_IDEM_KEY_USED = select(Ticket.id).where(
    Ticket.site == bindparam("site"), Ticket.idempotency_key == bindparam("key")
)
_KIOSK_RECENT = (
    select(func.count())
    .select_from(Ticket)
    .where(Ticket.device_id == bindparam("device"), Ticket.issued_at > bindparam("since"))
)
_INSERT_TICKET = insert(Ticket).returning(Ticket.id)
_TICKET_COLUMNS = [c.name for c in Ticket.__table__.columns if c.name != "id"]


def _next_number(uow: UnitOfWork, site: str, service_id: str, day: object) -> int:
    """Atomic `last + 1` per (site, service, day), in SQLite and PostgreSQL alike."""
    conn = uow.session.connection()
    stmt = _NEXT_NUMBER["postgresql" if conn.dialect.name == "postgresql" else "sqlite"]
    params = {"site": site, "service_id": service_id, "day": day}
    return int(conn.execute(stmt, params).scalar_one())


def issue_ticket(
    ctx: Context, who: Principal, body: TicketCreate, idem_key: str | None, base_url: str
) -> tuple[TicketIssued, bool]:
    """Returns the ticket and whether it was created now (False: an idempotent retry)."""

    def cmd(uow: UnitOfWork) -> tuple[TicketIssued, bool]:
        s = uow.session
        site = load_site(s, who.site)
        cfg = ctx.config_of(site)
        ensure_day(ctx, uow, site, cfg)
        now = ctx.now()
        if idem_key:
            key = {"site": site.code, "key": idem_key}
            used = s.connection().execute(_IDEM_KEY_USED, key).first() is not None
            old = s.execute(_BY_IDEM_KEY, key).scalar_one_or_none() if used else None
            if old is not None:
                same = (
                    body.service_id in (None, old.issued_service_id)
                    and body.appointment_code == old.appointment_code
                )
                if not same:
                    raise DomainError(ErrorCode.IDEMPOTENCY_CONFLICT)
                view = issued_view(uow, old, cfg, ctx, base_url)
                uow.rollback()
                return view, False
        service_id = body.service_id
        appt: Appointment | None = None
        if body.appointment_code:
            appt = s.get(Appointment, (site.code, body.appointment_code.strip().upper()))
            if appt is None or business_day(aware(appt.slot_start), cfg.tz) != site.business_day:
                raise DomainError(ErrorCode.APPOINTMENT_INVALID)
            if appt.ticket_id is not None:
                raise DomainError(ErrorCode.APPOINTMENT_USED)
            service_id = appt.service_id
        svc = cfg.service(service_id or "")
        if svc is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, service_id)
        if body.procedure_id is not None and cfg.procedure_service(body.procedure_id) != svc.id:
            raise DomainError(ErrorCode.UNKNOWN_PROCEDURE, body.procedure_id)
        if body.priority is not None and body.priority not in {g.code for g in cfg.priority_groups}:
            raise DomainError(ErrorCode.UNKNOWN_PRIORITY, body.priority)
        if svc.closed:
            raise DomainError(ErrorCode.SERVICE_CLOSED, svc.id)
        if cfg.enforce_hours and not within_hours(now, cfg.tz, cfg.hours_parsed()):
            raise DomainError(ErrorCode.OUTSIDE_HOURS)
        if who.kind == "device":
            since = utc(now - timedelta(seconds=cfg.kiosk_limit.per_seconds))
            params = {"device": who.id, "since": since}
            recent = s.connection().execute(_KIOSK_RECENT, params).scalar_one()
            if recent >= cfg.kiosk_limit.tickets:
                raise DomainError(ErrorCode.TOO_MANY_TICKETS)
        seq_in_day = _next_number(uow, site.code, svc.id, site.business_day)
        if svc.daily_limit is not None and seq_in_day > svc.daily_limit:
            raise DomainError(ErrorCode.DAILY_LIMIT_REACHED, svc.id)
        scheme = svc.numbers.scheme()
        number = scheme.nth(seq_in_day)
        t = Ticket(
            site=site.code,
            day=site.business_day,
            issued_service_id=svc.id,
            service_id=svc.id,
            procedure_id=body.procedure_id,
            number=number,
            number_text=scheme.text(number),
            priority=body.priority,
            appointment_code=appt.code if appt else None,
            appointment_slot=appt.slot_start if appt else None,
            status=TicketStatus.WAITING.value,
            queue_at=utc(now),
            issued_at=utc(now),
            tracking_code=new_tracking_code(),
            idempotency_key=idem_key,
            device_id=who.id if who.kind == "device" else None,
        )
        # Core insert: the ORM flush of one ticket cost more than the rest of the command.
        values = {c: getattr(t, c) for c in _TICKET_COLUMNS}
        t.id = s.connection().execute(_INSERT_TICKET, values).scalar_one()
        if appt is not None:
            appt.ticket_id = t.id
        view = issued_view(uow, t, cfg, ctx, base_url)
        uow.emit(
            site.code,
            EventType.TICKET_ISSUED,
            {"ticket": ticket_public(t).model_dump(mode="json"), "position": view.position},
            who.actor,
            now,
        )
        uow.commit()
        return view, True

    return ctx.run(cmd)


def get_ticket(ctx: Context, who: Principal, ticket_id: int, base_url: str) -> TicketIssued:
    with ctx.uow() as uow:
        site = load_site(uow.session, who.site)
        t = uow.session.get(Ticket, ticket_id)
        if t is None or t.site != who.site:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        return issued_view(uow, t, ctx.config_of(site), ctx, base_url)


def report_print_failed(
    ctx: Context, who: Principal, ticket_id: int, body: PrintFailedBody
) -> None:
    def cmd(uow: UnitOfWork) -> None:
        s = uow.session
        t = s.get(Ticket, ticket_id)
        if t is None or t.site != who.site:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        now = ctx.now()
        if who.kind == "device":
            dev = s.get(Device, who.id)
            if dev is not None:
                dev.printer_error = body.reason
                dev.printer_error_at = utc(now)
        uow.emit(
            who.site,
            EventType.TICKET_PRINT_FAILED,
            {
                "ticket": ticket_public(t).model_dump(mode="json"),
                "device": who.name,
                "reason": body.reason,
            },
            who.actor,
            now,
        )
        uow.commit()

    ctx.run(cmd)


def report_print_ok(ctx: Context, who: Principal) -> None:
    """A kiosk printed again: clear its printer alarm (no event: nothing changed in a queue)."""

    def cmd(uow: UnitOfWork) -> None:
        dev = uow.session.get(Device, who.id)
        if dev is not None and dev.printer_error is not None:
            dev.printer_error = None
            dev.printer_error_at = None
            uow.commit()

    if who.kind == "device":
        ctx.run(cmd)


def cancel_ticket(ctx: Context, who: Principal, ticket_id: int) -> TicketPublic:
    def cmd(uow: UnitOfWork) -> TicketPublic:
        s = uow.session
        site = load_site(s, who.site)
        ensure_day(ctx, uow, site, ctx.config_of(site))
        t = s.get(Ticket, ticket_id)
        if t is None or t.site != who.site:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        t.status = next_status(TicketStatus(t.status), Action.CANCEL).value
        t.finished_at = utc(ctx.now())
        pub = ticket_public(t)
        uow.emit(
            who.site,
            EventType.TICKET_CANCELLED,
            {"ticket": pub.model_dump(mode="json")},
            who.actor,
            ctx.now(),
        )
        uow.commit()
        return pub

    return ctx.run(cmd)
