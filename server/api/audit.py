"""The audit trail for managers: `GET /audit`, one day of their centre's event log said
in plain words, newest first, 50 a page."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator

from protocol.admin import AuditPage
from protocol.events import EventType
from protocol.inputs import CounterNo
from server.api.deps import CentreManager, ServicesDep
from server.queries.audit import AuditQuery, audit_page

router = APIRouter(tags=["audit"])


def _plausible(v: date) -> date:
    if not 2000 <= v.year <= 2100:
        raise ValueError("year must be within 2000…2100")
    return v


Day = Annotated[date, AfterValidator(_plausible)]


@router.get("/audit")
def get_audit(
    who: CentreManager,
    svc: ServicesDep,
    day: Annotated[Day | None, Query(description="YYYY-MM-DD; default: today")] = None,
    actor: Annotated[
        str | None,
        Query(min_length=1, max_length=128, description="username, full name or device"),
    ] = None,
    counter: Annotated[CounterNo | None, Query()] = None,
    number: Annotated[
        str | None, Query(pattern=r"^[\w.-]{1,16}$", description='as shown: "1023", "A012"')
    ] = None,
    type_: Annotated[EventType | None, Query(alias="type")] = None,
    cursor: Annotated[
        str | None, Query(pattern=r"^[1-9][0-9]{0,17}$", description="next_cursor of a page")
    ] = None,
) -> AuditPage:
    q = AuditQuery(
        day=day,
        actor=actor,
        counter=counter,
        number=number,
        type=type_,
        before=int(cursor) if cursor else None,
    )
    return audit_page(svc.ctx, who.site, q)
