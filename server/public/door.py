"""`/m/door`: the poster for the centre's door and the province's portal — a QR code of
the phone pages' address (the server's public address + `/m/`), the address in words,
what a phone can do there. Printed from a browser (A4); the QR is inline SVG drawn here,
so the poster needs nothing from another host either."""

import asyncio
import io

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from server.api.deps import ServicesDep
from server.domain.errors import DomainError
from server.public.pages import limited, refused
from server.public.render import PREFIX, Page
from server.public.source import SourceDep

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def qr_svg(text: str) -> Markup:
    """`text` as a QR code, an <svg> element to put in the page."""
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    img.save(out)
    svg = out.getvalue().decode("utf-8")
    return Markup(svg[svg.index("<svg") :])  # without the XML declaration


@router.get("/door", response_class=HTMLResponse)
async def door(request: Request, svc: ServicesDep, source: SourceDep) -> Response:
    page = Page.of(request)
    if (no := await limited(request)) is not None:
        return no
    try:
        centre = await asyncio.to_thread(source.centre, page.site)
    except DomainError as e:
        return refused(page, None, e)
    address = svc.settings.public_base_url.rstrip("/") + page.url("/")
    return page.html(
        "door.html", title=page.t("door.title"), centre=centre, address=address, qr=qr_svg(address)
    )
