"""The snapshot of DESIGN.md and the catalog: read from the site's hall, so a snapshot is
the state at its own `seq`."""

from protocol.snapshot import Catalog, ServiceInfo, Snapshot
from server.domain import views
from server.store.context import Context


def build_snapshot(ctx: Context, site_code: str) -> Snapshot:
    with ctx.halls.read(site_code) as hall:
        return views.snapshot(hall, ctx.now())


def build_catalog(ctx: Context, site_code: str) -> Catalog:
    with ctx.halls.read(site_code) as hall:
        cfg = hall.cfg
        counters = [hall.counter_state(c) for c in hall.counters.values()]
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
                short_name=s_.short_name,
                short_name_en=s_.short_name_en,
                procedures=s_.procedures,
                closed=s_.closed,
                daily_limit=s_.daily_limit,
                keywords=s_.keywords,
                color=s_.color,
                icon=s_.icon,
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
        kiosk_when_printer_fails=cfg.kiosk_when_printer_fails,
    )
