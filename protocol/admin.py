"""The console's contract: accounts, devices, the audit trail, alerts, supervisors'
actions on the waiting list. Model families as `XCreate` (body in), `XPatch` (partial
change), `XPublic` (answer out)."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from protocol.enums import Role
from protocol.inputs import CounterNo, text

PersonName = text(128)
Note = text(200)
Password = text(128, strip=False, min_length=8)

USERNAME_PATTERN = r"^[\w.@-]{1,64}$"  # letters (any script), digits, . _ @ -
DEVICE_NAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"


# -- users -------------------------------------------------------------------------------
class UserCreate(BaseModel):
    """`POST /admin/users`. `site`: the centre (default: the admin's own); `province`: the
    user belongs to the province (every centre), only a province admin may say so."""

    username: str = Field(pattern=USERNAME_PATTERN)
    full_name: PersonName | None = None
    role: Role
    password: Password
    site: str | None = Field(default=None, max_length=64)
    province: bool = False


class UserPatch(BaseModel):
    """`PATCH /admin/users/{username}`: what is given changes. A new password or
    `disabled: true` ends the user's sessions at once."""

    full_name: PersonName | None = None
    role: Role | None = None
    password: Password | None = None
    disabled: bool | None = None


class UserPublic(BaseModel):
    username: str
    full_name: str | None = None
    role: Role
    site: str
    province: bool = False
    disabled: bool = False


# -- devices -----------------------------------------------------------------------------
class DeviceCreate(BaseModel):
    """`POST /admin/devices`: a kiosk, TV (display), or rating pad (`counter` required)."""

    name: str = Field(pattern=DEVICE_NAME_PATTERN)
    role: Role
    counter: CounterNo | None = None


class DeviceCreated(BaseModel):
    """The token is shown once, here; the server keeps only its hash."""

    name: str
    role: Role
    counter: int | None = None
    token: str


class DevicePublic(BaseModel):
    name: str
    role: Role
    counter: int | None = None
    active: bool
    last_seen: datetime | None = None
    online: bool = False  # seen within the centre's `alerts.device_offline_s`
    printer_error: str | None = None
    printer_error_at: datetime | None = None


# -- audit trail -------------------------------------------------------------------------
class AuditRow(BaseModel):
    """One event of the log, said in plain words."""

    seq: int
    at: datetime
    type: str
    actor: str  # "user:lan", "device:kiosk-1", "system"
    actor_name: str | None = None  # "Nguyễn Thị Lan"
    counter: int | None = None
    number: str | None = None  # the ticket's number as shown
    text: str  # "Nguyễn Thị Lan gọi số 1023 tại quầy 5 lúc 09:12:04"
    text_en: str


class AuditPage(BaseModel):
    """One page, newest first; `next_cursor` fetches the older page (None: no more)."""

    rows: list[AuditRow]
    next_cursor: str | None = None


# -- centres -----------------------------------------------------------------------------
class SiteRef(BaseModel):
    """`GET /admin/sites`: a centre a manager may act on (`?site=code`)."""

    code: str
    name: str
    name_en: str | None = None


# -- alerts ------------------------------------------------------------------------------
class AlertKind(StrEnum):
    LONG_WAIT = "long-wait"  # a citizen waiting longer than the field's limit
    LONG_PAUSE = "long-pause"  # a counter paused longer than the limit
    IDLE_COUNTER = "idle-counter"  # open and idle while its fields have citizens waiting
    PRINTER = "printer"  # a kiosk's printer out of paper or offline
    DEVICE_OFFLINE = "device-offline"  # a kiosk or TV not seen for a while


class AlertPublic(BaseModel):
    id: str  # stable for one occurrence: "long-wait:1234", "long-pause:5:<since>"
    kind: AlertKind
    site: str
    since: datetime
    text: str  # Vietnamese, plain
    text_en: str
    counter: int | None = None
    ticket_id: int | None = None
    number: str | None = None  # the ticket's number (a long wait), as the citizen holds it
    service_id: str | None = None
    device: str | None = None
    active: bool = True  # False: the condition has ended (kept until the day closes)
    acked_by: str | None = None
    acked_at: datetime | None = None


# -- supervisors' actions on the waiting list --------------------------------------------
class MoveToFrontBody(BaseModel):
    """`POST /tickets/{id}/move-to-front`: the ticket is called next in its field."""

    reason: Note


class SupervisorTransferBody(BaseModel):
    """`POST /tickets/{id}/transfer`: a waiting ticket goes to another field, keeping its
    place in line."""

    service_id: str = Field(max_length=64)
