"""Business-day housekeeping: the automatic roll-over and an admin's manual close."""

from sqlalchemy import select

from server.commands.context import Context, close_day, ensure_day, load_site
from server.domain.clock import business_day
from server.principal import Principal
from server.store.tables import Site
from server.store.uow import UnitOfWork


def roll_all_sites(ctx: Context) -> int:
    """Close yesterday in every site whose day has turned; returns how many did."""
    with ctx.uow() as uow:
        codes = list(uow.session.execute(select(Site.code)).scalars())
    rolled = 0
    for code in codes:

        def cmd(uow: UnitOfWork, code: str = code) -> bool:
            site = load_site(uow.session, code)
            before = site.business_day
            ensure_day(ctx, uow, site, ctx.config_of(site))
            if site.business_day != before:
                uow.commit()
                return True
            return False

        rolled += ctx.run(cmd)
    return rolled


def close_today(ctx: Context, who: Principal) -> dict[str, object]:
    """Cancel what is still waiting now (e.g. the centre closes early)."""

    def cmd(uow: UnitOfWork) -> dict[str, object]:
        site = load_site(uow.session, who.site)
        cfg = ctx.config_of(site)
        ensure_day(ctx, uow, site, cfg)
        today = business_day(ctx.now(), cfg.tz)
        cancelled = close_day(ctx, uow, site.code, today, today, who.actor)
        uow.commit()
        return {"day": today.isoformat(), "cancelled": cancelled}

    return ctx.run(cmd)
