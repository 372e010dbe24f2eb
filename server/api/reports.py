"""Reports: `GET /reports?from=&to=&by=[&site=][&format=xlsx]`, supervisors and admins.

`report_sites` says which centres: a centre user's own; a province user's `?site=`, or
every centre of the province with `?site=*`.
"""

import asyncio
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from protocol.errors import ErrorCode
from protocol.reports import Report, ReportBy
from server.api.deps import Managers, ServicesDep, scoped_site
from server.domain.errors import DomainError
from server.queries.reports import build_report
from server.queries.reports_xlsx import XLSX_TYPE, workbook
from server.queries.sites import managed_sites
from server.store.report_log import LiveDays

router = APIRouter(tags=["reports"])
EVERY_CENTRE = "*"
SiteCode = Annotated[
    str | None,
    Query(
        pattern=r"^([a-z0-9][a-z0-9_-]{0,63}|\*)$",
        description="province users: a centre's code, or * for every centre",
    ),
]


async def report_sites(who: Managers, svc: ServicesDep, site: SiteCode = None) -> list[str]:
    """The centres of the report (server.domain.accounts.managed_site's rule)."""
    if site != EVERY_CENTRE:
        return [await scoped_site(who, svc, site)]
    if not who.province:
        raise DomainError(ErrorCode.FORBIDDEN, "a centre's staff see their own centre only")
    refs = await asyncio.to_thread(managed_sites, svc.ctx, who)
    return [r.code for r in refs]


Sites = Annotated[list[str], Depends(report_sites)]


def live_days(request: Request, svc: ServicesDep) -> LiveDays:
    live = getattr(request.app.state, "report_live", None)
    if live is None:
        live = request.app.state.report_live = LiveDays(svc.ctx.db, svc.ctx.config)
    return live  # type: ignore[no-any-return]


@router.get(
    "/reports",
    response_model=Report,
    responses={
        200: {
            "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            "description": "The report (JSON), or with format=xlsx the Excel file",
        }
    },
)
async def get_report(
    svc: ServicesDep,
    sites: Sites,
    live: Annotated[LiveDays, Depends(live_days)],
    from_: Annotated[date, Query(alias="from")],
    to: date,
    by: ReportBy = ReportBy.SERVICE,
    format: Literal["json", "xlsx"] = "json",
) -> Response | Report:
    def run() -> Response | Report:
        report = build_report(svc.ctx, live, sites, from_, to, by)
        if format == "json":
            return report
        others = {b: build_report(svc.ctx, live, sites, from_, to, b) for b in ReportBy if b != by}
        name = f"bao-cao-{sites[0] if len(sites) == 1 else 'tinh'}-{from_}-{to}.xlsx"
        return Response(
            workbook(report, others),
            media_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return await asyncio.to_thread(run)
