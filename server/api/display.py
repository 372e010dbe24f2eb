"""What every client reads: the catalog, the snapshot, and the event stream."""

from fastapi import APIRouter, WebSocket

from protocol.snapshot import Catalog, Snapshot
from server.api.deps import CurrentPrincipal, ServicesDep
from server.queries.snapshot import build_catalog, build_snapshot
from server.realtime.stream import stream

router = APIRouter(tags=["display"])


@router.get("/catalog")
def get_catalog(who: CurrentPrincipal, svc: ServicesDep) -> Catalog:
    return build_catalog(svc.ctx, who.site)


@router.get("/state")
def get_state(who: CurrentPrincipal, svc: ServicesDep) -> Snapshot:
    return build_snapshot(svc.ctx, who.site)


@router.websocket("/stream")
async def ws_stream(ws: WebSocket) -> None:
    await stream(ws, ws.app.state.services.stream)
