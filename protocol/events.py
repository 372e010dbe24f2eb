"""Events: one row of the event log, as pushed on the stream.

Each event type has its own typed `data` (the table `DATA_MODELS`); `Event` parses `data`
into the model of its `type`, so clients read attributes, never keys. Every data model
carries `actor` ("user:NAME", "device:NAME" or "system").
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from protocol.admin import AlertPublic
from protocol.commands import RatingPublic
from protocol.snapshot import CounterState, ServiceState, TicketPublic


class EventType(StrEnum):
    TICKET_ISSUED = "ticket.issued"
    TICKET_CALLED = "ticket.called"
    TICKET_RECALLED = "ticket.recalled"
    TICKET_STARTED = "ticket.started"
    TICKET_FINISHED = "ticket.finished"
    TICKET_NO_SHOW = "ticket.no_show"
    TICKET_RETURNED = "ticket.returned"
    TICKET_TRANSFERRED = "ticket.transferred"
    TICKET_CANCELLED = "ticket.cancelled"
    TICKET_PRINT_FAILED = "ticket.print_failed"
    COUNTER_OPENED = "counter.opened"
    COUNTER_PAUSED = "counter.paused"
    COUNTER_RESUMED = "counter.resumed"
    COUNTER_CLOSED = "counter.closed"
    RATING_SUBMITTED = "rating.submitted"
    DAY_CLOSED = "day.closed"
    CONFIG_CHANGED = "config.changed"
    TICKET_MOVED = "ticket.moved"  # a supervisor moved it to the front, with a reason
    USER_CHANGED = "user.changed"
    DEVICE_CHANGED = "device.changed"
    LOGIN_REFUSED = "auth.login_refused"  # too many failed attempts
    ALERT_RAISED = "alert.raised"
    ALERT_CLEARED = "alert.cleared"
    ALERT_ACKED = "alert.acked"
    APPOINTMENT_BOOKED = "appointment.booked"  # from a phone: one place of a slot
    APPOINTMENT_CANCELLED = "appointment.cancelled"
    PERSONAL_DATA_ERASED = "personal_data.erased"  # on request; the number never in it


class EventData(BaseModel):
    actor: str = "system"
    # The fields whose figures this event changed (waiting, estimated wait, whether they
    # take tickets), as the server now shows them: clients replace theirs with these.
    services: list[ServiceState] = Field(default_factory=list)


class TicketIssuedData(EventData):
    """`ticket.issued`: the new ticket and its place when issued."""

    ticket: TicketPublic
    position: int
    device_id: int | None = None  # the kiosk that issued it (its per-kiosk limit)
    # How it came: "kiosk" (or staff), "remote" (a phone), "appointment" (a booking).
    channel: str = "kiosk"


class TicketAtCounterData(EventData):
    """`ticket.called|recalled|started|finished|no_show|returned`: the ticket and the
    counter after the change. `ticket.cancelled` has `counter` only when a counter did it."""

    ticket: TicketPublic
    counter: CounterState


class TicketCancelledData(EventData):
    ticket: TicketPublic
    counter: CounterState | None = None


class TicketTransferredData(TicketAtCounterData):
    """The ticket keeps its place; it now waits in `to_service_id` or for `to_counter_id`.
    `counter` is the counter that sent it; None when no counter did it (a supervisor moved
    a waiting ticket, or an admin's new configuration moved those of a field it removes)."""

    counter: CounterState | None = None  # type: ignore[assignment]
    from_service_id: str
    to_service_id: str | None = None
    to_counter_id: int | None = None


class PrintFailedData(EventData):
    ticket: TicketPublic
    device: str
    reason: str


class CounterData(EventData):
    """`counter.opened|resumed|closed`."""

    counter: CounterState


class CounterPausedData(CounterData):
    reason: str


class RatingData(EventData):
    rating: RatingPublic
    number: str


class DayClosedData(EventData):
    day: str  # ISO date of the business day closed
    new_day: str
    cancelled: list[int] = Field(default_factory=list)  # ticket ids


class ConfigChangedData(EventData):
    version: int


class TicketMovedData(EventData):
    """`ticket.moved`: a supervisor put the ticket at the front of its field."""

    ticket: TicketPublic
    reason: str


class UserChangedData(EventData):
    """`user.changed`: `change` is "created", "updated", "password", "disabled" or
    "enabled"; a password change or disabling ends the user's sessions."""

    username: str
    change: str
    role: str | None = None


class DeviceChangedData(EventData):
    """`device.changed`: `change` is "added" or "revoked" (its token refused at once)."""

    name: str
    change: str
    role: str | None = None


class LoginRefusedData(EventData):
    """`auth.login_refused`: too many failed logins for `username` or from `address`."""

    username: str
    address: str | None = None
    retry_after_s: int


class AlertData(EventData):
    """`alert.raised|cleared|acked`: the alert as it now is."""

    alert: AlertPublic


class AppointmentData(EventData):
    """`appointment.booked|cancelled`: one place of a slot (nothing personal)."""

    code: str
    service_id: str
    slot_start: datetime


class PersonalDataErasedData(EventData):
    """`personal_data.erased`: a supervisor erased one person's phone number on request;
    how much was erased, never the number."""

    consents: int
    tickets: int
    appointments: int


DATA_MODELS: dict[EventType, type[EventData]] = {
    EventType.TICKET_ISSUED: TicketIssuedData,
    EventType.TICKET_CALLED: TicketAtCounterData,
    EventType.TICKET_RECALLED: TicketAtCounterData,
    EventType.TICKET_STARTED: TicketAtCounterData,
    EventType.TICKET_FINISHED: TicketAtCounterData,
    EventType.TICKET_NO_SHOW: TicketAtCounterData,
    EventType.TICKET_RETURNED: TicketAtCounterData,
    EventType.TICKET_TRANSFERRED: TicketTransferredData,
    EventType.TICKET_CANCELLED: TicketCancelledData,
    EventType.TICKET_PRINT_FAILED: PrintFailedData,
    EventType.COUNTER_OPENED: CounterData,
    EventType.COUNTER_PAUSED: CounterPausedData,
    EventType.COUNTER_RESUMED: CounterData,
    EventType.COUNTER_CLOSED: CounterData,
    EventType.RATING_SUBMITTED: RatingData,
    EventType.DAY_CLOSED: DayClosedData,
    EventType.CONFIG_CHANGED: ConfigChangedData,
    EventType.TICKET_MOVED: TicketMovedData,
    EventType.USER_CHANGED: UserChangedData,
    EventType.DEVICE_CHANGED: DeviceChangedData,
    EventType.LOGIN_REFUSED: LoginRefusedData,
    EventType.ALERT_RAISED: AlertData,
    EventType.ALERT_CLEARED: AlertData,
    EventType.ALERT_ACKED: AlertData,
    EventType.APPOINTMENT_BOOKED: AppointmentData,
    EventType.APPOINTMENT_CANCELLED: AppointmentData,
    EventType.PERSONAL_DATA_ERASED: PersonalDataErasedData,
}

AnyEventData = (
    TicketIssuedData
    | TicketTransferredData
    | TicketAtCounterData
    | TicketCancelledData
    | PrintFailedData
    | CounterPausedData
    | CounterData
    | RatingData
    | DayClosedData
    | ConfigChangedData
    | TicketMovedData
    | UserChangedData
    | DeviceChangedData
    | LoginRefusedData
    | AlertData
    | AppointmentData
    | PersonalDataErasedData
)


class Event(BaseModel):
    """`{seq, at, type, site, data}`; `data` is the model `DATA_MODELS[type]`."""

    seq: int
    at: datetime
    type: EventType
    site: str
    data: AnyEventData

    @field_validator("data", mode="before")
    @classmethod
    def _data_of_type(cls, v: Any, info: ValidationInfo) -> Any:
        type_ = info.data.get("type")
        if type_ is None:
            return v
        model = DATA_MODELS[EventType(type_)]
        return v if type(v) is model else model.model_validate(v)
