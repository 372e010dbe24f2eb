"""Reports for a period: closed days from the maintained aggregates (whole months from
their month rows), the open day from its fold of the log (`LiveDays`); tallies merged
per key, figures taken at the end. SQL selects; the rules are in server/domain."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from protocol.reports import Report, ReportBy, ReportRow
from server.domain.errors import DomainError
from server.domain.report_figures import Tally
from server.store import aggregates
from server.store.aggregates import Stored
from server.store.context import Context, SiteRow, load_site
from server.store.report_log import LiveDays
from server.store.tables import User

MAX_DAYS = 3 * 366 + 1  # a report spans at most about three years
SITE_KEYED = (ReportBy.COUNTER, ReportBy.CLERK)  # keys that are one centre's own


@dataclass
class _Site:
    row: SiteRow
    cfg: CentreConfig


def spans(first: date, last: date, months: bool) -> list[tuple[str, date, date]]:
    """[first, last] as the fewest stored periods: whole years, quarters and months from
    their roll-ups, the days around them from day rows; as (grain, first start, last
    start) ranges. `months` False: days only (a report by day)."""
    out: list[tuple[str, date, date]] = []
    day = first
    while day <= last:
        grain = "d"
        if months:
            grain = next(
                (
                    g
                    for g in aggregates.GRAINS
                    if aggregates.period_of(g, day) == day and aggregates.period_end(g, day) <= last
                ),
                "d",
            )
        if out and out[-1][0] == grain:
            out[-1] = (grain, out[-1][1], day)
        else:
            out.append((grain, day, day))
        day = aggregates.period_end(grain, day) + timedelta(days=1)
    return out


def _tallies(
    ctx: Context, live: LiveDays, s: _Site, dim: str, first: date, last: date, daily: bool
) -> Iterator[tuple[date, str, Tally | Stored]]:
    """(day, key, tally or stored row) of one site's rows of `dim` in the period; `daily`:
    each day's own rows (else whole months, quarters and years from their roll-ups)."""
    today = s.row.business_day
    closed = spans(first, min(last, today - timedelta(days=1)), months=not daily)
    with ctx.db.reader.connect() as conn:
        for _site, day, _dim, key, stored in aggregates.read(conn, [s.row.code], dim, closed):
            yield day, key, stored
    if first <= today <= last:
        day, rows = live.today(s.row.code)
        for (d, dim_, key), t in rows.items():
            if dim_ == dim and first <= d <= last:
                yield d, key, t


def build_report(
    ctx: Context, live: LiveDays, sites: list[str], first: date, last: date, by: ReportBy
) -> Report:
    if first > last:
        raise DomainError(ErrorCode.VALIDATION, "'from' is after 'to'")
    if (last - first).days >= MAX_DAYS:
        raise DomainError(ErrorCode.VALIDATION, f"a report spans at most {MAX_DAYS} days")
    if not sites:
        raise DomainError(ErrorCode.FORBIDDEN, "no centre to report on")
    centres = [_load(ctx, code) for code in sites]
    rows: dict[tuple[str | None, str], Tally] = defaultdict(Tally)
    total = Tally()
    for s in centres:
        for day, _key, t in _tallies(ctx, live, s, "day", first, last, by == ReportBy.DAY):
            _add(total, t)
            if by == ReportBy.DAY:
                _add(rows[(None, day.isoformat())], t)
        if by == ReportBy.DAY:
            continue
        own = s.row.code if by in SITE_KEYED and len(centres) > 1 else None
        for _day, key, t in _tallies(ctx, live, s, by.value, first, last, False):
            _add(rows[(own, key)], t)
    levels = centres[0].cfg.rating_levels
    names = _Names(ctx, centres, by, {k for _s, k in rows})
    out = [
        ReportRow(key=key, name=names.name(site, key), site=site, **t.figures(levels).model_dump())
        for (site, key), t in rows.items()
    ]
    out.sort(key=lambda r: (r.site or "", names.order(r.key), r.name, r.key))
    return Report(
        from_=first,
        to=last,
        by=by,
        sites=[s.row.code for s in centres],
        title=", ".join(s.row.name for s in centres[:3])
        + (f" (+{len(centres) - 3})" if len(centres) > 3 else ""),
        timezone=centres[0].cfg.timezone,
        generated_at=ctx.now(),
        rating_levels=levels,
        rows=out,
        total=total.figures(levels),
    )


def _add(into: Tally, t: Tally | Stored) -> None:
    if isinstance(t, Tally):
        into.merge(t)
    else:
        into.absorb(*t)


def _load(ctx: Context, code: str) -> _Site:
    from sqlmodel import Session

    with Session(ctx.db.reader) as session:
        row = load_site(session, code)
    return _Site(row, ctx.config_of(row))


class _Names:
    """What a row's key is called, and the order rows come in."""

    def __init__(self, ctx: Context, centres: list[_Site], by: ReportBy, keys: set[str]) -> None:
        self.by, self.cfgs = by, [s.cfg for s in centres]
        self.users: dict[str, str] = {}
        if by == ReportBy.CLERK:
            ids = [int(k) for k in keys if k.isdigit()]
            with ctx.db.reader.connect() as conn:
                q = select(User.id, User.full_name, User.username).where(User.id.in_(ids))
                self.users = {str(i): full or user for i, full, user in conn.execute(q)}
        self._rank: dict[str, int] = {}
        for cfg in reversed(self.cfgs):
            for i, svc in enumerate(cfg.services):
                self._rank[svc.id] = i * 10_000
                for j, p in enumerate(svc.procedures):
                    self._rank[p.id] = i * 10_000 + j + 1

    def name(self, site: str | None, key: str) -> str:
        by = self.by
        if by == ReportBy.SERVICE:
            svc = next((c.service(key) for c in self.cfgs if c.service(key)), None)
            return svc.name if svc else key
        if by == ReportBy.PROCEDURE:
            return next((n for c in self.cfgs if (n := c.procedure_name(key))), key)
        if by == ReportBy.COUNTER:
            cc = next((c.counter(int(key)) for c in self.cfgs if c.site == (site or c.site)), None)
            return (cc.name if cc else None) or f"Quầy {key}"
        if by == ReportBy.CLERK:
            return self.users.get(key, f"#{key}")
        if by == ReportBy.DAY:
            return date.fromisoformat(key).strftime("%d/%m/%Y")
        return f"{key}:00–{int(key) + 1:02d}:00"

    def order(self, key: str) -> int:
        if self.by in (ReportBy.SERVICE, ReportBy.PROCEDURE):
            return self._rank.get(key, 10**9)
        if self.by in (ReportBy.COUNTER, ReportBy.HOUR):
            return int(key)
        return 0


def period_of(first: date, last: date) -> str:
    return f"{first:%d/%m/%Y} – {last:%d/%m/%Y}"


def printed(now: datetime, cfg: CentreConfig) -> str:
    return now.astimezone(cfg.tz).strftime("%d/%m/%Y %H:%M")
