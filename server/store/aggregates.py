"""The reports' maintained aggregates: one row per (site, day, breakdown, key) of a closed
day, and the same rolled up per month, quarter and year (grains "m", "q", "y"; `day` = the
period's first day), so a year reads one row per key and centre. Each row keeps its
tally's counts and sums in columns, its histograms and per-level counts as JSON
(server/domain/report_figures.py).

A day's rows are written (replaced) when the day closes, and by `motcua reports
rebuild`; its month, quarter and year are then summed again from their parts.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    String,
    Table,
    Text,
    and_,
    delete,
    insert,
    or_,
    select,
)
from sqlmodel import SQLModel

from server.domain.report_figures import SCALARS, Tally
from server.domain.report_fold import Key

report_agg = Table(
    "report_agg",
    SQLModel.metadata,
    Column("site", String(64), primary_key=True),
    Column("grain", String(1), primary_key=True),  # "d" a day, "m" month, "q" quarter, "y" year
    Column("dim", String(16), primary_key=True),  # day, hour, service, procedure, ...
    Column("day", Date, primary_key=True),
    Column("key", String(80), primary_key=True),
    *(Column(f, BigInteger, nullable=False) for f in SCALARS),
    Column("maps", Text, nullable=False),
)
A = report_agg.c
Stored = tuple[Sequence[int], dict[str, Any]]  # a row's SCALARS and maps


# Roll-ups: each grain's row sums its parts' rows (a month its days, a quarter its
# months, a year its quarters); `day` is the period's first day.
GRAINS = ("y", "q", "m")  # largest first
PART = {"m": "d", "q": "m", "y": "q"}


def month_of(d: date) -> date:
    return d.replace(day=1)


def month_end(m: date) -> date:
    return (m.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def period_of(grain: str, d: date) -> date:
    """The first day of the period of `grain` ("d", "m", "q", "y") holding `d`."""
    if grain == "y":
        return date(d.year, 1, 1)
    if grain == "q":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    return month_of(d) if grain == "m" else d


def period_end(grain: str, start: date) -> date:
    if grain == "y":
        return date(start.year, 12, 31)
    if grain == "q":
        return month_end(date(start.year, start.month + 2, 1))
    return month_end(start) if grain == "m" else start


def _row(site: str, grain: str, day: date, dim: str, key: str, t: Tally) -> dict[str, Any]:
    row: dict[str, Any] = {f: getattr(t, f) for f in SCALARS}
    row.update(site=site, grain=grain, day=day, dim=dim, key=key)
    row["maps"] = json.dumps(t.maps(dense=grain != "d"), separators=(",", ":"))
    return row


def write_day(conn: Connection, site: str, day: date, rows: dict[Key, Tally]) -> None:
    """Replace a day's rows and roll its month up again (in the caller's transaction)."""
    write_days(conn, site, {day: rows})


def write_days(conn: Connection, site: str, days: dict[date, dict[Key, Tally]]) -> None:
    """Replace several days' rows, then roll each month they touch up once."""
    for day, rows in days.items():
        conn.execute(delete(report_agg).where(A.site == site, A.grain == "d", A.day == day))
        values = [_row(site, "d", d, dim, key, t) for (d, dim, key), t in rows.items()]
        if values:
            conn.execute(insert(report_agg), values)
    for grain in reversed(GRAINS):  # months, then quarters, then years
        for start in sorted({period_of(grain, d) for d in days}):
            roll(conn, site, grain, start)


def roll(conn: Connection, site: str, grain: str, start: date) -> None:
    """The period's rows again, from its parts' rows."""
    sums: dict[tuple[str, str], Tally] = defaultdict(Tally)
    parts = [(PART[grain], start, period_end(grain, start))]
    for _site, _day, dim, key, stored in read(conn, [site], None, parts):
        sums[(dim, key)].absorb(*stored)
    conn.execute(delete(report_agg).where(A.site == site, A.grain == grain, A.day == start))
    values = [_row(site, grain, start, dim, key, t) for (dim, key), t in sums.items()]
    if values:
        conn.execute(insert(report_agg), values)


def read(
    conn: Connection,
    sites: list[str],
    dim: str | None,
    spans: Iterable[tuple[str, date, date]],
) -> Iterator[tuple[str, date, str, str, Stored]]:
    """(site, day, dim, key, stored) of the rows of `dim` (None: every breakdown) in the
    spans (grain, first day, last day); `Tally.absorb(*stored)` adds one up."""
    spans = list(spans)
    if not spans or not sites:
        return
    grains = or_(*(and_(A.grain == g, A.day.between(a, b)) for g, a, b in spans))
    where = [A.site.in_(sites), grains]
    if dim is not None:
        where.append(A.dim == dim)
    cols = [A.site, A.day, A.dim, A.key, A.maps, *(A[f] for f in SCALARS)]
    loads = json.loads
    for r in conn.execute(select(*cols).where(*where)).all():
        yield r[0], r[1], r[2], r[3], (r[5:], loads(r[4]))


def stored_days(conn: Connection, site: str) -> list[date]:
    """The days of `site` that have rows (their "day" breakdown)."""
    q = select(A.day).where(A.site == site, A.grain == "d", A.dim == "day").order_by(A.day)
    return list(conn.execute(q).scalars())
