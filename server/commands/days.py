"""Business-day housekeeping: the automatic roll-over and an admin's manual close."""

from sqlalchemy import select

from protocol.views import DayClosedView as DayClosed
from server.domain import decide
from server.domain.actor import Principal
from server.domain.clock import business_day
from server.store.context import Context
from server.store.halls import HallTx
from server.store.tables import Site


def roll_all_sites(ctx: Context) -> int:
    """Close yesterday in every site whose day has turned; returns how many did."""
    with ctx.db.reader.connect() as conn:
        codes = list(conn.execute(select(Site.code)).scalars())
    rolled = 0
    for code in codes:
        with ctx.halls.read(code) as hall:
            turned = decide.day_turned(hall, ctx.now())
        if turned:
            # The unit of work closes a turned day before any decision.
            ctx.halls.write(code, lambda tx: None)
            rolled += 1
    return rolled


def close_today(ctx: Context, who: Principal) -> DayClosed:
    """Cancel what is still waiting now (e.g. the centre closes early)."""

    def cmd(tx: HallTx) -> DayClosed:
        today = business_day(tx.now, tx.hall.cfg.tz)
        cancelled = decide.close_day(tx.hall, who, tx.now, new_day=today.isoformat())
        return DayClosed(day=today.isoformat(), cancelled=cancelled)

    return ctx.halls.write(who.site, cmd)  # type: ignore[no-any-return]
