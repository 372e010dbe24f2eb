"""The citizens' phone pages that read (issue 14): the centre and its fields with what is
possible now, a field, a procedure's information (what to bring), the take-a-number and
booking forms, a booking with its code and QR. Server-rendered HTML, a few KB each; what
is possible comes from the server (`Source`), never decided here."""

import asyncio
from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, TypeVar
from urllib.parse import urlsplit

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from protocol.errors import ErrorCode
from protocol.public import AppointmentBooked, PublicCentre, PublicService
from protocol.snapshot import ProcedureInfo
from server.api.problems import STATUS
from server.api.ratelimit import public_rate_limit
from server.domain.errors import DomainError
from server.public.render import PREFIX, Page
from server.public.source import Source, SourceDep

router = APIRouter(prefix=PREFIX, include_in_schema=False)
Id = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Code = Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{4,32}$")]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
T = TypeVar("T")


async def limited(request: Request) -> Response | None:
    """The public routes' allowance per address (server/api/ratelimit.py), said as a page."""
    try:
        await public_rate_limit(request)
    except HTTPException:
        page = Page.of(request)
        return refused(page, None, DomainError(ErrorCode.RATE_LIMITED))
    return None


def refused(page: Page, centre: PublicCentre | None, e: DomainError) -> HTMLResponse:
    """A page saying plainly what the server refused."""
    missing = e.code in (ErrorCode.UNKNOWN_SERVICE, ErrorCode.UNKNOWN_PROCEDURE)
    return page.html(
        "message.html",
        404 if missing else STATUS.get(e.code, 409),  # a page's address names nothing
        title=page.t("problem"),
        centre=centre or _Nameless(),
        problem=page.problem(e.code.value, None),
        heading=None,
        lines=[],
        links=[(page.url("/"), page.t("home"), "alt")],
    )


class _Nameless:
    """The header's name when the centre itself could not be read."""

    name = "Dịch vụ công"
    name_en = "Public services"
    address = None


async def visit(
    request: Request, source: Source, then: Callable[[Page, PublicCentre], T]
) -> tuple[Page, PublicCentre, T] | Response:
    """What each page starts with: the public rate limit, the centre, then what `then`
    reads with it (the field named, a booking...); a refusal of any of them comes back as
    the page saying so."""
    page = Page.of(request)
    if (no := await limited(request)) is not None:
        return no
    centre = None
    try:
        centre = await asyncio.to_thread(source.centre, page.site)
        return page, centre, await asyncio.to_thread(then, page, centre)
    except DomainError as e:
        return refused(page, centre, e)


def field_of(centre: PublicCentre, service_id: str) -> PublicService:
    s = next((s for s in centre.services if s.id == service_id), None)
    if s is None:
        raise DomainError(ErrorCode.UNKNOWN_SERVICE, service_id)
    return s


def procedure_of(centre: PublicCentre, procedure_id: str) -> tuple[PublicService, ProcedureInfo]:
    found = next(
        ((s, p) for s in centre.services for p in s.procedures if p.id == procedure_id), None
    )
    if found is None:
        raise DomainError(ErrorCode.UNKNOWN_PROCEDURE, procedure_id)
    return found


@router.get("", response_class=RedirectResponse)
def bare(request: Request) -> RedirectResponse:
    return RedirectResponse(str(request.url.replace(path=PREFIX + "/")), 308)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, source: SourceDep) -> Response:
    got = await visit(request, source, _today)
    if isinstance(got, Response):
        return got
    page, centre, today = got
    return page.html("home.html", title=page.t("home.title"), centre=centre, today_hours=today)


def _today(page: Page, centre: PublicCentre) -> str:
    hours = centre.hours.get(WEEKDAYS[centre.today.weekday()])
    if not hours or centre.today in centre.closed_days:
        return page.t("today.closed")
    return page.t("today.open", a=hours[0], b=hours[1])


@router.get("/f/{service_id}", response_class=HTMLResponse)
async def field(request: Request, service_id: Id, source: SourceDep) -> Response:
    got = await visit(request, source, lambda _, centre: field_of(centre, service_id))
    if isinstance(got, Response):
        return got
    page, centre, s = got
    return page.html("field.html", title=page.name(s), centre=centre, s=s)


@router.get("/f/{service_id}/take", response_class=HTMLResponse)
async def take_form(
    request: Request, service_id: Id, source: SourceDep, p: str | None = None
) -> Response:
    got = await visit(request, source, lambda _, centre: field_of(centre, service_id))
    if isinstance(got, Response):
        return got
    page, centre, s = got
    return take_page(page, centre, s, p)


def take_page(
    page: Page,
    centre: PublicCentre,
    s: PublicService,
    procedure_id: str | None,
    problem: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    return page.html(
        "take.html",
        status,
        title=page.t("take.title", name=page.name(s)),
        centre=centre,
        s=s,
        procedure_id=procedure_id,
        consent_text=_consent(page, centre),
        problem=problem,
    )


def _consent(page: Page, centre: PublicCentre) -> str:
    return centre.phones.consent_text_en if page.lang == "en" else centre.phones.consent_text


@router.get("/f/{service_id}/book", response_class=HTMLResponse)
async def book_form(
    request: Request,
    service_id: Id,
    source: SourceDep,
    date_: Annotated[date | None, Query(alias="date")] = None,
    p: str | None = None,
) -> Response:
    got = await visit(request, source, lambda _, centre: field_of(centre, service_id))
    if isinstance(got, Response):
        return got
    page, centre, s = got
    try:
        return await asyncio.to_thread(book_page, page, source, centre, s, date_, p)
    except DomainError as e:
        return refused(page, centre, e)


def book_page(
    page: Page,
    source: Source,
    centre: PublicCentre,
    s: PublicService,
    day: date | None,
    procedure_id: str | None,
    problem: str | None = None,
    status: int = 200,
    chosen: str | None = None,
) -> HTMLResponse:
    """The days bookable (the centre's open days as the server gives them), the slots of
    `day` (else the first open day) as the server lists them, and the form."""
    days = [(centre.today + timedelta(i), False) for i in range(s.booking.days_ahead + 1)]
    days = [(d, _open(centre, d)) for d, _ in days]
    if day is None:
        day = next((d for d, ok in days if ok), centre.today)
    slots = source.slots(page.site, s.id, day) if s.booking.offered else None
    return page.html(
        "book.html",
        status,
        title=page.t("book.title", name=page.name(s)),
        centre=centre,
        s=s,
        days=days,
        day=slots,
        free=bool(slots and any(v.bookable for v in slots.slots)),
        chosen=chosen,
        procedure_id=procedure_id,
        consent_text=_consent(page, centre),
        problem=problem,
    )


def _open(centre: PublicCentre, d: date) -> bool:
    return WEEKDAYS[d.weekday()] in centre.hours and d not in centre.closed_days


@router.get("/p/{procedure_id}", response_class=HTMLResponse)
async def procedure(request: Request, procedure_id: Id, source: SourceDep) -> Response:
    got = await visit(request, source, lambda _, centre: procedure_of(centre, procedure_id))
    if isinstance(got, Response):
        return got
    page, centre, (s, p) = got
    return page.html("procedure.html", title=p.name, centre=centre, s=s, p=p)


@router.get("/b", response_class=RedirectResponse)
def find_booking(request: Request, code: str = "") -> RedirectResponse:
    """The home page's "find a booking" form: to the booking's own page."""
    page = Page.of(request)
    clean = "".join(ch for ch in code.strip().upper() if ch.isalnum() or ch == "-")
    return RedirectResponse(page.url(f"/b/{clean}") if clean else page.url("/"), 303)


@router.get("/b/{code}", response_class=HTMLResponse)
async def booking(request: Request, code: Code, source: SourceDep) -> Response:
    got = await visit(request, source, lambda page, _: source.booking(page.site, code))
    if isinstance(got, Response):
        return got
    page, centre, b = got
    return booking_page(page, centre, b)


def booking_page(page: Page, centre: PublicCentre, b: AppointmentBooked) -> HTMLResponse:
    s = next((s for s in centre.services if s.id == b.service_id), None)
    qr = urlsplit(b.qr_url)  # the server's own image, whatever host the phone reached
    return page.html(
        "booking.html",
        title=page.t("booking.title"),
        centre=centre,
        b=b,
        service_name=page.name(s) if s else b.service_name,
        qr_src=qr.path + (f"?{qr.query}" if qr.query else ""),
    )
