"""Counter commands (one route per action) and the counter's own read views."""

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from protocol.inputs import CounterNo
from protocol.snapshot import CounterState, TicketPublic, WaitingTicket
from protocol.views import CounterStats
from server.api.deps import ServicesDep, Staff
from server.commands.counters import BODIES, counter_decision
from server.queries.figures import counter_no_shows, counter_stats, counter_waiting

router = APIRouter(prefix="/counters", tags=["counter"])
CounterId = Annotated[CounterNo, Path()]


def _register(action: str, body_model: type[BaseModel] | None) -> None:
    if body_model is None:

        async def endpoint(counter_id: CounterId, who: Staff, svc: ServicesDep) -> CounterState:
            decision = counter_decision(who, counter_id, action)
            return await svc.ctx.halls.awrite(who.site, decision)  # type: ignore[no-any-return]
    else:

        async def endpoint(
            counter_id: CounterId,
            body: body_model,  # type: ignore[valid-type]
            who: Staff,
            svc: ServicesDep,
        ) -> CounterState:
            decision = counter_decision(who, counter_id, action, body)
            return await svc.ctx.halls.awrite(who.site, decision)  # type: ignore[no-any-return]

    endpoint.__name__ = f"counter_{action.replace('-', '_')}"
    router.add_api_route(
        f"/{{counter_id}}/{action}",
        endpoint,
        methods=["POST"],
        name=endpoint.__name__,
        summary=f"Counter: {action}",
    )


for _action, _body in BODIES.items():
    _register(_action, _body)


@router.get("/{counter_id}/waiting")
def get_waiting(counter_id: CounterId, who: Staff, svc: ServicesDep) -> list[WaitingTicket]:
    """The counter's waiting list in the order it will call, each with its place and
    estimated wait in its field (the figures its ticket and the phone page show)."""
    return counter_waiting(svc.ctx, who.site, counter_id)


@router.get("/{counter_id}/stats")
def get_stats(counter_id: CounterId, who: Staff, svc: ServicesDep) -> CounterStats:
    return counter_stats(svc.ctx, who.site, counter_id)


@router.get("/{counter_id}/no-shows")
def get_no_shows(counter_id: CounterId, who: Staff, svc: ServicesDep) -> list[TicketPublic]:
    """Today's no-shows this counter may take back (`/return`), latest first."""
    return counter_no_shows(svc.ctx, who.site, counter_id)
