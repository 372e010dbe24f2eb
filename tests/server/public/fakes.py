"""A stand-in for the server's queries and commands (server/public/source.py `Source`),
so that the pages can be drawn and submitted without a database: the sample centre,
Justice taking remote numbers and bookings, Land only at the centre."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from motcua.demo import SAMPLE
from protocol.errors import ERROR_TITLES, ErrorCode
from protocol.phone_numbers import mask_phone
from protocol.public import (
    AppointmentBook,
    AppointmentBooked,
    AppointmentCancelled,
    BookingOffer,
    PhonesPolicy,
    PublicCentre,
    PublicService,
    PublicTicket,
    PublicTicketCreate,
    RemoteNow,
    SlotsDay,
    SlotView,
)
from server.centre import load_centre_file
from server.domain.errors import DomainError

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2031, 3, 4)  # a Tuesday
NOW = datetime(2031, 3, 4, 9, 10, tzinfo=TZ)


class FakeSource:
    def __init__(self) -> None:
        self.cfg = load_centre_file(SAMPLE)
        self.taken: list[tuple[PublicTicketCreate, object]] = []
        self.booked: dict[str, tuple[AppointmentBook, AppointmentBooked]] = {}
        self.refuse: ErrorCode | None = None  # the next take/book is refused so

    def centre(self, site: str | None) -> PublicCentre:
        c = self.cfg
        return PublicCentre(
            site=c.site,
            name=c.name,
            name_en=c.name_en,
            address=c.address,
            timezone=c.timezone,
            hours={d: list(h) for d, h in c.hours.items()},
            closed_days=c.closed_days,
            notice=c.notice,
            now=NOW.astimezone(UTC),
            today=TODAY,
            phones=PhonesPolicy(
                phone_required=c.phones.phone_required,
                consent_text=c.phones.consent_text,
                consent_text_en=c.phones.consent_text_en,
                retention_days=c.phones.retention_days,
                per_phone_per_day=c.phones.per_phone_per_day,
                sms=c.phones.sms,
            ),
            services=[self._service(s) for s in c.services],
        )

    def _service(self, s) -> PublicService:  # type: ignore[no-untyped-def]
        why = None if s.remote.enabled else ErrorCode.REMOTE_NOT_OFFERED
        return PublicService(
            id=s.id,
            name=s.name,
            name_en=s.name_en,
            color=s.color,
            procedures=s.procedures,
            waiting=4 if s.id == "tu-phap" else 0,
            estimated_wait_s=1500 if s.id == "tu-phap" else 0,
            notify_ahead=s.notify_ahead,
            remote=RemoteNow(
                offered=s.remote.enabled,
                available=why is None,
                why_not=why,
                why_not_title=ERROR_TITLES[why] if why else None,
                left_today=s.remote.daily_cap,
            ),
            booking=BookingOffer(
                offered=s.slots.enabled,
                length_min=s.slots.length_min,
                capacity=s.slots.capacity,
                days_ahead=s.slots.days_ahead,
                tolerance_min=s.slots.tolerance_min,
            ),
        )

    def slots(self, site: str | None, service_id: str, day: date) -> SlotsDay:
        if day.weekday() == 6:
            why = ErrorCode.SLOT_UNAVAILABLE
            return SlotsDay(
                service_id=service_id,
                date=day,
                open=False,
                why_not=why,
                why_not_title=ERROR_TITLES[why],
            )
        start = datetime(day.year, day.month, day.day, 8, tzinfo=TZ)
        views = []
        for i in range(8):
            a = start + timedelta(minutes=20 * i)
            left = 0 if i == 3 else 2
            views.append(
                SlotView(
                    start=a,
                    end=a + timedelta(minutes=20),
                    capacity=2,
                    left=left,
                    bookable=left > 0 and a > NOW,
                )
            )
        return SlotsDay(service_id=service_id, date=day, open=True, slots=views)

    def booking(self, site: str | None, code: str) -> AppointmentBooked:
        if code not in self.booked:
            raise DomainError(ErrorCode.UNKNOWN_APPOINTMENT, code)
        return self.booked[code][1]

    async def take(
        self, site: str | None, body: PublicTicketCreate, request: object
    ) -> PublicTicket:
        self._maybe_refuse()
        self.taken.append((body, request))
        return PublicTicket(
            number="4005",
            service_id=body.service_id,
            service_name="Tư pháp",
            issued_at=NOW,
            position=5,
            ahead=4,
            estimated_wait_s=1500,
            tracking_code="trackcode123456",
            tracking_url="http://x/t/trackcode123456",
            phone=mask_phone(body.phone),
        )

    async def book(
        self, site: str | None, body: AppointmentBook, request: object
    ) -> AppointmentBooked:
        self._maybe_refuse()
        code = f"TP{len(self.booked) + 1:04d}"
        b = AppointmentBooked(
            code=code,
            service_id=body.service_id,
            service_name="Tư pháp",
            procedure_id=body.procedure_id,
            procedure_name=self.cfg.procedure_name(body.procedure_id),
            slot_start=body.slot_start,
            slot_end=body.slot_start + timedelta(minutes=20),
            tolerance_min=15,
            qr_url=f"http://elsewhere:8000/api/v1/public/appointments/{code}/qr.svg",
            qr_text=code,
            phone=mask_phone(body.phone),
        )
        self.booked[code] = (body, b)
        return b

    async def cancel(self, site: str | None, code: str) -> AppointmentCancelled:
        if self.booked.pop(code, None) is None:
            raise DomainError(ErrorCode.UNKNOWN_APPOINTMENT, code)
        return AppointmentCancelled(code=code)

    def _maybe_refuse(self) -> None:
        if self.refuse is not None:
            code, self.refuse = self.refuse, None
            raise DomainError(code)
