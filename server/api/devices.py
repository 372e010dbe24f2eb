"""A device about itself: a kiosk's report of its printer (found by its own check)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from protocol.commands import PrinterReport
from protocol.enums import Role
from protocol.views import Reported
from server.api.deps import ServicesDep, require
from server.commands.tickets import report_printer_state
from server.principal import Principal

router = APIRouter(prefix="/devices", tags=["kiosk"])
Kiosk = Annotated[Principal, Depends(require(Role.KIOSK))]


@router.post("/me/printer", status_code=202)
def post_my_printer(body: PrinterReport, who: Kiosk, svc: ServicesDep) -> Reported:
    """The kiosk's printer, as its background check found it, sent when that changes:
    `paper-out`, `offline`… raise the supervisors' printer alarm, `ok` clears it."""
    report_printer_state(svc.ctx, who, body)
    return Reported()
