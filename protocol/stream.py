"""Messages on `WS /api/v1/stream`.

Every text frame is one JSON object with a `kind`:
- `{"kind": "hello", "epoch": E, "seq": S}` first, always;
- `{"kind": "snapshot", "snapshot": {...}}` when the client's `since` is unknown, too old
  or from another epoch;
- `{"kind": "event", "event": {...}}` replayed from the log, then live, in seq order;
- `{"kind": "ping", "seq": S}` every few seconds; a client that hears nothing for three
  ping intervals reconnects with `since` = its last seq.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter

from protocol.events import Event
from protocol.snapshot import Snapshot


class Hello(BaseModel):
    kind: Literal["hello"] = "hello"
    epoch: str
    seq: int
    ping_interval_s: float = 10.0


class SnapshotMessage(BaseModel):
    kind: Literal["snapshot"] = "snapshot"
    snapshot: Snapshot


class EventMessage(BaseModel):
    kind: Literal["event"] = "event"
    event: Event


class Ping(BaseModel):
    kind: Literal["ping"] = "ping"
    seq: int


StreamMessage = Annotated[
    Hello | SnapshotMessage | EventMessage | Ping, Field(discriminator="kind")
]
_adapter: TypeAdapter[StreamMessage] = TypeAdapter(StreamMessage)


def parse_stream_message(raw: str | bytes) -> Hello | SnapshotMessage | EventMessage | Ping:
    return _adapter.validate_json(raw)
