"""The tables of messages to citizens' phones (server/notify): each ticket's web-push
subscription, the outbox, and the server's VAPID key pair. No phone number is kept here:
an SMS reads it from the citizen's contact when it is sent (the contact is purged after
the centre's retention, and the outbox keeps only the masked form it shows)."""

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class PushSubscription(SQLModel, table=True):
    """The phone page that asked for messages about a ticket (one per ticket: the latest
    subscription wins). Deleted when the ticket ends."""

    __tablename__ = "push_subscription"
    ticket_id: int = Field(primary_key=True, foreign_key="ticket.id")
    site: str = Field(foreign_key="site.code", max_length=64, index=True)
    endpoint: str = Field(max_length=1000)
    p256dh: str = Field(max_length=100)
    auth: str = Field(max_length=32)
    lang: str = Field(default="vi", max_length=2)
    created_at: datetime


class Notification(SQLModel, table=True):
    """One message: queued once per (ticket, kind, channel), by whichever process saw the
    event first (the unique key refuses the others, also after a restart); sent by the
    process that claims it (`tries` moves on with each claim)."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("ticket_id", "kind", "channel", name="uq_notification_once"),
        Index("ix_notification_due", "status", "next_at"),
        Index("ix_notification_day", "site", "day", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    site: str = Field(foreign_key="site.code", max_length=64)
    day: date
    ticket_id: int = Field(foreign_key="ticket.id")
    number: str = Field(max_length=16)
    service_id: str = Field(max_length=64)
    kind: str = Field(max_length=8)
    channel: str = Field(max_length=8)
    lang: str = Field(default="vi", max_length=2)
    text: str = Field(max_length=500)
    status: str = Field(default="queued", max_length=8)
    tries: int = 0
    next_at: datetime
    last_error: str | None = Field(default=None, max_length=300)
    to_masked: str | None = Field(default=None, max_length=32)
    created_at: datetime
    sent_at: datetime | None = None


class PushKeyPair(SQLModel, table=True):
    """The server's VAPID key pair, made on the first start and never again (every
    subscription is tied to its public key)."""

    __tablename__ = "push_key"
    id: int = Field(primary_key=True)  # always 1
    private_key: str = Field(max_length=200)  # base64url of the raw P-256 private value
    public_key: str = Field(max_length=100)  # base64url of the uncompressed point
    created_at: datetime
