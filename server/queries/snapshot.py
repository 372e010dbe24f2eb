"""The snapshot of DESIGN.md and the catalog, read in one transaction each."""

from sqlalchemy import select
from sqlmodel import Session

from protocol.enums import CounterStatus, TicketStatus
from protocol.errors import ErrorCode
from protocol.events import EventType
from protocol.snapshot import Catalog, CounterState, RecentCall, ServiceInfo, ServiceState, Snapshot
from server.centre import CentreConfig
from server.commands.context import Context, load_site
from server.domain.clock import within_hours
from server.store.convert import aware, counter_state, ticket_public
from server.store.tables import Counter, Event, NumberCounter, Ticket, User

RECENT_CALLS = 10


def _counters(s: Session, site: str, cfg: CentreConfig) -> list[CounterState]:
    rows = {c.id: c for c in s.execute(select(Counter).where(Counter.site == site)).scalars()}
    users = {u.id: u for u in s.execute(select(User).where(User.site == site)).scalars()}
    current_ids = [r.current_ticket_id for r in rows.values() if r.current_ticket_id]
    current = (
        {t.id: t for t in s.execute(select(Ticket).where(Ticket.id.in_(current_ids))).scalars()}
        if current_ids
        else {}
    )
    out = []
    for conf in cfg.counters:
        row = rows.get(conf.id) or Counter(site=site, id=conf.id, status="closed")
        u = users.get(row.clerk_user_id) if row.clerk_user_id else None
        out.append(
            counter_state(
                row,
                [x.id for x in conf.services],
                conf.name or f"Quầy {conf.id}",
                (u.full_name or u.username) if u else None,
                current.get(row.current_ticket_id),
            )
        )
    return out


def _unavailable(closed: bool, open_now: bool, full: bool) -> str | None:
    if closed:
        return ErrorCode.SERVICE_CLOSED.value
    if not open_now:
        return ErrorCode.OUTSIDE_HOURS.value
    if full:
        return ErrorCode.DAILY_LIMIT_REACHED.value
    return None


def build_snapshot(ctx: Context, site_code: str) -> Snapshot:
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        site = load_site(s, site_code)
        cfg = ctx.config_of(site)
        tickets = (
            s.execute(
                select(Ticket)
                .where(
                    Ticket.site == site_code,
                    Ticket.day == site.business_day,
                    Ticket.status.in_(
                        [
                            TicketStatus.WAITING.value,
                            TicketStatus.CALLED.value,
                            TicketStatus.SERVING.value,
                        ]
                    ),
                )
                .order_by(Ticket.queue_at, Ticket.id)
            )
            .scalars()
            .all()
        )
        waiting = [t for t in tickets if t.status == TicketStatus.WAITING.value]
        counters = _counters(s, site_code, cfg)
        calls = (
            s.execute(
                select(Event)
                .where(
                    Event.site == site_code,
                    Event.type.in_(
                        [EventType.TICKET_CALLED.value, EventType.TICKET_RECALLED.value]
                    ),
                )
                .order_by(Event.seq.desc())
                .limit(RECENT_CALLS)
            )
            .scalars()
            .all()
        )
        open_by_service: dict[str, int] = {}
        for c in counters:
            if c.status == CounterStatus.OPEN:
                for sid in c.services:
                    open_by_service[sid] = open_by_service.get(sid, 0) + 1
        issued = dict(
            s.execute(
                select(NumberCounter.service_id, NumberCounter.last).where(
                    NumberCounter.site == site_code, NumberCounter.day == site.business_day
                )
            ).all()
        )
        open_now = not cfg.enforce_hours or within_hours(ctx.now(), cfg.tz, cfg.hours_parsed())
        services = []
        for svc in cfg.services:
            n = sum(1 for t in waiting if t.service_id == svc.id)
            avg = svc.default_service_s or cfg.default_service_s
            count = int(issued.get(svc.id, 0))
            full = svc.daily_limit is not None and count >= svc.daily_limit
            block = svc.numbers.scheme().capacity
            full = full or (block is not None and count >= block)
            services.append(
                ServiceState(
                    id=svc.id,
                    name=svc.name,
                    waiting=n,
                    open=not svc.closed,
                    estimated_wait_s=int(n * avg / max(open_by_service.get(svc.id, 0), 1)),
                    issued=count,
                    unavailable=_unavailable(svc.closed, open_now, full),
                )
            )
        recent = []
        for e in calls:
            t = e.data.get("ticket", {})
            if aware(e.at).astimezone(cfg.tz).date() != site.business_day:
                continue
            recent.append(
                RecentCall(
                    ticket_id=t.get("id", 0),
                    number=t.get("number", ""),
                    counter_id=e.data.get("counter", {}).get("id", t.get("counter_id") or 0),
                    service_id=t.get("service_id", ""),
                    at=aware(e.at),
                    recall=e.type == EventType.TICKET_RECALLED.value,
                )
            )
        return Snapshot(
            epoch=site.epoch,
            seq=site.seq,
            site=site_code,
            day=site.business_day.isoformat(),
            services=services,
            counters=counters,
            waiting=[ticket_public(t) for t in waiting],
            now_serving=[
                ticket_public(t) for t in tickets if t.status != TicketStatus.WAITING.value
            ],
            recent_calls=recent,
        )


def build_catalog(ctx: Context, site_code: str) -> Catalog:
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        site = load_site(s, site_code)
        cfg = ctx.config_of(site)
        counters = _counters(s, site_code, cfg)
    return Catalog(
        site=cfg.site,
        name=cfg.name,
        name_en=cfg.name_en,
        address=cfg.address,
        timezone=cfg.timezone,
        hours={d: list(v) for d, v in cfg.hours.items()},
        services=[
            ServiceInfo(
                id=s_.id,
                name=s_.name,
                name_en=s_.name_en,
                procedures=s_.procedures,
                closed=s_.closed,
                daily_limit=s_.daily_limit,
            )
            for s_ in cfg.services
        ],
        counters=counters,
        priority_groups=cfg.priority_groups,
        rating_levels=cfg.rating_levels,
        rating_reasons=cfg.rating_reasons,
        pause_reasons=cfg.pause_reasons,
        notice=cfg.notice,
        ticket_footer=cfg.ticket_footer,
        announcement_template=cfg.announcement.template,
        number_reading=cfg.announcement.number_reading,
    )
