"""Live supervision, for managers (admin, supervisor): today's alerts and their
acknowledgement, the waiting list across fields, and moving a waiting ticket (to the front
of its field, or to another field)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from protocol.admin import AlertPublic, MoveToFrontBody, SupervisorTransferBody
from protocol.inputs import RowId
from protocol.snapshot import TicketPublic, WaitingTicket
from server.api.deps import CentreManager, ServicesDep
from server.commands import supervision

router = APIRouter(tags=["supervision"])
TicketId = Annotated[RowId, Path()]
AlertId = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/alerts")
def get_alerts(
    who: CentreManager, svc: ServicesDep, active: Annotated[bool, Query()] = False
) -> list[AlertPublic]:
    """Today's alerts, active first, newest first; `?active=true`: only those whose
    condition still holds. Each is also pushed on the stream as `alert.raised`,
    `alert.cleared` and `alert.acked`."""
    return supervision.list_alerts(svc.ctx, who, active)


@router.post("/alerts/{alert_id}/ack")
def post_ack(alert_id: AlertId, who: CentreManager, svc: ServicesDep) -> AlertPublic:
    """A supervisor has seen the alert (acknowledging again answers the same)."""
    return supervision.ack_alert(svc.ctx, who, alert_id)


@router.get("/waiting")
def get_waiting(
    who: CentreManager,
    svc: ServicesDep,
    service_id: Annotated[str | None, Query(max_length=64)] = None,
) -> list[WaitingTicket]:
    """Every waiting ticket, field by field, each field in the order its counters call
    it, with each ticket's place and estimated wait."""
    return supervision.waiting_by_field(svc.ctx, who, service_id)


@router.post("/tickets/{ticket_id}/move-to-front")
def post_move_to_front(
    ticket_id: TicketId, body: MoveToFrontBody, who: CentreManager, svc: ServicesDep
) -> TicketPublic:
    """The waiting ticket is the next one called in its field (`ticket.moved`)."""
    return supervision.move_to_front(svc.ctx, who, ticket_id, body.reason)


@router.post("/tickets/{ticket_id}/transfer")
def post_transfer(
    ticket_id: TicketId, body: SupervisorTransferBody, who: CentreManager, svc: ServicesDep
) -> TicketPublic:
    """The waiting ticket goes to another field, keeping its place in line."""
    return supervision.transfer_waiting(svc.ctx, who, ticket_id, body.service_id)
