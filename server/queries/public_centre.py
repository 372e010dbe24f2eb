"""What a phone may read without an account: the centre's fields, their procedures'
information, and what can be done remotely now; a field's slots on a day."""

from datetime import datetime, timedelta

from sqlalchemy import select

from protocol.errors import ERROR_TITLES, ErrorCode
from protocol.public import (
    BookingOffer,
    PhonesPolicy,
    PublicCentre,
    PublicService,
    RemoteNow,
    SlotsDay,
    SlotView,
)
from server.domain.errors import DomainError
from server.domain.hall import Hall
from server.domain.remote import remote_left, remote_unavailable
from server.domain.slots import booking_offered, day_refusal, day_slots
from server.store import bookings, channels
from server.store.context import Context
from server.store.tables import Site


def public_site(ctx: Context, site: str | None) -> str:
    """The centre a public request is about: `site`, or the server's only centre."""
    with ctx.db.reader.connect() as conn:
        codes = list(conn.execute(select(Site.code)).scalars())
    if site is not None:
        if site not in codes:
            raise DomainError(ErrorCode.NOT_FOUND, f"no centre {site!r}")
        return site
    if len(codes) != 1:
        raise DomainError(ErrorCode.VALIDATION, "this server holds several centres: give ?site=")
    return codes[0]


def _title(code: str | None) -> str | None:
    return ERROR_TITLES[ErrorCode(code)] if code else None


def _service(hall: Hall, sid: str, remote: int, now: datetime) -> PublicService:
    svc = hall.cfg.service(sid)
    assert svc is not None
    state = hall.service_state(sid, now)
    why = remote_unavailable(hall.cfg, svc, hall.issued.get(sid, 0), remote, now)
    s = svc.slots
    return PublicService(
        **svc.model_dump(
            include={"id", "name", "name_en", "short_name", "short_name_en", "color", "icon"}
        ),
        procedures=svc.procedures,
        waiting=state.waiting,
        estimated_wait_s=state.estimated_wait_s,
        notify_ahead=svc.notify_ahead,
        remote=RemoteNow(
            offered=svc.remote.enabled,
            available=why is None,
            why_not=why.value if why else None,
            why_not_title=_title(why),
            left_today=remote_left(svc, remote) if svc.remote.enabled else None,
        ),
        booking=BookingOffer(
            offered=booking_offered(svc),
            length_min=s.length_min,
            capacity=s.capacity,
            days_ahead=s.days_ahead,
            tolerance_min=s.tolerance_min,
        ),
    )


def public_centre(ctx: Context, site: str) -> PublicCentre:
    now = ctx.now()
    with ctx.halls.read(site) as hall, ctx.db.reader.connect() as conn:
        cfg = hall.cfg
        remote = channels.remote_issued(conn, site, hall.day)
        services = [_service(hall, s.id, remote.get(s.id, 0), now) for s in cfg.services]
        p = cfg.phones
        return PublicCentre(
            site=cfg.site,
            name=cfg.name,
            name_en=cfg.name_en,
            address=cfg.address,
            timezone=cfg.timezone,
            hours={d: list(h) for d, h in cfg.hours.items()},
            closed_days=cfg.closed_days,
            notice=cfg.notice,
            now=now,
            today=hall.day,
            phones=PhonesPolicy(
                **p.model_dump(
                    include={
                        "phone_required",
                        "consent_text",
                        "consent_text_en",
                        "retention_days",
                        "per_phone_per_day",
                        "sms",
                    }
                )
            ),
            services=services,
        )


def slots_of_day(ctx: Context, site: str, service_id: str, day: object) -> SlotsDay:
    now = ctx.now()
    with ctx.halls.read(site) as hall, ctx.db.reader.connect() as conn:
        cfg = hall.cfg
        svc = cfg.service(service_id)
        if svc is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, service_id)
        why = day_refusal(cfg, svc, day, now)  # type: ignore[arg-type]
        out = SlotsDay(service_id=svc.id, date=day, open=why is None)  # type: ignore[arg-type]
        if why is not None:
            return out.model_copy(update={"why_not": why.value, "why_not_title": _title(why)})
        slots = day_slots(cfg, svc, day)  # type: ignore[arg-type]
        if not slots:
            return out
        taken = bookings.taken_per_slot(
            conn, site, svc.id, slots[0].start, slots[-1].start + timedelta(seconds=1)
        )
        cap = svc.slots.capacity
        out.slots = [
            SlotView(
                start=s.start,
                end=s.end,
                capacity=cap,
                left=max(0, cap - taken.get(s.start, 0)),
                bookable=cap > taken.get(s.start, 0) and s.start > now,
            )
            for s in slots
        ]
        return out
