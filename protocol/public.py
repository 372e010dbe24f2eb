"""The citizens' phones contract (issue 14): what a phone may do without an account —
read the centre, take a number now, book a slot, cancel it — and a supervisor's view of
one person's data. A phone number is only ever answered masked (`09xx xxx 678`,
protocol.phone_numbers.mask_phone); requests give it in any usual spelling and the server
keeps it as `0xxxxxxxxx`, only with `consent: true`."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from protocol.inputs import Moment, text
from protocol.phone_numbers import normal_phone
from protocol.snapshot import ProcedureInfo

_STRICT = ConfigDict(extra="forbid")
Ident = text(64)
# How a ticket came: the kiosk (or staff), a phone ("remote"), a booking checked in.
Channel = Literal["kiosk", "remote", "appointment"]
# A Vietnamese phone number as typed ("0912 345 678", "+84912345678"); stored normalised.
Phone = Annotated[str, StringConstraints(max_length=20), AfterValidator(normal_phone)]
# A booking's code, as printed, shown, read aloud and typed at the kiosk.
AppointmentCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{4,32}$")]


# -- GET /api/v1/public/centre -------------------------------------------------------------
class RemoteNow(BaseModel):
    """Taking a number for this field from a phone, right now."""

    offered: bool  # the centre allows remote numbers for this field at all
    available: bool  # one may be taken now
    # Why not now: an ErrorCode value ("remote-not-offered", "service-closed",
    # "outside-hours", "daily-limit-reached", "remote-cap-reached"), with its title.
    why_not: str | None = None
    why_not_title: str | None = None
    left_today: int | None = None  # remote numbers left today under the cap; None: no cap


class BookingOffer(BaseModel):
    """Booked times for this field (slots listed by `GET /public/slots`)."""

    offered: bool
    length_min: int
    capacity: int  # citizens per slot
    days_ahead: int  # bookable from today to today + days_ahead
    tolerance_min: int  # check in at the kiosk up to this long after the slot starts


class PublicService(BaseModel):
    id: str
    name: str
    name_en: str | None = None
    short_name: str | None = None
    short_name_en: str | None = None
    color: str | None = None
    icon: str | None = None
    procedures: list[ProcedureInfo] = Field(default_factory=list)  # what to bring, fee…
    waiting: int  # waiting now in the hall
    estimated_wait_s: int  # for a number taken now
    notify_ahead: int  # "your turn is near" when this many are ahead (0: only when called)
    remote: RemoteNow
    booking: BookingOffer


class PhonesPolicy(BaseModel):
    """What the pages must say and ask before taking a phone number."""

    phone_required: bool  # a number is needed to take a number or to book
    consent_text: str  # the purpose, in the centre's words, shown next to the checkbox
    consent_text_en: str
    retention_days: int  # phone numbers are deleted this many days after they are given
    per_phone_per_day: int  # numbers + bookings per phone number per day
    sms: bool  # messages also go by SMS/Zalo (else web push only)


class PublicCentre(BaseModel):
    site: str
    name: str
    name_en: str | None = None
    address: str | None = None
    timezone: str
    hours: dict[str, list[str]]  # weekday (mon..sun) -> [open, close] "HH:MM"
    closed_days: list[date] = Field(default_factory=list)
    notice: str | None = None
    now: datetime  # the server's time these answers are of
    today: date  # the business day, in the centre's time zone
    phones: PhonesPolicy
    services: list[PublicService]


# -- POST /api/v1/public/tickets -----------------------------------------------------------
class PublicTicketCreate(BaseModel):
    """Take a number now. `phone` is kept only with `consent: true` (the centre's
    `consent_text`); without `phone`, `consent` is ignored."""

    model_config = _STRICT
    service_id: Ident
    procedure_id: Ident | None = None
    phone: Phone | None = None
    consent: bool = False


class PublicTicket(BaseModel):
    """201 answer: the number and where to follow it (the tracking page)."""

    number: str
    service_id: str
    service_name: str
    procedure_id: str | None = None
    procedure_name: str | None = None
    issued_at: datetime
    position: int
    ahead: int
    estimated_wait_s: int
    tracking_code: str
    tracking_url: str  # the page `/t/{tracking_code}`
    channel: Channel = "remote"
    phone: str | None = None  # masked, when one was given


# -- GET /api/v1/public/slots ----------------------------------------------------------------
class SlotView(BaseModel):
    start: datetime  # aware, the centre's time zone
    end: datetime
    capacity: int
    left: int  # places left
    bookable: bool  # places left and not begun yet


class SlotsDay(BaseModel):
    service_id: str
    date: date
    open: bool  # the field takes bookings on that day
    # Why not: "booking-not-offered", "slot-unavailable" (closed day, past, too far ahead).
    why_not: str | None = None
    why_not_title: str | None = None
    slots: list[SlotView] = Field(default_factory=list)


# -- POST/GET/DELETE /api/v1/public/appointments ---------------------------------------------
class AppointmentBook(BaseModel):
    """Book one place in a slot (`slot_start` as `GET /public/slots` gave it)."""

    model_config = _STRICT
    service_id: Ident
    slot_start: Moment
    procedure_id: Ident | None = None
    phone: Phone | None = None
    consent: bool = False


class AppointmentBooked(BaseModel):
    """201 answer, and `GET /public/appointments/{code}`."""

    code: str  # typed at the kiosk, or its QR scanned there
    service_id: str
    service_name: str
    procedure_id: str | None = None
    procedure_name: str | None = None
    slot_start: datetime
    slot_end: datetime
    tolerance_min: int  # later than slot_start + this: a normal number at the kiosk
    qr_url: str  # an SVG image of the QR, for the page to show
    qr_text: str  # what the QR holds (the code itself: the kiosk's scanner types it)
    checked_in: bool = False
    phone: str | None = None  # masked, when one was given


class AppointmentCancelled(BaseModel):
    code: str
    cancelled: Literal[True] = True


# -- GET/DELETE /api/v1/admin/personal-data?phone= -------------------------------------------
class ConsentHeld(BaseModel):
    consent_text: str
    consent_at: datetime


class TicketHeld(BaseModel):
    day: date
    number: str
    service_id: str
    status: str
    issued_at: datetime
    channel: Channel


class BookingHeld(BaseModel):
    code: str
    service_id: str
    slot_start: datetime
    checked_in: bool


class PersonalData(BaseModel):
    """What the centre holds about one phone number (the number itself masked)."""

    phone: str  # masked
    consents: list[ConsentHeld] = Field(default_factory=list)
    tickets: list[TicketHeld] = Field(default_factory=list)
    appointments: list[BookingHeld] = Field(default_factory=list)


class PersonalDataErased(BaseModel):
    phone: str  # masked
    consents: int  # how many consents (with their number) were deleted
    tickets: int  # tickets no longer linked to the number
    appointments: int  # bookings no longer linked to the number
