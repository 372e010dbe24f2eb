"""Today's figures: per counter (the clerk's panel), per service and late counters
(the supervisor's), and a counter's waiting list in the order it will call."""

from datetime import datetime
from statistics import mean
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from protocol.enums import CounterStatus, TicketStatus
from protocol.errors import ErrorCode
from protocol.snapshot import TicketPublic
from protocol.views import CounterStats
from server.centre import CentreConfig
from server.commands.context import Context, load_site
from server.domain.errors import DomainError
from server.domain.policy import CounterPolicy, order_for_counter
from server.queries.places import candidate
from server.queries.snapshot import _counters
from server.store.convert import aware, ticket_public
from server.store.tables import Counter, Device, Rating, Ticket

LATE_PAUSE_S = 15 * 60  # a pause longer than this shows up as late
LATE_SERVICE_FACTOR = 2.0  # serving one citizen twice the usual time


def _avg(values: list[float]) -> float | None:
    return round(mean(values), 1) if values else None


def rating_score(cfg: CentreConfig) -> dict[str, int]:
    """Levels are listed best first; the best scores len(levels), the worst 1."""
    n = len(cfg.rating_levels)
    return {lv.code: n - i for i, lv in enumerate(cfg.rating_levels)}


def _figures(tickets: list[Ticket], ratings: list[Rating], cfg: CentreConfig) -> dict[str, Any]:
    done = [t for t in tickets if t.status == TicketStatus.DONE.value]
    waits = [
        (t.called_at - t.queue_at).total_seconds() for t in tickets if t.called_at and t.queue_at
    ]
    services = [
        (t.finished_at - t.started_at).total_seconds()
        for t in done
        if t.finished_at and t.started_at
    ]
    score = rating_score(cfg)
    return {
        "served": len(done),
        "no_shows": sum(1 for t in tickets if t.status == TicketStatus.NO_SHOW.value),
        "avg_wait_s": _avg(waits),
        "avg_service_s": _avg(services),
        "ratings": len(ratings),
        "avg_rating": _avg([score.get(r.level, 0) for r in ratings]),
        "rating_levels": {
            lv.code: sum(1 for r in ratings if r.level == lv.code) for lv in cfg.rating_levels
        },
    }


def counter_stats(ctx: Context, site_code: str, counter_id: int) -> CounterStats:
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        site = load_site(s, site_code)
        cfg = ctx.config_of(site)
        if cfg.counter(counter_id) is None:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
        tickets = list(
            s.execute(
                select(Ticket).where(
                    Ticket.site == site_code,
                    Ticket.day == site.business_day,
                    Ticket.counter_id == counter_id,
                )
            ).scalars()
        )
        ids = [t.id for t in tickets]
        ratings = (
            list(s.execute(select(Rating).where(Rating.ticket_id.in_(ids))).scalars())
            if ids
            else []
        )
        return CounterStats(
            counter_id=counter_id,
            day=site.business_day.isoformat(),
            **_figures(tickets, ratings, cfg),
        )


def counter_waiting(ctx: Context, site_code: str, counter_id: int) -> list[TicketPublic]:
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        site = load_site(s, site_code)
        cfg = ctx.config_of(site)
        conf = cfg.counter(counter_id)
        row = s.get(Counter, (site_code, counter_id))
        if conf is None or row is None:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
        services = [x.id for x in conf.services]
        rows = list(
            s.execute(
                select(Ticket).where(
                    Ticket.site == site_code,
                    Ticket.day == site.business_day,
                    Ticket.status == TicketStatus.WAITING.value,
                    or_(
                        Ticket.to_counter_id == counter_id,
                        Ticket.to_counter_id.is_(None) & Ticket.service_id.in_(services),
                    ),
                )
            ).scalars()
        )
        by_id = {t.id: t for t in rows}
        policy = CounterPolicy(
            counter_id,
            {x.id: x.weight for x in conf.services},
            cfg.priority_ratio,
            row.priority_streak,
        )
        ordered = order_for_counter([candidate(t) for t in rows], policy, ctx.now())
        return [ticket_public(by_id[c.ticket_id]) for c in ordered]


def counter_no_shows(ctx: Context, site_code: str, counter_id: int) -> list[TicketPublic]:
    """Today's no-show tickets a clerk at this counter may take back, latest call first:
    called here, or waiting in one of the counter's fields."""
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        site = load_site(s, site_code)
        conf = ctx.config_of(site).counter(counter_id)
        if conf is None:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
        services = [x.id for x in conf.services]
        rows = s.execute(
            select(Ticket)
            .where(
                Ticket.site == site_code,
                Ticket.day == site.business_day,
                Ticket.status == TicketStatus.NO_SHOW.value,
                or_(Ticket.counter_id == counter_id, Ticket.service_id.in_(services)),
            )
            .order_by(Ticket.called_at.desc(), Ticket.id.desc())
        ).scalars()
        return [ticket_public(t) for t in rows]


def _late(
    counters: list[Any],
    now: datetime,
    avg_service: dict[str, float],
    waiting_by_service: dict[str, int],
    cfg: CentreConfig,
) -> list[dict[str, Any]]:
    late = []
    for c in counters:
        since = c.since
        age = (now - since).total_seconds() if since else 0.0
        if c.status == CounterStatus.PAUSED and age > LATE_PAUSE_S:
            late.append(
                {
                    "counter_id": c.id,
                    "why": "paused-long",
                    "seconds": int(age),
                    "reason": c.pause_reason,
                }
            )
        elif c.current is not None and c.current.status == TicketStatus.SERVING:
            usual = avg_service.get(c.current.service_id) or cfg.default_service_s
            started = c.current.started_at or since
            took = (now - started).total_seconds() if started else 0.0
            if took > LATE_SERVICE_FACTOR * usual:
                late.append(
                    {
                        "counter_id": c.id,
                        "why": "serving-long",
                        "seconds": int(took),
                        "ticket": c.current.number,
                    }
                )
        elif (
            c.status == CounterStatus.OPEN
            and c.current is None
            and age > 600
            and any(waiting_by_service.get(sid) for sid in c.services)
        ):
            late.append({"counter_id": c.id, "why": "idle-with-queue", "seconds": int(age)})
    return late


def stats_today(ctx: Context, site_code: str) -> dict[str, Any]:
    now = ctx.now()
    with Session(ctx.db.reader, expire_on_commit=False) as s, s.begin():
        site = load_site(s, site_code)
        cfg = ctx.config_of(site)
        tickets = list(
            s.execute(
                select(Ticket).where(Ticket.site == site_code, Ticket.day == site.business_day)
            ).scalars()
        )
        ids = [t.id for t in tickets]
        ratings = (
            list(s.execute(select(Rating).where(Rating.ticket_id.in_(ids))).scalars())
            if ids
            else []
        )
        counters = _counters(s, site_code, cfg)
        devices = list(s.execute(select(Device).where(Device.site == site_code)).scalars())
    per_service = []
    avg_service: dict[str, float] = {}
    waiting_by_service: dict[str, int] = {}
    for svc in cfg.services:
        mine = [t for t in tickets if t.service_id == svc.id]
        f = _figures(mine, [r for r in ratings if r.ticket_id in {t.id for t in mine}], cfg)
        waiting = sum(1 for t in mine if t.status == TicketStatus.WAITING.value)
        waiting_by_service[svc.id] = waiting
        if f["avg_service_s"]:
            avg_service[svc.id] = f["avg_service_s"]
        per_service.append(
            {
                "service_id": svc.id,
                "name": svc.name,
                "issued": sum(1 for t in tickets if t.issued_service_id == svc.id),
                "waiting": waiting,
                **f,
            }
        )
    per_counter = []
    for c in counters:
        mine = [t for t in tickets if t.counter_id == c.id]
        f = _figures(mine, [r for r in ratings if r.counter_id == c.id], cfg)
        per_counter.append({"counter_id": c.id, "status": c.status.value, "clerk": c.clerk, **f})
    return {
        "day": site.business_day.isoformat(),
        "issued": len(tickets),
        "waiting": sum(waiting_by_service.values()),
        "totals": _figures(tickets, ratings, cfg),
        "services": per_service,
        "counters": per_counter,
        "late_counters": _late(counters, now, avg_service, waiting_by_service, cfg),
        "printers": [
            {
                "device": d.name,
                "error": d.printer_error,
                "at": aware(d.printer_error_at).isoformat() if d.printer_error_at else None,
            }
            for d in devices
            if d.role == "kiosk"
        ],
    }
