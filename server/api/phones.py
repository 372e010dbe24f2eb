"""Citizens' phones, no account: the centre as a phone sees it, a number taken now, a
field's slots, a booking made, read, cancelled, and its QR."""

import asyncio
import io
from datetime import date
from typing import Annotated

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi import Path as PathParam

from protocol.public import (
    AppointmentBook,
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentCode,
    PublicCentre,
    PublicTicket,
    PublicTicketCreate,
    SlotsDay,
)
from server.api.deps import ServicesDep
from server.api.ratelimit import per_address_per_hour, public_rate_limit
from server.commands import bookings
from server.commands.remote import take_remote
from server.queries.public_centre import public_centre, public_site, slots_of_day

router = APIRouter(prefix="/public", tags=["public"], dependencies=[Depends(public_rate_limit)])
SiteQuery = Annotated[
    str | None,
    Query(max_length=64, description="the centre; may be left out on a one-centre server"),
]
Code = Annotated[AppointmentCode, PathParam()]


def _site(svc: ServicesDep, site: SiteQuery = None) -> str:
    return public_site(svc.ctx, site)


Site = Annotated[str, Depends(_site)]


async def _limited(request: Request, svc: ServicesDep, site: Site) -> str:
    """The centre, once this address is within its numbers-and-bookings an hour."""
    per_hour = await asyncio.to_thread(lambda: _per_hour(svc, site))
    per_address_per_hour(request, site, per_hour)
    return site


def _per_hour(svc: ServicesDep, site: str) -> int:
    with svc.ctx.halls.read(site) as hall:
        return hall.cfg.phones.per_address_per_hour


LimitedSite = Annotated[str, Depends(_limited)]


@router.get("/centre")
def get_centre(svc: ServicesDep, site: Site) -> PublicCentre:
    """The fields and procedures (what to bring, fee, result time), and for each what a
    phone can do now: take a number (or why not), book a time."""
    return public_centre(svc.ctx, site)


@router.post("/tickets", status_code=201)
async def post_ticket(
    body: PublicTicketCreate, svc: ServicesDep, site: LimitedSite
) -> PublicTicket:
    """Take a number now; the answer's `tracking_url` is the page to follow it on."""
    cmd = take_remote(site, body, svc.settings.public_base_url)
    return await svc.ctx.halls.awrite(site, cmd)  # type: ignore[no-any-return]


@router.get("/slots")
def get_slots(
    svc: ServicesDep,
    site: Site,
    service_id: Annotated[str, Query(max_length=64)],
    date_: Annotated[date, Query(alias="date", description="YYYY-MM-DD")],
) -> SlotsDay:
    """A field's slots on a day, with the places left in each."""
    return slots_of_day(svc.ctx, site, service_id, date_)


@router.post("/appointments", status_code=201)
async def post_appointment(
    body: AppointmentBook, svc: ServicesDep, site: LimitedSite
) -> AppointmentBooked:
    """Book a place in a slot: the code (and its QR) checks the citizen in at the kiosk."""
    cmd = bookings.book(site, body, svc.settings.public_base_url)
    return await svc.ctx.halls.awrite(site, cmd)  # type: ignore[no-any-return]


@router.get("/appointments/{code}")
def get_appointment(code: Code, svc: ServicesDep, site: Site) -> AppointmentBooked:
    return bookings.read_booking(svc.ctx, site, code, svc.settings.public_base_url)


@router.delete("/appointments/{code}")
async def delete_appointment(code: Code, svc: ServicesDep, site: Site) -> AppointmentCancelled:
    """Cancel a booking (not yet checked in): its place is free again."""
    return await svc.ctx.halls.awrite(site, bookings.cancel(site, code))  # type: ignore[no-any-return]


@router.get(
    "/appointments/{code}/qr.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}}},
)
def get_appointment_qr(code: Code, svc: ServicesDep, site: Site) -> Response:
    """The booking's QR: it holds the code itself, which the kiosk's scanner types."""
    booked = bookings.read_booking(svc.ctx, site, code, svc.settings.public_base_url)
    img = qrcode.make(booked.qr_text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    img.save(out)
    return Response(out.getvalue(), media_type="image/svg+xml")
