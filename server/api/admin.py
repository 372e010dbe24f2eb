"""Supervisors and admins: today's figures, appointments, devices, closing the day."""

from fastapi import APIRouter
from sqlalchemy import select
from sqlmodel import Session

from protocol.admin import SiteRef
from protocol.commands import AppointmentCreate, AppointmentPublic
from protocol.enums import Role
from protocol.views import DayClosedView, DeviceView, StatsToday
from server.api.deps import CentreAdmin, CentreManager, Managers, ServicesDep
from server.commands.days import close_today
from server.commands.setup import create_appointment
from server.queries.figures import stats_today
from server.queries.sites import managed_sites
from server.store.convert import aware
from server.store.tables import Device

router = APIRouter(tags=["admin"])


@router.get("/stats/today")
def get_stats_today(who: CentreManager, svc: ServicesDep) -> StatsToday:
    return StatsToday.model_validate(stats_today(svc.ctx, who.site))


@router.post("/appointments", status_code=201)
def post_appointment(
    body: AppointmentCreate, who: CentreManager, svc: ServicesDep
) -> AppointmentPublic:
    return create_appointment(svc.ctx, who, body)


@router.get("/admin/sites")
def get_sites(who: Managers, svc: ServicesDep) -> list[SiteRef]:
    """The centres the caller may act on with `?site=`: every centre for a province
    user, their own for anyone else."""
    return managed_sites(svc.ctx, who)


@router.post("/admin/day-close")
def post_day_close(who: CentreAdmin, svc: ServicesDep) -> DayClosedView:
    return close_today(svc.ctx, who)


@router.get("/devices")
def get_devices(who: CentreManager, svc: ServicesDep) -> list[DeviceView]:
    with Session(svc.ctx.db.reader) as s:
        rows = s.execute(select(Device).where(Device.site == who.site)).scalars().all()
        return [
            DeviceView(
                name=d.name,
                role=Role(d.role),
                counter_id=d.counter_id,
                active=d.active,
                printer_error=d.printer_error,
                printer_error_at=aware(d.printer_error_at),
            )
            for d in rows
        ]
