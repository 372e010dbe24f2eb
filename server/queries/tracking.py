"""What the public may see of one ticket, by its unguessable tracking code."""

from sqlalchemy import bindparam, select

from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.snapshot import TrackingInfo
from server.domain import views
from server.domain.errors import DomainError
from server.store.context import Context
from server.store.hall_store import ticket_of
from server.store.tables import Ticket

_BY_CODE = select(Ticket).where(Ticket.tracking_code == bindparam("code"))


def tracking_info(ctx: Context, code: str) -> TrackingInfo:
    with ctx.db.reader.connect() as conn:
        row = conn.execute(_BY_CODE, {"code": code}).first()
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_TICKET)
    with ctx.halls.read(row.site) as hall:
        t = hall.tickets.get(row.id) or ticket_of(row)
        place = views.place_of(hall, t, ctx.now())
        svc = hall.cfg.service(t.service_id)
        return TrackingInfo(
            number=t.number,
            service_id=t.service_id,
            service_name=svc.name if svc else t.service_id,
            status=t.status,
            position=place.position if place else None,
            ahead=place.ahead if place else None,
            estimated_wait_s=place.estimated_wait_s if place else None,
            counter_id=t.counter_id
            if t.status in (TicketStatus.CALLED, TicketStatus.SERVING)
            else None,
            issued_at=t.issued_at,
            site_name=hall.cfg.name,
        )
