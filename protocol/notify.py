"""Messages to citizens' phones (issue 14): a phone page's web-push subscription, the
server's VAPID public key, and the supervisors' list of messages with their delivery."""

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_STRICT = ConfigDict(extra="forbid")
# base64url without padding: a P-256 public key is 65 bytes (87 characters), the auth
# secret 16 bytes (22 characters); browsers send exactly these.
_B64URL = r"^[A-Za-z0-9_-]+={0,2}$"


class NotifyKind(StrEnum):
    NEAR = "near"  # `notify_ahead` citizens (or fewer) are ahead of the ticket
    CALLED = "called"  # the ticket was called to a counter


class NotifyChannel(StrEnum):
    PUSH = "push"  # web push to the phone page that subscribed
    SMS = "sms"  # the centre's SMS/Zalo gateway (MOTCUA_NOTIFIER_URL), to the phone given


class NotifyStatus(StrEnum):
    QUEUED = "queued"  # waiting to be sent, or to be tried again (`next_at`)
    SENT = "sent"
    FAILED = "failed"  # every try failed (or nothing is left to send it to)


class PushKeys(BaseModel):
    model_config = _STRICT
    p256dh: str = Field(min_length=80, max_length=100, pattern=_B64URL)
    auth: str = Field(min_length=16, max_length=32, pattern=_B64URL)


class PushSubscribe(BaseModel):
    """`POST /public/tickets/{code}/push`: what `PushSubscription.toJSON()` gives in the
    browser, plus the page's language (the messages' language). Subscribing again
    replaces the ticket's subscription (another phone, another language)."""

    model_config = ConfigDict(extra="ignore")  # toJSON() also has expirationTime
    endpoint: str = Field(min_length=12, max_length=1000, pattern=r"^https?://[^\s]+$")
    keys: PushKeys
    lang: Literal["vi", "en"] = "vi"


class PushSubscribed(BaseModel):
    number: str  # the ticket's, as printed
    lang: Literal["vi", "en"]


class PushKey(BaseModel):
    """`GET /public/push-key`: the server's VAPID public key (base64url, uncompressed
    P-256 point), the `applicationServerKey` of `pushManager.subscribe`."""

    public_key: str


class NotificationPublic(BaseModel):
    """One message as supervisors see it. `to`: the phone number masked (SMS), or None
    (web push)."""

    id: int
    ticket_id: int
    number: str
    service_id: str
    kind: NotifyKind
    channel: NotifyChannel
    status: NotifyStatus
    tries: int
    last_error: str | None = None
    to: str | None = None
    text: str
    created_at: datetime
    sent_at: datetime | None = None
    next_at: datetime | None = None  # when it is tried again (queued only)


class NotificationPage(BaseModel):
    """`GET /admin/notifications?day=`: a day's messages, newest first, with counts."""

    day: date
    queued: int
    sent: int
    failed: int
    items: list[NotificationPublic]
