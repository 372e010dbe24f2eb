"""Issuing tickets (kiosk) and what happens to a ticket outside a counter.

Each command is: bring the hall, let the domain decide, write what it decided."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, select

from protocol.commands import PrinterReport, PrintFailedBody, TicketCreate
from protocol.errors import ErrorCode
from protocol.events import EventType, PrintFailedData
from protocol.snapshot import TicketIssued, TicketPublic
from server.domain import decide, views
from server.domain.actor import Principal
from server.domain.errors import DomainError
from server.domain.hall import Hall
from server.domain.model import Ticket
from server.security import new_tracking_code
from server.store import hall_store
from server.store.context import Context
from server.store.convert import aware, utc
from server.store.halls import HallTx
from server.store.tables import Appointment, Device
from server.store.tables import Ticket as TicketRow
from server.store.uow import UnitOfWork

_BY_IDEM_KEY = select(TicketRow).where(
    TicketRow.site == bindparam("site"),
    TicketRow.idempotency_owner == bindparam("owner"),
    TicketRow.idempotency_key == bindparam("key"),
)
_BY_ID = select(TicketRow).where(TicketRow.id == bindparam("id"))


def issued_view(hall: Hall, t: Ticket, tracking_code: str, base_url: str, now: Any) -> TicketIssued:
    place = views.place_of(hall, t, now)
    svc = hall.cfg.service(t.service_id)
    return TicketIssued(
        **t.public().model_dump(),
        position=place.position if place else 0,
        ahead=place.ahead if place else 0,
        estimated_wait_s=place.estimated_wait_s if place else 0,
        tracking_code=tracking_code,
        tracking_url=f"{base_url.rstrip('/')}/t/{tracking_code}",
        service_name=svc.name if svc else t.service_id,
        procedure_name=hall.cfg.procedure_name(t.procedure_id),
    )


def _stored_view(tx: HallTx, row: Any, base_url: str) -> TicketIssued:
    t = tx.hall.tickets.get(row.id) or hall_store.ticket_of(row)
    return issued_view(tx.hall, t, row.tracking_code, base_url, tx.now)


def issue_ticket(
    ctx: Context, who: Principal, body: TicketCreate, idem_key: str | None, base_url: str
) -> tuple[TicketIssued, bool]:
    """Returns the ticket and whether it was created now (False: an idempotent retry)."""
    return ctx.halls.write(who.site, issue_command(who, body, idem_key, base_url))  # type: ignore[no-any-return]


def issue_command(
    who: Principal, body: TicketCreate, idem_key: str | None, base_url: str
) -> Callable[[HallTx], tuple[TicketIssued, bool]]:
    """The issue decision, for a unit of work (`Halls.write` or `Halls.awrite`)."""

    # A key is the caller's own: one kiosk's key never finds another kiosk's ticket.
    owner = idempotency_owner(who) if idem_key else None

    def cmd(tx: HallTx) -> tuple[TicketIssued, bool]:
        hall, conn = tx.hall, tx.conn
        # A retried key is rare: in a group its insert hits the unique key and the group
        # runs again one by one, where the key is looked up first.
        if (
            idem_key
            and owner
            and tx.alone
            and tx.raw.ticket_with_key(hall.site, owner, idem_key) is not None
        ):
            params = {"site": hall.site, "owner": owner, "key": idem_key}
            old = conn.execute(_BY_IDEM_KEY, params).first()
            if old is not None:
                same = (
                    body.service_id in (None, old.issued_service_id)
                    and body.appointment_code == old.appointment_code
                )
                if not same:
                    raise DomainError(ErrorCode.IDEMPOTENCY_CONFLICT)
                return _stored_view(tx, old, base_url), False
        booking = _booking(conn, hall.site, body.appointment_code)
        plan = decide.plan_ticket(
            hall, who, body.service_id, body.procedure_id, body.priority, booking, tx.now
        )
        tracking = new_tracking_code()
        tid = tx.raw.insert_ticket(
            {
                "site": hall.site,
                "day": hall.day,
                "issued_service_id": plan.service_id,
                "service_id": plan.service_id,
                "procedure_id": plan.procedure_id,
                "number": plan.number,
                "number_text": plan.number_text,
                "priority": plan.priority,
                "appointment_code": plan.appointment_code,
                "appointment_slot": plan.appointment_slot,
                "status": "waiting",
                "queue_at": tx.now,
                "issued_at": tx.now,
                "tracking_code": tracking,
                "idempotency_key": idem_key,
                "idempotency_owner": owner,
                "device_id": plan.device_id,
                "channel": plan.channel,
            },
        )
        if booking is not None:
            conn.execute(
                Appointment.__table__.update()
                .where(Appointment.site == hall.site, Appointment.code == booking.code)
                .values(ticket_id=tid)
            )
        t = decide.issue(hall, plan, tid, who, tx.now)
        view = issued_view(hall, t, tracking, base_url, tx.now)
        return view.model_copy(update={"notice": plan.notice}), True

    return cmd


def idempotency_owner(who: Principal) -> str:
    """Whose Idempotency-Key it is, as stored beside the key: "device:7", "user:3"."""
    return f"{who.kind}:{who.id}"


def _booking(conn: Any, site: str, code: str | None) -> decide.Booking | None:
    if not code:
        return None
    code = code.strip().upper()
    row = conn.execute(
        select(Appointment).where(Appointment.site == site, Appointment.code == code)
    ).first()
    if row is None:
        raise DomainError(ErrorCode.APPOINTMENT_INVALID)
    return decide.Booking(code, row.service_id, aware(row.slot_start), row.ticket_id is not None)  # type: ignore[arg-type]


def get_ticket(ctx: Context, who: Principal, ticket_id: int, base_url: str) -> TicketIssued:
    with ctx.halls.read(who.site) as hall, ctx.db.reader.connect() as conn:
        row = conn.execute(_BY_ID, {"id": ticket_id}).first()
        if row is None or row.site != who.site:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        t = hall.tickets.get(row.id) or hall_store.ticket_of(row)
        return issued_view(hall, t, row.tracking_code, base_url, ctx.now())


def report_print_failed(
    ctx: Context, who: Principal, ticket_id: int, body: PrintFailedBody
) -> None:
    def cmd(tx: HallTx) -> None:
        row = tx.conn.execute(_BY_ID, {"id": ticket_id}).first()
        if row is None or row.site != who.site:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        if who.kind == "device":
            tx.conn.execute(
                Device.__table__.update()
                .where(Device.id == who.id)
                .values(printer_error=body.reason, printer_error_at=utc(tx.now))
            )
        t = tx.hall.tickets.get(row.id) or hall_store.ticket_of(row)
        data = PrintFailedData(
            ticket=t.public(), device=who.name, reason=body.reason, actor=who.actor
        )
        tx.hall.emit(EventType.TICKET_PRINT_FAILED, data, tx.now)

    ctx.halls.write(who.site, cmd)


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


def report_printer_state(ctx: Context, who: Principal, body: PrinterReport) -> None:
    """A kiosk's own check of its printer, before or between tickets: "ok" clears its
    alarm, anything else raises it (the `GET /stats/today` printers, `GET /devices`),
    like a failed print does. No event: no queue changed, and no ticket is involved."""
    error = None
    if body.state != "ok":
        error = (f"{body.state}: {body.detail}" if body.detail else body.state)[:200]

    def cmd(uow: UnitOfWork) -> None:
        dev = uow.session.get(Device, who.id)
        if dev is None or dev.printer_error == error:
            return  # the same problem again: keep when it began
        dev.printer_error = error
        dev.printer_error_at = utc(ctx.now()) if error is not None else None
        uow.commit()

    if who.kind == "device":
        ctx.run(cmd)


def cancel_ticket(ctx: Context, who: Principal, ticket_id: int) -> TicketPublic:
    return ctx.halls.write(  # type: ignore[no-any-return]
        who.site, lambda tx: decide.cancel(tx.hall, who, ticket_id, tx.now)
    )
