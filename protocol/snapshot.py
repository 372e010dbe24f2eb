"""State shapes: tickets, counters, services, the snapshot, the catalog."""

from datetime import datetime

from pydantic import BaseModel, Field

from protocol.enums import CounterStatus, TicketStatus


class TicketPublic(BaseModel):
    """A ticket as every client sees it. Holds no personal data."""

    id: int
    number: str  # as printed and announced: "1023" or "A005"
    service_id: str
    procedure_id: str | None = None
    priority: str | None = None  # priority group code
    appointment_code: str | None = None
    status: TicketStatus
    counter_id: int | None = None  # counter serving it (called/serving) or last one
    to_counter_id: int | None = None  # transferred/returned to this counter: it goes first
    issued_at: datetime
    queue_at: datetime | None = None  # its place in line (issue time, kept through transfers)
    appointment_slot: datetime | None = None  # booked slot start, for appointment check-ins
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    recall_count: int = 0


class TicketIssued(TicketPublic):
    """Answer to `POST /tickets`: the ticket plus where it stands."""

    position: int  # 1 = next to be called
    ahead: int  # people ahead in the same queue
    estimated_wait_s: int
    tracking_code: str
    tracking_url: str
    service_name: str
    procedure_name: str | None = None
    # Said to the citizen with the number, as is: a booking checked in late got a normal
    # number ("Quý khách đến trễ quá 15 phút…"), or early (called from its slot's start).
    notice: str | None = None


class WaitingTicket(TicketPublic):
    """A waiting ticket on a counter's list: where it stands in its field's queue (the
    same figures its printed ticket and the phone page show)."""

    position: int
    ahead: int
    estimated_wait_s: int


class CounterState(BaseModel):
    id: int  # the counter number announced: "quầy số 5"
    name: str
    services: list[str]  # service ids in the counter's order
    status: CounterStatus
    clerk: str | None = None  # display name of the clerk logged in
    clerk_user_id: int | None = None  # the clerk's account (who may act at this counter)
    current: TicketPublic | None = None
    pause_reason: str | None = None
    since: datetime | None = None  # when the status or current ticket last changed
    # For a called current ticket, the centre's no-show rule as the server applies it to a
    # clerk: recalls still wanted, and from when (after them) a no-show may be recorded.
    no_show_recalls_left: int = 0
    no_show_at: datetime | None = None


class ServiceState(BaseModel):
    id: str
    name: str
    waiting: int
    open: bool
    estimated_wait_s: int
    issued: int = 0  # tickets issued today in this field
    # Why a kiosk must not offer it right now: an ErrorCode value ("service-closed",
    # "outside-hours", "daily-limit-reached"), or None when it takes tickets.
    unavailable: str | None = None


class RecentCall(BaseModel):
    ticket_id: int
    number: str
    counter_id: int
    service_id: str
    at: datetime
    recall: bool = False


class Snapshot(BaseModel):
    epoch: str
    seq: int
    site: str
    day: str  # business day, ISO date in the centre's time zone
    services: list[ServiceState]
    counters: list[CounterState]
    waiting: list[TicketPublic]  # every waiting ticket, oldest place first
    now_serving: list[TicketPublic]  # called or serving
    recent_calls: list[RecentCall]


class ProcedureInfo(BaseModel):
    id: str
    name: str
    # Everyday words citizens search with ("hộ tịch", "sổ đỏ", "CCCD"): found by the
    # kiosk's search, never shown.
    keywords: list[str] = Field(default_factory=list)
    # What to bring and what to expect (shown on the kiosk's "Xem thông tin thủ tục"
    # and on the phone page): the documents of the dossier (thành phần hồ sơ), the fee,
    # the time limit for the result, the national portal's page of the procedure.
    documents: list[str] = Field(default_factory=list)
    fee: str | None = None  # "50.000 đồng/bản", "Miễn phí"
    result_time: str | None = None  # "03 ngày làm việc"
    portal_url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class ServiceInfo(BaseModel):
    id: str
    name: str
    name_en: str | None = None
    short_name: str | None = None  # the centre file's short name, if any
    short_name_en: str | None = None
    procedures: list[ProcedureInfo] = Field(default_factory=list)
    closed: bool = False
    daily_limit: int | None = None
    keywords: list[str] = Field(default_factory=list)  # search words, as for procedures
    color: str | None = None  # "#RRGGBB" of the field's tile; None: the kiosk's default
    icon: str | None = None  # a name from the kiosk's icon set; None: the default


class PriorityGroup(BaseModel):
    code: str
    name: str
    name_en: str | None = None


class RatingLevel(BaseModel):
    code: str
    name: str
    name_en: str | None = None
    low: bool = False  # a low rating asks for reasons
    # Counted as "satisfied" in reports; None: every level not marked `low`.
    satisfied: bool | None = None

    @property
    def counts_satisfied(self) -> bool:
        return (not self.low) if self.satisfied is None else self.satisfied


class Catalog(BaseModel):
    """What the apps need to draw their screens: `GET /api/v1/catalog`."""

    site: str
    name: str
    name_en: str | None = None
    address: str | None = None
    timezone: str
    hours: dict[str, list[str]]  # weekday (mon..sun) -> [open, close] "HH:MM"
    services: list[ServiceInfo]
    counters: list[CounterState]
    priority_groups: list[PriorityGroup]
    rating_levels: list[RatingLevel]
    rating_reasons: list[str]
    pause_reasons: list[str]
    notice: str | None = None
    ticket_footer: str | None = None
    announcement_template: str
    number_reading: str  # "words" or "digits"
    # What a kiosk does while its printer cannot print: "screen" issues the ticket on
    # screen (number + QR) and says no paper came out; "stop" issues nothing.
    kiosk_when_printer_fails: str = "screen"


class TrackingInfo(BaseModel):
    """`GET /public/tickets/{code}`: one ticket, nothing personal."""

    number: str
    service_id: str
    service_name: str
    status: TicketStatus
    position: int | None = None
    ahead: int | None = None
    estimated_wait_s: int | None = None
    counter_id: int | None = None  # where to go: set while called or being served
    issued_at: datetime
    site_name: str
    # Added for the phone page (issue 13); all optional, so older clients read it as before.
    site_name_en: str | None = None
    service_name_en: str | None = None
    counter_name: str | None = None  # the counter's own name ("Quầy 5"), with counter_id
    timezone: str | None = None  # the centre's ("Asia/Ho_Chi_Minh")
    issued_time: str | None = None  # "HH:MM" when the number was taken, centre's time zone
    # The field's latest called number (the hall's "now serving" for this field), the
    # counter it was called to, and when; None before the field's first call today.
    now_serving: str | None = None
    now_serving_counter_id: int | None = None
    now_serving_at: datetime | None = None
    seq: int | None = None  # the site's event seq these figures are of
    final: bool = False  # done or cancelled: nothing more will change
