"""Each site's hall in this process, and the unit of work around a decision.

A write takes the site's lock (a thread lock here, and the site row FOR UPDATE on
PostgreSQL or SQLite's single writer), brings the hall up to the log's head (events
another process wrote are applied from the log), lets the domain decide, writes the
events and the rows they describe, commits, and only then publishes. A decision that
fails after changing the hall drops the hall: the next use loads it again.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.domain.actor import SYSTEM
from server.domain.clock import Clock
from server.domain.decide import close_day, day_turned
from server.domain.errors import DomainError
from server.domain.hall import Hall, StaleHall
from server.store import hall_store as store
from server.store.db import Database
from server.store.uow import Publish

CATCH_UP_LIMIT = 2_000  # further behind than this, loading afresh is cheaper


class HallTx:
    """What a command works with: the hall, the open connection, the time."""

    def __init__(self, hall: Hall, conn: Connection, now: datetime) -> None:
        self.hall, self.conn, self.now = hall, conn, now


class Halls:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        config_of: Callable[[str, int], CentreConfig],
        publish: Publish | None = None,
    ) -> None:
        self.db, self.clock, self._config_of, self.publish = db, clock, config_of, publish
        self._halls: dict[str, Hall] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, site: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(site, threading.Lock())

    def forget(self, site: str) -> None:
        self._halls.pop(site, None)

    def _current(self, conn: Connection, site: str, lock: bool) -> Hall:
        h = store.head(conn, site, lock=lock)
        if h is None:
            raise DomainError(ErrorCode.NOT_FOUND, f"site {site}")
        hall = self._halls.get(site)
        if hall is not None and hall.epoch == h.epoch and hall.seq == h.seq:
            return hall
        if (
            hall is not None
            and hall.epoch == h.epoch
            and hall.seq < h.seq <= hall.seq + CATCH_UP_LIMIT
        ):
            try:
                for e in store.read_events(conn, site, hall.seq):
                    if e.seq > h.seq:
                        break
                    hall.apply(e.type, e.data, e.at)
                    hall.seq = e.seq
                if hall.seq == h.seq and hall.config_version == h.config_version:
                    return hall
            except StaleHall:
                pass
        self.forget(site)
        hall = store.load_hall(conn, site, h, self._config_of(site, h.config_version), self.now())
        self._halls[site] = hall
        return hall

    def now(self) -> datetime:
        return self.clock.now()

    # -- reading -------------------------------------------------------------------
    @contextmanager
    def read(self, site: str) -> Iterator[Hall]:
        """The hall at the log's head; nothing changes it while the caller reads."""
        with self._lock(site), self.db.reader.connect() as conn:
            hall = self._current(conn, site, lock=False)
            conn.rollback()
            yield hall

    # -- writing -------------------------------------------------------------------
    def write(self, site: str, fn: Callable[[HallTx], Any], attempts: int = 3) -> Any:
        """Run one decision in a unit of work; retry a lost race."""
        for i in range(attempts):
            try:
                return self._write_once(site, fn)
            except IntegrityError:
                if i == attempts - 1:
                    raise DomainError(ErrorCode.CONFLICT) from None
            except PoolTimeout:
                raise DomainError(ErrorCode.UNAVAILABLE, "database busy") from None
            except OperationalError as e:
                if "could not serialize" not in str(e) and "deadlock" not in str(e):
                    raise
        raise DomainError(ErrorCode.CONFLICT)

    def _write_once(self, site: str, fn: Callable[[HallTx], Any]) -> Any:
        db_lock = self.db.write_lock
        with self._lock(site):
            if db_lock is not None:
                db_lock.acquire()
            try:
                with self.db.writer.connect() as conn:
                    wire = self._decide(conn, site, fn)
            finally:
                if db_lock is not None:
                    db_lock.release()
        if self.publish is not None and wire[1]:
            self.publish(site, wire[1])
        return wire[0]

    def _decide(self, conn: Connection, site: str, fn: Callable[[HallTx], Any]) -> Any:
        hall = self._current(conn, site, lock=True)
        hall.pending.clear()
        tx = HallTx(hall, conn, self.now())
        hall.archived_status = store.archived_status(conn, site)
        try:
            if day_turned(hall, tx.now):
                close_day(hall, SYSTEM, tx.now)  # numbers restart; yesterday's queue ends
            result = fn(tx)
            items = list(hall.pending)
            if not items:
                conn.rollback()
                return result, []
            store.write_rows(conn, hall, items)
            wire = store.write_events(conn, site, hall.seq + 1, items)
            store.set_head(conn, site, hall.seq + len(items), hall.day)
            conn.commit()
            hall.seq += len(items)
            return result, wire
        except BaseException:
            if hall.pending:
                self.forget(site)  # the hall holds changes the database never got
            raise
        finally:
            hall.pending.clear()
            hall.archived_status = lambda _id: None
