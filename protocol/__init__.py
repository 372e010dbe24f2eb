"""The MotCua wire contract (v1): pydantic models shared by the server and every client.

No I/O here. The server serialises these models; clients parse them.
"""

from protocol.commands import (
    AppointmentCreate,
    AppointmentPublic,
    CallBody,
    LoginRequest,
    LoginResponse,
    PauseBody,
    PrinterReport,
    PrintFailedBody,
    RatingCreate,
    RatingPublic,
    ReturnBody,
    TicketCreate,
    TransferBody,
)
from protocol.enums import CounterStatus, Role, TicketStatus
from protocol.errors import ERROR_TITLES, ErrorCode, Problem
from protocol.events import Event, EventType
from protocol.snapshot import (
    Catalog,
    CounterState,
    PriorityGroup,
    ProcedureInfo,
    RatingLevel,
    RecentCall,
    ServiceInfo,
    ServiceState,
    Snapshot,
    TicketIssued,
    TicketPublic,
    TrackingInfo,
)
from protocol.stream import StreamMessage, parse_stream_message

__all__ = [
    "AppointmentCreate",
    "AppointmentPublic",
    "CallBody",
    "Catalog",
    "CounterState",
    "CounterStatus",
    "ERROR_TITLES",
    "ErrorCode",
    "Event",
    "EventType",
    "LoginRequest",
    "LoginResponse",
    "PauseBody",
    "PrintFailedBody",
    "PrinterReport",
    "PriorityGroup",
    "Problem",
    "ProcedureInfo",
    "RatingCreate",
    "RatingLevel",
    "RatingPublic",
    "RecentCall",
    "ReturnBody",
    "Role",
    "ServiceInfo",
    "ServiceState",
    "Snapshot",
    "StreamMessage",
    "TicketCreate",
    "TicketIssued",
    "TicketPublic",
    "TicketStatus",
    "TrackingInfo",
    "TransferBody",
    "parse_stream_message",
]

API_PREFIX = "/api/v1"
