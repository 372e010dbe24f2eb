"""What goes on a paper ticket: a flat, frozen record built from the server's answer.

The renderer takes this rather than `TicketIssued` so that it needs no catalog, no
time zone and no network: the kiosk resolves names and local time once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk_app.printing.labels import LANGUAGES, Language, labels_for
from protocol.snapshot import Catalog, TicketIssued


@dataclass(frozen=True)
class TicketPrint:
    site_name: str
    service_name: str
    procedure_name: str | None
    number: str  # as announced: "1023", "A005"
    ahead: int
    estimated_wait_s: int
    issued_at: datetime  # already in the centre's local time
    tracking_url: str
    footer: str | None = None
    priority_label: str | None = None
    language: Language = "vi"  # language of the fixed labels only
    test_print: bool = False  # "IN THỬ" banners; the QR holds text, not an address

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValueError("ticket number is empty")
        if self.ahead < 0 or self.estimated_wait_s < 0:
            raise ValueError("ahead and estimated_wait_s must be >= 0")
        if not self.tracking_url:
            raise ValueError("tracking_url is empty")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")


def _local_time(at: datetime, timezone: str) -> datetime:
    if at.tzinfo is None:
        return at  # the server sends aware datetimes; a naive one is taken as local already
    try:
        return at.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        # No tz database (a bare Windows kiosk without `tzdata`): the kiosk's own clock
        # is set to the centre's time, so its local zone is the next best answer.
        return at.astimezone()


def ticket_print_from_issued(
    issued: TicketIssued, catalog: Catalog, *, language: Language = "vi"
) -> TicketPrint:
    """Build the printable ticket from `POST /tickets`'s answer and the catalog."""
    english = language == "en"
    site_name = (catalog.name_en if english and catalog.name_en else None) or catalog.name
    service_name = issued.service_name
    if english:
        for service in catalog.services:
            if service.id == issued.service_id and service.name_en:
                service_name = service.name_en
    priority_label = None
    if issued.priority:
        priority_label = issued.priority  # an unknown code still shows that it is a priority
        for group in catalog.priority_groups:
            if group.code == issued.priority:
                priority_label = (group.name_en if english and group.name_en else None) or (
                    group.name
                )
    return TicketPrint(
        site_name=site_name,
        service_name=service_name,
        procedure_name=issued.procedure_name,
        number=issued.number,
        ahead=issued.ahead,
        estimated_wait_s=issued.estimated_wait_s,
        issued_at=_local_time(issued.issued_at, catalog.timezone),
        tracking_url=issued.tracking_url,
        footer=catalog.ticket_footer,
        priority_label=priority_label,
        language=language,
    )


def sample_ticket(language: Language = "vi", **changes: object) -> TicketPrint:
    """A realistic ticket for the admin screen's "print a test ticket" and for tests."""
    fields: dict[str, object] = {
        "site_name": "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam",
        "service_name": "Đăng ký kinh doanh",
        "procedure_name": "Đăng ký thành lập hộ kinh doanh",
        "number": "1023",
        "ahead": 7,
        "estimated_wait_s": 14 * 60 + 20,
        "issued_at": datetime(2025, 11, 22, 8, 5),
        "tracking_url": "https://motcua.quangnam.gov.vn/t/7KX9-2QF4",
        "footer": "Vui lòng giữ vé đến khi được phục vụ. Hotline: 0235 3 810 810",
        "priority_label": None,
        "language": language,
    }
    fields.update(changes)
    return TicketPrint(**fields)  # type: ignore[arg-type]


# What a test print's QR code holds: plain text, no address, so a phone that scans it
# opens nothing (a made-up address would lead a curious citizen somewhere unknown).
TEST_QR_TEXT = "IN THU / TEST PRINT - MotCua"


def trial_ticket(
    site_name: str,
    *,
    footer: str | None = None,
    language: Language = "vi",
    at: datetime | None = None,
    timezone: str = "Asia/Ho_Chi_Minh",
) -> TicketPrint:
    """The settings screen's "In thử": this centre's name and footer, "IN THỬ" said
    plainly at the top and bottom, number 0000, and a QR code that leads nowhere."""
    lab = labels_for(language)
    return TicketPrint(
        site_name=site_name,
        service_name=lab.test_service,
        procedure_name=lab.test_procedure,
        number="0000",
        ahead=0,
        estimated_wait_s=0,
        issued_at=_local_time(at or datetime.now(UTC), timezone),
        tracking_url=TEST_QR_TEXT,
        footer=footer,
        language=language,
        test_print=True,
    )
