"""No token needed: one ticket by tracking code, its phone page, and the health check."""

from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, StreamingResponse
from sqlalchemy import text
from sqlmodel import Session

from protocol.snapshot import TrackingInfo
from protocol.views import Health
from server.api.deps import ServicesDep
from server.api.ratelimit import public_rate_limit
from server.api.track_events import tracking_events
from server.queries.tracking import tracking_info

router = APIRouter(tags=["public"])
page_router = APIRouter(tags=["public"])
Code = Annotated[str, PathParam(min_length=6, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/public/tickets/{code}", dependencies=[Depends(public_rate_limit)])
def get_tracking(code: Code, svc: ServicesDep) -> TrackingInfo:
    return tracking_info(svc.ctx, code)


@cache
def _page() -> str:
    return (Path(__file__).with_name("templates") / "track.html").read_text(encoding="utf-8")


@page_router.get(
    "/t/{code}", response_class=HTMLResponse, dependencies=[Depends(public_rate_limit)]
)
def tracking_page(code: Code) -> HTMLResponse:
    # The page fetches the JSON above itself and refreshes; the code is validated by the
    # path pattern, so putting it into the page cannot inject markup.
    return HTMLResponse(_page().replace("{{CODE}}", code))


@page_router.get(
    "/t/{code}/events",
    response_class=StreamingResponse,
    dependencies=[Depends(public_rate_limit)],
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    "schema": {
                        "type": "string",
                        "description": "Server-Sent Events; each data frame is a TrackingInfo",
                    }
                }
            }
        }
    },
)
async def tracking_stream(code: Code, request: Request, svc: ServicesDep) -> StreamingResponse:
    """Server-Sent Events: the ticket's TrackingInfo now, then whenever it changes."""
    return await tracking_events(request, code, svc)


@page_router.get("/healthz")
def healthz(svc: ServicesDep) -> Health:
    try:
        with Session(svc.ctx.db.reader) as s:
            s.execute(text("SELECT 1"))
        db = "ok"
    except Exception as e:  # healthz must answer even when the database does not
        db = f"error: {type(e).__name__}"
    return Health(
        status="ok" if db == "ok" else "degraded",
        db=db,
        subscribers=svc.hub.subscriber_count(),
    )
