"""The citizens' phone pages that act (issue 14): take a number (then the tracking page),
book a time (then the booking's page with its code and QR), cancel a booking. Plain HTML
forms, so that a phone without JavaScript works too; the server's commands decide, a
refusal comes back on the form in plain words. A phone number goes to the command only as
typed with its consent box ticked (the box unticked, the page's script sends none)."""

import asyncio
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from protocol.errors import ErrorCode
from protocol.public import AppointmentBook, PublicTicketCreate
from server.api.problems import STATUS
from server.domain.errors import DomainError
from server.public.pages import (
    Code,
    Id,
    book_page,
    field_of,
    refused,
    take_page,
    visit,
)
from server.public.render import PREFIX
from server.public.source import SourceDep

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _phone(form: FormData) -> dict[str, object]:
    """The phone part of a form: a number only when typed; the consent as ticked."""
    phone = str(form.get("phone") or "").strip()
    return {"phone": phone or None, "consent": form.get("consent") == "1"}


def _procedure(form: FormData) -> str | None:
    return str(form.get("procedure_id") or "") or None


def _invalid(e: ValidationError) -> DomainError:
    """A form the contract refuses (a phone number that is not one): said as the server's
    validation problem, on the form."""
    return DomainError(ErrorCode.VALIDATION, "; ".join(str(x["msg"]) for x in e.errors()))


@router.post("/f/{service_id}/take", response_class=HTMLResponse)
async def take(request: Request, service_id: Id, source: SourceDep) -> Response:
    got = await visit(request, source, lambda _, centre: field_of(centre, service_id))
    if isinstance(got, Response):
        return got
    page, centre, s = got
    form = await request.form()
    try:
        try:
            body = PublicTicketCreate(
                service_id=service_id, procedure_id=_procedure(form), **_phone(form)
            )
        except ValidationError as e:
            raise _invalid(e) from None
        ticket = await source.take(page.site, body, request)
    except DomainError as e:
        said = page.problem(e.code.value, None)
        return take_page(page, centre, s, _procedure(form), said, STATUS.get(e.code, 409))
    return RedirectResponse(page.track_url(ticket.tracking_code), 303)


@router.post("/f/{service_id}/book", response_class=HTMLResponse)
async def book(request: Request, service_id: Id, source: SourceDep) -> Response:
    got = await visit(request, source, lambda _, centre: field_of(centre, service_id))
    if isinstance(got, Response):
        return got
    page, centre, s = got
    form = await request.form()
    day = _day(form)
    slot = str(form.get("slot_start") or "")
    try:
        if not slot:
            raise DomainError(ErrorCode.SLOT_UNAVAILABLE, "no time chosen")
        try:
            body = AppointmentBook(
                service_id=service_id,
                slot_start=slot,  # type: ignore[arg-type]  # parsed by the contract
                procedure_id=_procedure(form),
                **_phone(form),
            )
        except ValidationError as e:
            raise _invalid(e) from None
        booked = await source.book(page.site, body, request)
    except DomainError as e:
        said = page.problem(e.code.value, None)
        status = STATUS.get(e.code, 409)
        return await asyncio.to_thread(
            book_page, page, source, centre, s, day, _procedure(form), said, status, slot
        )
    return RedirectResponse(page.url(f"/b/{booked.code}"), 303)


def _day(form: FormData) -> date | None:
    try:
        return date.fromisoformat(str(form.get("date") or ""))
    except ValueError:
        return None


@router.post("/b/{code}/cancel", response_class=HTMLResponse)
async def cancel(request: Request, code: Code, source: SourceDep) -> Response:
    got = await visit(request, source, lambda *_: None)
    if isinstance(got, Response):
        return got
    page, centre, _ = got
    try:
        done = await source.cancel(page.site, code)
    except DomainError as e:
        return refused(page, centre, e)
    return page.html(
        "message.html",
        title=page.t("booking.cancel"),
        centre=centre,
        heading=page.t("booking.cancelled", code=done.code),
        lines=[page.t("booking.cancelled.more")],
        links=[(page.url("/"), page.t("home"), "alt")],
    )
