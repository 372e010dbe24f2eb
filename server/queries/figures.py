"""Today's figures: per counter (the clerk's panel), per service and late counters
(the supervisor's), and a counter's waiting list in the order it will call."""

from dataclasses import asdict
from statistics import mean
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from protocol.centre import CentreConfig
from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.snapshot import TicketPublic, WaitingTicket
from protocol.views import CounterStats
from server.domain import views
from server.domain.errors import DomainError
from server.domain.late import late_counters
from server.store.context import Context, load_site
from server.store.convert import aware
from server.store.tables import Device, Rating, Ticket


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


def counter_waiting(ctx: Context, site_code: str, counter_id: int) -> list[WaitingTicket]:
    with ctx.halls.read(site_code) as hall:
        if counter_id not in hall.counters:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
        return views.waiting_list(hall, counter_id, ctx.now())


def counter_no_shows(ctx: Context, site_code: str, counter_id: int) -> list[TicketPublic]:
    """Today's no-show tickets a clerk at this counter may take back, latest call first."""
    with ctx.halls.read(site_code) as hall:
        if counter_id not in hall.counters:
            raise DomainError(ErrorCode.UNKNOWN_COUNTER, str(counter_id))
        return views.no_shows(hall, counter_id)


def stats_today(ctx: Context, site_code: str) -> dict[str, Any]:
    now = ctx.now()
    with ctx.halls.read(site_code) as hall:
        counters = [hall.counter_state(c) for c in hall.counters.values()]
        late = [asdict(x) for x in late_counters(hall, now)]
        # Waiting per field as the hall counts it (the snapshot's and the kiosk's figure).
        waiting_by_service = {svc.id: hall.lines.waiting(svc.id) for svc in hall.cfg.services}
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
        devices = list(s.execute(select(Device).where(Device.site == site_code)).scalars())
    per_service = []
    for svc in cfg.services:
        mine = [t for t in tickets if t.service_id == svc.id]
        f = _figures(mine, [r for r in ratings if r.ticket_id in {t.id for t in mine}], cfg)
        per_service.append(
            {
                "service_id": svc.id,
                "name": svc.name,
                "issued": sum(1 for t in tickets if t.issued_service_id == svc.id),
                "waiting": waiting_by_service.get(svc.id, 0),
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
        "late_counters": [{k: v for k, v in x.items() if v is not None} for x in late],
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
