"""What the public may see of one ticket, by its unguessable tracking code."""

from sqlalchemy import select
from sqlmodel import Session

from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.snapshot import TrackingInfo
from server.commands.context import Context, load_site
from server.domain.errors import DomainError
from server.queries.places import place_in_queue
from server.store.convert import aware
from server.store.tables import Ticket


def tracking_info(ctx: Context, code: str) -> TrackingInfo:
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        t = s.execute(select(Ticket).where(Ticket.tracking_code == code)).scalar_one_or_none()
        if t is None:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        site = load_site(s, t.site)
        cfg = ctx.config_of(site)
        place = place_in_queue(s, t, cfg, ctx.now())
        svc = cfg.service(t.service_id)
        waiting = t.status == TicketStatus.WAITING.value
        return TrackingInfo(
            number=t.number_text,
            service_id=t.service_id,
            service_name=svc.name if svc else t.service_id,
            status=TicketStatus(t.status),
            position=place.position if waiting else None,
            ahead=place.ahead if waiting else None,
            estimated_wait_s=place.estimated_wait_s if waiting else None,
            counter_id=t.counter_id if t.status in ("called", "serving") else None,
            issued_at=aware(t.issued_at),
            site_name=cfg.name,
        )
