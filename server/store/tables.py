"""SQLModel tables. Datetimes are aware and stored as UTC (SQLModel's UTCDateTime).

A ticket's number is unique per (site, issuing service, business day): the database,
not the code, makes a duplicate impossible, also with several server processes.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Site(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=64)
    name: str
    epoch: str = Field(max_length=32)  # changes when the event log starts anew
    seq: int = 0  # last event seq of this site; bumped under a row lock
    business_day: date
    config: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    config_version: int = 1
    updated_at: datetime


class Counter(SQLModel, table=True):
    site: str = Field(primary_key=True, foreign_key="site.code", max_length=64)
    id: int = Field(primary_key=True)
    status: str = Field(default="closed", max_length=16)
    clerk_user_id: int | None = Field(default=None, foreign_key="user.id")
    current_ticket_id: int | None = None
    pause_reason: str | None = Field(default=None, max_length=200)
    priority_streak: int = 0
    since: datetime | None = None


class Ticket(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("site", "issued_service_id", "day", "number", name="uq_ticket_number"),
        # A client's Idempotency-Key is its own: scoped by who issued ("device:7", "user:3").
        UniqueConstraint(
            "site", "idempotency_owner", "idempotency_key", name="uq_ticket_idempotency"
        ),
        Index("ix_ticket_queue", "site", "day", "status", "service_id"),
        Index("ix_ticket_device_time", "device_id", "issued_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    site: str = Field(foreign_key="site.code", max_length=64)
    day: date
    issued_service_id: str = Field(max_length=64)
    service_id: str = Field(max_length=64)
    procedure_id: str | None = Field(default=None, max_length=64)
    number: int
    number_text: str = Field(max_length=16)
    priority: str | None = Field(default=None, max_length=64)
    appointment_code: str | None = Field(default=None, max_length=32)
    appointment_slot: datetime | None = None
    status: str = Field(max_length=16)
    queue_at: datetime  # the ticket's place in line; kept through transfers and returns
    issued_at: datetime
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    counter_id: int | None = None
    to_counter_id: int | None = None
    clerk_user_id: int | None = None
    recall_count: int = 0
    tracking_code: str = Field(max_length=32, unique=True)
    idempotency_key: str | None = Field(default=None, max_length=128)
    idempotency_owner: str | None = Field(default=None, max_length=32)
    device_id: int | None = None
    channel: str = Field(default="kiosk", max_length=16)  # kiosk, remote, appointment
    contact_id: int | None = Field(default=None, foreign_key="contact.id")


class Event(SQLModel, table=True):
    __table_args__ = (
        Index("ix_event_type", "site", "type", "seq"),
        # A day's seq range (the audit trail) from the index alone, not from the whole log.
        Index("ix_event_at", "site", "at", "seq"),
    )
    site: str = Field(primary_key=True, foreign_key="site.code", max_length=64)
    seq: int = Field(primary_key=True)
    at: datetime
    type: str = Field(max_length=32)
    actor: str = Field(max_length=100)
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    site: str = Field(foreign_key="site.code", max_length=64)
    username: str = Field(unique=True, max_length=64)
    full_name: str | None = Field(default=None, max_length=128)
    role: str = Field(max_length=16)
    password_hash: str
    active: bool = True
    # A user of the province: keeps `site` as home, may act on any centre (`?site=`).
    province: bool = False


class Device(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    site: str = Field(foreign_key="site.code", max_length=64)
    name: str = Field(unique=True, max_length=64)
    role: str = Field(max_length=16)
    token_hash: str = Field(unique=True, max_length=64)
    counter_id: int | None = None
    last_seen: datetime | None = None
    printer_error: str | None = Field(default=None, max_length=200)
    printer_error_at: datetime | None = None
    # A kiosk's admin PIN as protocol.pin.hash_pin (never the PIN): `motcua device set-pin`.
    admin_pin_hash: str | None = Field(default=None, max_length=200)
    active: bool = True


class LoginSession(SQLModel, table=True):
    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user.id")
    created_at: datetime
    expires_at: datetime


class LoginFailure(SQLModel, table=True):
    """A failed login (or, `refused`, one refused for too many failures), kept for the
    throttle's window (server.domain.throttle) and pruned as new ones come."""

    __table_args__ = (
        Index("ix_login_failure_username", "username", "at"),
        Index("ix_login_failure_address", "address", "at"),
        Index("ix_login_failure_at", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64)
    address: str = Field(max_length=64)
    at: datetime
    refused: bool = False


class Contact(SQLModel, table=True):
    """A citizen's phone number, given with explicit consent to the centre's stated
    purpose (its words and the time kept), for one ticket or booking. The only place a
    number is kept: events, logs and answers never hold it. Deleted after the centre's
    retention, or on the person's request."""

    __table_args__ = (
        Index("ix_contact_phone", "site", "phone", "created_at"),
        Index("ix_contact_created", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    site: str = Field(foreign_key="site.code", max_length=64)
    phone: str = Field(max_length=16)  # 0xxxxxxxxx (protocol.phone_numbers.normal_phone)
    consent_text: str
    consent_at: datetime
    created_at: datetime


class Appointment(SQLModel, table=True):
    # A booked slot's places: seat 1…capacity, one booking each. The database refuses a
    # second booking of a seat, so a slot is never booked past its capacity, whatever
    # number of processes books at once. (Staff-made appointments have no seat.)
    __table_args__ = (
        UniqueConstraint("site", "service_id", "slot_start", "seat", name="uq_appointment_seat"),
    )
    site: str = Field(primary_key=True, foreign_key="site.code", max_length=64)
    code: str = Field(primary_key=True, max_length=32)
    service_id: str = Field(max_length=64)
    slot_start: datetime
    slot_end: datetime | None = None
    ticket_id: int | None = None
    seat: int | None = None
    procedure_id: str | None = Field(default=None, max_length=64)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    created_at: datetime | None = None


class Rating(SQLModel, table=True):
    ticket_id: int = Field(primary_key=True, foreign_key="ticket.id")
    site: str = Field(foreign_key="site.code", max_length=64)
    counter_id: int | None = None
    clerk_user_id: int | None = None
    level: str = Field(max_length=32)
    reasons: list[str] = Field(sa_column=Column(JSON, nullable=False))
    at: datetime
    device_id: int | None = None
