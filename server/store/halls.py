"""Each site's hall in this process, and the unit of work around a decision.

A write takes the site's lock (a thread lock here, and the site row FOR UPDATE on
PostgreSQL or SQLite's single writer), brings the hall up to the log's head (events
another process wrote are applied from the log), lets the domain decide, writes the
events and the rows they describe, commits, and only then publishes. A decision that
fails after changing the hall drops the hall: the next use loads it again.
"""

import asyncio
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from protocol.events import EventType
from server.domain.actor import SYSTEM
from server.domain.clock import Clock
from server.domain.decide import close_day, day_turned
from server.domain.errors import DomainError
from server.domain.hall import Hall, StaleHall
from server.store import hall_store as store
from server.store.db import Database
from server.store.hall_writes import Raw
from server.store.uow import Publish

CATCH_UP_LIMIT = 2_000  # further behind than this, loading afresh is cheaper


class HallTx:
    """What a command works with: the hall, the open connection (and its hot statements),
    the time."""

    def __init__(
        self, hall: Hall, conn: Connection, raw: Raw, now: datetime, alone: bool = True
    ) -> None:
        self.hall, self.conn, self.raw, self.now = hall, conn, raw, now
        # False while in a group: a rare case may then rely on the database refusing it
        # (a unique key), which sends the whole group back to run one by one (alone).
        self.alone = alone


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
        self._queue: dict[str, deque[_Job]] = {}  # threads waiting to write
        self._async: dict[str, deque[_Job]] = {}  # the event loop's decisions to write
        # Told of each business day that ended (its close committed): the reports.
        self.on_day_closed: Callable[[str, date], None] | None = None

    def _lock(self, site: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(site, threading.Lock())

    def forget(self, site: str) -> None:
        self._halls.pop(site, None)

    def _current(self, conn: Connection, raw: Raw, site: str, lock: bool) -> Hall:
        h = raw.head(site, lock=lock)
        if h is None:
            raise DomainError(ErrorCode.NOT_FOUND, f"site {site}")
        hall = self._halls.get(site)
        if hall is not None and hall.epoch == h.epoch and hall.seq == h.seq:
            if hall.config_version == h.config_version:
                return hall
            hall = None  # this process changed the configuration: load the new version
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
            except (StaleHall, ValueError, KeyError):
                pass  # a new configuration, or an event this hall cannot fold: load afresh
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
            conn.begin()
            hall = self._current(conn, Raw(conn), site, lock=False)
            conn.rollback()
            yield hall

    # -- writing -------------------------------------------------------------------
    def write(self, site: str, fn: Callable[[HallTx], Any]) -> Any:
        """Run one decision in a unit of work and return its result once committed.

        Group commit: decisions that arrive while another unit of work holds the site
        join the next one, which runs them in order in one transaction and commits once.
        Each still gets its own answer (or its own DomainError) only after that commit.
        """
        job = _Job(fn)
        with self._guard:
            self._queue.setdefault(site, deque()).append(job)
        with self._lock(site):
            while not job.done:
                self._lead(site)
        if job.error is not None:
            raise job.error
        return job.result

    async def awrite(self, site: str, fn: Callable[[HallTx], Any]) -> Any:
        """`write` for the event loop: decisions that arrive together go to the database
        in one worker-thread hop and one commit; each awaits its own answer."""
        job = _Job(fn)
        job.future = asyncio.get_running_loop().create_future()
        pending = self._async.setdefault(site, deque())
        pending.append(job)
        if len(pending) == 1:
            asyncio.get_running_loop().create_task(self._drain(site, pending))
        await asyncio.shield(job.future)
        if job.error is not None:
            raise job.error
        return job.result

    async def _drain(self, site: str, pending: "deque[_Job]") -> None:
        while pending:
            jobs = list(pending)[:MAX_BATCH]
            try:
                await asyncio.to_thread(self._locked, site, jobs)
            except BaseException as e:  # noqa: BLE001 - every waiter hears of it
                for job in jobs:
                    job.error = job.error or e
            for job in jobs:
                pending.popleft()
                if job.future is not None and not job.future.done():
                    job.future.set_result(None)

    def _locked(self, site: str, jobs: "list[_Job]") -> None:
        with self._lock(site):
            self._run(site, jobs)

    def _lead(self, site: str) -> None:
        queue = self._queue[site]
        with self._guard:
            jobs = [queue.popleft() for _ in range(min(len(queue), MAX_BATCH))]
        self._run(site, jobs)

    def _run(self, site: str, jobs: "list[_Job]") -> None:
        try:
            wire = self._with_connection(site, jobs)
        except Exception:  # _BatchFailed, or the database itself: each job on its own
            wire = []
            for job in jobs:  # each alone, so one lost race does not fail the others
                wire += self._alone(site, job)
        for job in jobs:
            job.done = True
        if self.publish is not None and wire:
            self.publish(site, wire)
        if self.on_day_closed is not None:
            for w in wire:
                d = w["data"]
                if w["type"] == EventType.DAY_CLOSED.value and d.new_day != d.day:
                    self.on_day_closed(site, date.fromisoformat(d.day))

    def _alone(self, site: str, job: "_Job") -> list[dict[str, Any]]:
        for i in range(ATTEMPTS):
            try:
                return self._with_connection(site, [job], alone=True)
            except IntegrityError:
                if i == ATTEMPTS - 1:
                    job.error = DomainError(ErrorCode.CONFLICT)
            except PoolTimeout:
                job.error = DomainError(ErrorCode.UNAVAILABLE, "database busy")
                return []
            except OperationalError as e:
                if "could not serialize" not in str(e) and "deadlock" not in str(e):
                    job.error = e
                    return []
            except Exception as e:  # noqa: BLE001 - handed to the caller's thread
                job.error = e
                return []
        return []

    def _with_connection(self, site: str, jobs: list["_Job"], alone: bool = False) -> Any:
        db_lock = self.db.write_lock
        if db_lock is not None:
            db_lock.acquire()
        try:
            with self.db.writer.connect() as conn:
                return self._decide(conn, site, jobs, alone)
        finally:
            if db_lock is not None:
                db_lock.release()

    def _decide(
        self, conn: Connection, site: str, jobs: list["_Job"], alone: bool
    ) -> list[dict[str, Any]]:
        conn.begin()
        raw = Raw(conn)
        hall = self._current(conn, raw, site, lock=True)
        hall.pending.clear()
        now = self.now()
        hall.archived_status = store.archived_status(conn, site)
        try:
            if day_turned(hall, now):
                close_day(hall, SYSTEM, now)  # numbers restart; yesterday's queue ends
            for job in jobs:
                job.result = job.error = None
                try:
                    job.result = job.fn(HallTx(hall, conn, raw, now, alone))
                except DomainError as e:
                    job.error = e  # refused: it changed nothing
                except Exception:
                    if alone:
                        raise
                    raise _BatchFailed from None
            items = list(hall.pending)
            if not items:
                conn.rollback()
                return []
            raw.write_rows(hall, items)
            wire = raw.write_events(site, hall.seq + 1, items)
            raw.set_head(site, hall.seq + len(items), hall.day)
            conn.commit()
            hall.seq += len(items)
            return wire
        except BaseException:
            if hall.pending:
                self.forget(site)  # the hall holds changes the database never got
            raise
        finally:
            hall.pending.clear()
            hall.archived_status = lambda _id: None


MAX_BATCH = 64
ATTEMPTS = 3


class _BatchFailed(Exception):
    """A decision of a group failed in the database: run each alone."""


class _Job:
    __slots__ = ("fn", "result", "error", "done", "future")

    def __init__(self, fn: Callable[[HallTx], Any]) -> None:
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self.future: asyncio.Future[None] | None = None
