"""Supervisors and admins: today's figures, appointments, devices, closing the day."""

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select
from sqlmodel import Session

from protocol.commands import AppointmentCreate, AppointmentPublic
from protocol.snapshot import DayClosed
from server.api.deps import Admin, Managers, ServicesDep
from server.commands.days import close_today
from server.commands.setup import create_appointment
from server.queries.figures import stats_today
from server.store.convert import aware
from server.store.tables import Device

router = APIRouter(tags=["admin"])


@router.get("/stats/today")
def get_stats_today(who: Managers, svc: ServicesDep) -> dict[str, Any]:
    return stats_today(svc.ctx, who.site)


@router.post("/appointments", status_code=201)
def post_appointment(body: AppointmentCreate, who: Managers, svc: ServicesDep) -> AppointmentPublic:
    return create_appointment(svc.ctx, who, body)


@router.post("/admin/day-close")
def post_day_close(who: Admin, svc: ServicesDep) -> DayClosed:
    return close_today(svc.ctx, who)


@router.get("/devices")
def get_devices(who: Managers, svc: ServicesDep) -> list[dict[str, Any]]:
    with Session(svc.ctx.db.reader) as s:
        rows = s.execute(select(Device).where(Device.site == who.site)).scalars().all()
        return [
            {
                "name": d.name,
                "role": d.role,
                "counter_id": d.counter_id,
                "active": d.active,
                "printer_error": d.printer_error,
                "printer_error_at": aware(d.printer_error_at),
            }
            for d in rows
        ]
