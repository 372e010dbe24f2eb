"""Tickets: issue (kiosk), look up, report a failed print, cancel."""

from typing import Annotated

from fastapi import APIRouter, Header, Path, Response

from protocol.commands import PrintFailedBody, TicketCreate
from protocol.enums import Role
from protocol.errors import ErrorCode
from protocol.inputs import RowId
from protocol.snapshot import TicketIssued, TicketPublic
from protocol.views import Reported
from server.api.answers import model_answer
from server.api.deps import CentreManager, KioskOrAdmin, ServicesDep, StaffOrKiosk
from server.commands.tickets import (
    cancel_ticket,
    get_ticket,
    issue_command,
    report_print_failed,
    report_print_ok,
)
from server.domain.errors import DomainError

router = APIRouter(prefix="/tickets", tags=["kiosk"])
TicketId = Annotated[RowId, Path()]
# A client's key for one intent ("take a number" pressed once), e.g. a UUID: printable
# ASCII without spaces. Required from kiosks (their retries must not issue twice); an
# admin issuing by hand may omit it. Scoped to the caller: one kiosk's key never finds
# another's ticket.
IdempotencyKey = Annotated[
    str | None, Header(min_length=1, max_length=128, pattern=r"^[\x21-\x7e]+$")
]


@router.post("", status_code=201, response_model=TicketIssued)
async def post_ticket(
    body: TicketCreate,
    who: KioskOrAdmin,
    svc: ServicesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    if idempotency_key is None and who.role == Role.KIOSK:
        raise DomainError(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "send an Idempotency-Key header")
    decision = issue_command(who, body, idempotency_key, svc.settings.public_base_url)
    ticket, created = await svc.ctx.halls.awrite(who.site, decision)
    if not created:
        return model_answer(ticket, 201, **{"Idempotent-Replayed": "true"})
    return model_answer(ticket, 201)


@router.get("/{ticket_id}")
def read_ticket(ticket_id: TicketId, who: StaffOrKiosk, svc: ServicesDep) -> TicketIssued:
    return get_ticket(svc.ctx, who, ticket_id, svc.settings.public_base_url)


@router.post("/{ticket_id}/print-failed", status_code=202)
def post_print_failed(
    ticket_id: TicketId, body: PrintFailedBody, who: KioskOrAdmin, svc: ServicesDep
) -> Reported:
    report_print_failed(svc.ctx, who, ticket_id, body)
    return Reported()


@router.post("/{ticket_id}/printed", status_code=202)
def post_printed(ticket_id: TicketId, who: KioskOrAdmin, svc: ServicesDep) -> Reported:
    """The kiosk printed a ticket: its printer works again (clears the supervisors' alarm)."""
    report_print_ok(svc.ctx, who)
    return Reported()


@router.post("/{ticket_id}/cancel")
def post_cancel(ticket_id: TicketId, who: CentreManager, svc: ServicesDep) -> TicketPublic:
    return cancel_ticket(svc.ctx, who, ticket_id)
