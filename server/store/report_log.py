"""Report tallies from the event log: a closed day's (written to the aggregates when the
day closes, and again by `motcua reports rebuild`), and the open day's, kept folded in
memory and brought up to the log's head on each report (`LiveDays`).

A day's events are those after the close of the day before (`day.closed` that turned
the day), plus any of its own written just before that close (a rating given after
midnight while the day had not turned yet: the last `LOOK_BACK` events before it).
"""

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.domain.errors import DomainError
from server.domain.report_figures import Tally
from server.domain.report_fold import DAY_CLOSED, DayFold, Key, day_of
from server.store import aggregates
from server.store.convert import aware
from server.store.db import Database
from server.store.tables import Event as EventRow
from server.store.tables import Site
from server.store.tables import Ticket as TicketRow

log = logging.getLogger(__name__)
E = EventRow
LOOK_BACK = 1_000
REBUILD_BATCH = 31
Config = Callable[[str, int], CentreConfig]


@dataclass(frozen=True)
class Close:
    seq: int
    day: date  # the day closed
    turned: bool  # the day turned (not an admin's early close)


def closes(conn: Connection, site: str) -> list[Close]:
    q = select(E.seq, E.data).where(E.site == site, E.type == DAY_CLOSED).order_by(E.seq)
    return [
        Close(seq, date.fromisoformat(d["day"]), d["new_day"] != d["day"])
        for seq, d in conn.execute(q)
    ]


def _events(conn: Connection, site: str, after: int, upto: int | None) -> Iterator[Any]:
    q = select(E.seq, E.at, E.type, E.data).where(E.site == site, E.seq > after)
    if upto is not None:
        q = q.where(E.seq <= upto)
    yield from conn.execute(q.order_by(E.seq).execution_options(yield_per=2000))


def _lookup(conn: Connection, site: str) -> Callable[[int], Any]:
    q = select(TicketRow.service_id, TicketRow.procedure_id, TicketRow.clerk_user_id)

    def find(ticket_id: int) -> tuple[str, str | None, int | None] | None:
        row = conn.execute(q.where(TicketRow.id == ticket_id, TicketRow.site == site)).first()
        return (row[0], row[1], row[2]) if row else None

    return find


def fold_day(
    conn: Connection, site: str, cfg: CentreConfig, day: date, all_closes: list[Close]
) -> DayFold:
    """The day's events folded, up to its close (or the log's head if still open)."""
    before = [c.seq for c in all_closes if c.turned and c.day < day]
    start = before[-1] if before else 0
    end = next((c.seq for c in all_closes if c.turned and c.day == day), None)
    fold = DayFold(cfg, day, _lookup(conn, site))
    for seq, at, type_, data in _events(conn, site, max(0, start - LOOK_BACK), end):
        at = aware(at)
        if day_of(type_, at, data, cfg) == day:  # type: ignore[arg-type]
            fold.apply(seq, at, type_, data)  # type: ignore[arg-type]
        fold.seq = seq
    return fold


def store_day(db: Database, site: str, day: date, rows: dict[Key, Tally]) -> None:
    store_days(db, site, {day: rows})


def store_days(db: Database, site: str, days: dict[date, dict[Key, Tally]]) -> None:
    """Replace the days' aggregates (and their months') in one short write."""
    lock = db.write_lock
    if lock is not None:
        lock.acquire()
    try:
        with db.writer.connect() as conn:
            conn.begin()
            aggregates.write_days(conn, site, days)
            conn.commit()
    finally:
        if lock is not None:
            lock.release()


def build_day(db: Database, config: Config, site: str, day: date) -> dict[Key, Tally]:
    """Fold a day from the log (read without the writers' lock), then store it."""
    with db.reader.connect() as conn:
        version, _today = _site(conn, site)
        rows = fold_day(conn, site, config(site, version), day, closes(conn, site)).rows()
    store_day(db, site, day, rows)
    return rows


def _site(conn: Connection, site: str) -> tuple[int, date]:
    row = conn.execute(
        select(Site.config_version, Site.business_day).where(Site.code == site)
    ).one_or_none()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"site {site}")
    return row[0], row[1]


def rebuild(
    db: Database, config: Config, site: str, first: date | None, last: date | None
) -> list[date]:
    """Rebuild the aggregates of `site`'s closed days in [first, last] from the log;
    returns the days rebuilt (days without events get their old rows removed)."""
    with db.reader.connect() as conn:
        version, _today = _site(conn, site)
        cfg = config(site, version)
        all_closes = closes(conn, site)
    days = sorted({c.day for c in all_closes if c.turned} | set(_stored(db, site)))
    days = [d for d in days if (first is None or d >= first) and (last is None or d <= last)]
    for i in range(0, len(days), REBUILD_BATCH):  # a month's days, stored together
        batch: dict[date, dict[Key, Tally]] = {}
        with db.reader.connect() as conn:
            for day in days[i : i + REBUILD_BATCH]:
                batch[day] = fold_day(conn, site, cfg, day, all_closes).rows()
        store_days(db, site, batch)
    return days


def _stored(db: Database, site: str) -> list[date]:
    with db.reader.connect() as conn:
        return aggregates.stored_days(conn, site)


class DayCloser:
    """Stores a day's aggregates once its close is committed: in a thread of its own, so
    the command that turned the day answers at once. `wait()` joins (tests, the CLI)."""

    def __init__(self, db: Database, config: Config) -> None:
        self.db, self.config = db, config
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def __call__(self, site: str, day: date) -> None:
        t = threading.Thread(target=self.build, args=(site, day), daemon=True)
        with self._lock:
            self._threads = [x for x in self._threads if x.is_alive()] + [t]
        t.start()

    def build(self, site: str, day: date) -> None:
        try:
            build_day(self.db, self.config, site, day)
        except Exception:  # the day's report then needs `motcua reports rebuild`
            log.exception("report aggregates of %s %s not stored", site, day)

    def wait(self) -> None:
        with self._lock:
            threads = list(self._threads)
        for t in threads:
            t.join()


class LiveDays:
    """Each site's open day folded, kept between reports and brought up to the log's head."""

    def __init__(self, db: Database, config: Config) -> None:
        self.db, self.config = db, config
        self._folds: dict[str, tuple[int, DayFold]] = {}
        self._lock = threading.Lock()

    def today(self, site: str) -> tuple[date, dict[Key, Tally]]:
        with self._lock, self.db.reader.connect() as conn:
            version, day = _site(conn, site)
            cfg = self.config(site, version)
            kept = self._folds.get(site)
            if kept is None or kept[0] != version or kept[1].day != day:
                fold = fold_day(conn, site, cfg, day, closes(conn, site))
            else:
                fold = kept[1]
                for seq, at, type_, data in _events(conn, site, fold.seq, None):
                    at = aware(at)
                    if day_of(type_, at, data, cfg) == day:  # type: ignore[arg-type]
                        fold.apply(seq, at, type_, data)  # type: ignore[arg-type]
                    fold.seq = seq
            self._folds[site] = (version, fold)
            return day, fold.rows()
