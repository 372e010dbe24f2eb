"""What every client reads: the catalog, the snapshot, and the event stream."""

from fastapi import APIRouter, WebSocket

from protocol.snapshot import Catalog, Snapshot
from server.api.deps import ServicesDep, ViewedSite
from server.queries.snapshot import build_catalog, build_snapshot
from server.realtime.stream import stream

router = APIRouter(tags=["display"])


@router.get("/catalog")
def get_catalog(site: ViewedSite, svc: ServicesDep) -> Catalog:
    """The caller's centre (a province manager: `?site=`)."""
    return build_catalog(svc.ctx, site)


@router.get("/state")
def get_state(site: ViewedSite, svc: ServicesDep) -> Snapshot:
    """The caller's centre (a province manager: `?site=`)."""
    return build_snapshot(svc.ctx, site)


@router.websocket("/stream")
async def ws_stream(ws: WebSocket) -> None:
    await stream(ws, ws.app.state.services.stream)
