"""Bodies of HTTP commands and their answers."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from protocol.enums import Role

_STRICT = ConfigDict(extra="forbid")


class LoginRequest(BaseModel):
    model_config = _STRICT
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class LoginResponse(BaseModel):
    token: str
    role: Role
    username: str
    full_name: str | None = None
    site: str
    expires_at: datetime


class TicketCreate(BaseModel):
    model_config = _STRICT
    service_id: str | None = Field(default=None, max_length=64)
    procedure_id: str | None = Field(default=None, max_length=64)
    priority: str | None = Field(default=None, max_length=64)
    appointment_code: str | None = Field(default=None, max_length=32)

    @model_validator(mode="after")
    def _service_or_appointment(self) -> "TicketCreate":
        if not self.service_id and not self.appointment_code:
            raise ValueError("service_id or appointment_code is required")
        return self


class ReturnBody(BaseModel):
    model_config = _STRICT
    ticket_id: int = Field(ge=1)


class CallBody(BaseModel):
    model_config = _STRICT
    ticket_id: int = Field(ge=1)


class TransferBody(BaseModel):
    model_config = _STRICT
    service_id: str | None = Field(default=None, max_length=64)
    to_counter_id: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _exactly_one(self) -> "TransferBody":
        if (self.service_id is None) == (self.to_counter_id is None):
            raise ValueError("give exactly one of service_id or to_counter_id")
        return self


class PauseBody(BaseModel):
    model_config = _STRICT
    reason: str = Field(min_length=1, max_length=200)


class PrintFailedBody(BaseModel):
    model_config = _STRICT
    reason: str = Field(min_length=1, max_length=200)


class RatingCreate(BaseModel):
    model_config = _STRICT
    ticket_id: int = Field(ge=1)
    level: str = Field(min_length=1, max_length=32)
    reasons: list[str] = Field(default_factory=list, max_length=10)


class RatingPublic(BaseModel):
    ticket_id: int
    counter_id: int | None
    clerk: str | None
    level: str
    reasons: list[str]
    at: datetime


class AppointmentCreate(BaseModel):
    model_config = _STRICT
    service_id: str = Field(max_length=64)
    slot_start: datetime
    slot_end: datetime | None = None
    code: str | None = Field(default=None, min_length=4, max_length=32)


class AppointmentPublic(BaseModel):
    code: str
    service_id: str
    slot_start: datetime
    slot_end: datetime | None
    ticket_id: int | None
