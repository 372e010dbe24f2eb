"""Bodies of HTTP commands and their answers."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from protocol.enums import Role
from protocol.inputs import CounterNo, Moment, RowId, text

# Every free-text field is `text(n)`: NFC, no control/invisible/bidi characters, 1…n
# characters (protocol/inputs.py). Every id is bounded to the database's integer range.
Username = text(64)
Password = text(256, strip=False)
Ident = text(64)  # a service, procedure or priority group id of the centre file
Reason = text(200)  # one of the centre's list, or "Khác: <at most 100 characters>"
AppointmentCode = text(32)

_STRICT = ConfigDict(extra="forbid")


class LoginRequest(BaseModel):
    model_config = _STRICT
    username: Username
    password: Password


class LoginResponse(BaseModel):
    token: str
    role: Role
    username: str
    full_name: str | None = None
    site: str
    expires_at: datetime


class TicketCreate(BaseModel):
    model_config = _STRICT
    service_id: Ident | None = None
    procedure_id: Ident | None = None
    priority: Ident | None = None
    appointment_code: AppointmentCode | None = None

    @model_validator(mode="after")
    def _service_or_appointment(self) -> "TicketCreate":
        if not self.service_id and not self.appointment_code:
            raise ValueError("service_id or appointment_code is required")
        return self


class ReturnBody(BaseModel):
    model_config = _STRICT
    ticket_id: RowId


class CallBody(BaseModel):
    model_config = _STRICT
    ticket_id: RowId


class TransferBody(BaseModel):
    model_config = _STRICT
    service_id: Ident | None = None
    to_counter_id: CounterNo | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "TransferBody":
        if (self.service_id is None) == (self.to_counter_id is None):
            raise ValueError("give exactly one of service_id or to_counter_id")
        return self


class PauseBody(BaseModel):
    """`reason`: one of the centre's `pause_reasons`, or `"Khác: <text>"` (≤ 100 characters
    of text) for anything else."""

    model_config = _STRICT
    reason: Reason


class PrintFailedBody(BaseModel):
    model_config = _STRICT
    reason: Reason


PrinterState = Literal[
    "ok", "offline", "paper-out", "cover-open", "timeout", "io-error", "driver-missing", "config"
]


class PrinterReport(BaseModel):
    """`POST /devices/me/printer`: what a kiosk's own check of its printer found, sent
    when it changes ("ok" clears the supervisors' alarm; anything else raises it)."""

    model_config = _STRICT
    state: PrinterState
    detail: text(150) | None = None  # Vietnamese, for the supervisors


class RatingCreate(BaseModel):
    model_config = _STRICT
    ticket_id: RowId
    level: Ident
    # Each one of the centre's `rating_reasons`, or `"Khác: <text>"` (≤ 100 characters).
    reasons: list[Reason] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _distinct(self) -> "RatingCreate":
        if len(set(self.reasons)) != len(self.reasons):
            raise ValueError("reasons must not repeat")
        return self


class RatingPublic(BaseModel):
    ticket_id: int
    counter_id: int | None
    clerk: str | None
    level: str
    reasons: list[str]
    at: datetime


class AppointmentCreate(BaseModel):
    model_config = _STRICT
    service_id: Ident
    slot_start: Moment
    slot_end: Moment | None = None
    # Read aloud and typed at the kiosk: letters, digits and "-" only.
    code: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{4,32}$")

    @model_validator(mode="after")
    def _slot_in_order(self) -> "AppointmentCreate":
        a, b = self.slot_start, self.slot_end
        if b is not None:
            if (a.tzinfo is None) != (b.tzinfo is None):
                raise ValueError("slot_start and slot_end: both with a UTC offset or neither")
            if b <= a:
                raise ValueError("slot_end must be after slot_start")
        return self


class AppointmentPublic(BaseModel):
    code: str
    service_id: str
    slot_start: datetime
    slot_end: datetime | None
    ticket_id: int | None
