"""What the public may see of one ticket, by its unguessable tracking code."""

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from protocol.errors import ErrorCode
from protocol.snapshot import TrackingInfo
from server.domain import views
from server.domain.errors import DomainError
from server.store.context import Context
from server.store.hall_store import ticket_of
from server.store.tables import Ticket

_BY_CODE = select(Ticket).where(Ticket.tracking_code == bindparam("code"))
_BY_ID = select(Ticket).where(Ticket.id == bindparam("tid"))


@dataclass(frozen=True)
class TicketRef:
    """Where a tracking code points: its site and ticket (found once per connection)."""

    site: str
    ticket_id: int
    service_id: str


def ticket_of_code(ctx: Context, code: str) -> TicketRef:
    with ctx.db.reader.connect() as conn:
        row = conn.execute(_BY_CODE, {"code": code}).first()
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    return TicketRef(row.site, row.id, row.service_id)


def tracking_info(ctx: Context, code: str) -> TrackingInfo:
    with ctx.db.reader.connect() as conn:
        row = conn.execute(_BY_CODE, {"code": code}).first()
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    with ctx.halls.read(row.site) as hall:
        t = hall.tickets.get(row.id) or ticket_of(row)
        return views.tracking(hall, t, ctx.now())


def tracking_of(ctx: Context, ref: TicketRef) -> TrackingInfo:
    """`tracking_info` for a ticket already found: the hall holds every live ticket, so
    only one that has left it (done, cancelled) costs a read of its row."""
    with ctx.halls.read(ref.site) as hall:
        t = hall.tickets.get(ref.ticket_id)
        if t is not None:
            return views.tracking(hall, t, ctx.now())
    with ctx.db.reader.connect() as conn:
        row = conn.execute(_BY_ID, {"tid": ref.ticket_id}).first()
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    with ctx.halls.read(ref.site) as hall:
        return views.tracking(hall, hall.tickets.get(row.id) or ticket_of(row), ctx.now())
