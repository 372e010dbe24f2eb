"""Counter commands: open, pause, call, recall, start, finish, no-show, return, transfer.

Each is one unit of work around the domain's decision (server/domain/decide.py): the
site's writer lock is held from reading the hall to the commit, so two counters pressing
"next" together never get the same ticket."""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from protocol.commands import CallBody, PauseBody, ReturnBody, TransferBody
from protocol.snapshot import CounterState
from server.domain import decide
from server.domain.actor import Principal
from server.store.context import Context
from server.store.halls import HallTx

# Each action (server.domain.decide.COUNTER_ACTIONS) and the body it takes, if any.
BODIES: dict[str, type[BaseModel] | None] = {
    "open": None,
    "close": None,
    "pause": PauseBody,
    "resume": None,
    "call-next": None,
    "call": CallBody,
    "recall": None,
    "start": None,
    "finish": None,
    "no-show": None,
    "return": ReturnBody,
    "transfer": TransferBody,
}
assert set(BODIES) == set(decide.COUNTER_ACTIONS)


def counter_command(
    ctx: Context, who: Principal, counter_id: int, action: str, body: BaseModel | None = None
) -> CounterState:
    return ctx.halls.write(who.site, counter_decision(who, counter_id, action, body))  # type: ignore[no-any-return]


def counter_decision(
    who: Principal, counter_id: int, action: str, body: BaseModel | None = None
) -> Callable[[HallTx], CounterState]:
    """One counter action, for a unit of work (`Halls.write` or `Halls.awrite`)."""
    args: dict[str, Any] = body.model_dump() if body is not None else {}

    def cmd(tx: HallTx) -> CounterState:
        return decide.act(tx.hall, who, counter_id, action, tx.now, **args)

    return cmd
