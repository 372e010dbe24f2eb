"""Engines. SQLite: WAL, and writers take the lock up front (BEGIN IMMEDIATE) so two
commands never deadlock upgrading a read lock; reads use a second engine that does not.

SQLite has one writer at a time. Inside one process the writers also queue on a Python
lock first: SQLite's own busy handler makes a waiting writer sleep (1, 2, 5 … 100 ms)
and poll, which under load costs far more than the writes themselves. Other processes
(the CLI, a second worker) still meet the busy timeout as before."""

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool


@dataclass
class Database:
    url: str
    writer: Engine
    reader: Engine
    # Held by a unit of work from its first statement to its end (SQLite only).
    write_lock: Any = field(default=None, repr=False)  # a threading.RLock, or None

    @property
    def is_sqlite(self) -> bool:
        return self.writer.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=8,
        max_overflow=16,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a process crash (kill -9); only a power cut may lose
        # the last commits. FULL would cost an fsync per ticket.
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and use the psycopg 3 driver."""
    u = make_url(url.replace("postgres://", "postgresql://", 1))
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return u.render_as_string(hide_password=False)


def open_database(url: str, pool_size: int = 10) -> Database:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return Database(
            url, _sqlite_engine(url, True), _sqlite_engine(url, False), threading.RLock()
        )
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size * 2,
        pool_pre_ping=True,
        pool_timeout=5,
        connect_args={"connect_timeout": 5},
    )
    return Database(url, engine, engine)


def open_admin_engine(url: str) -> Engine:
    """A short-lived engine for CREATE/DROP DATABASE (tests, init)."""
    return create_engine(normalise_url(url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
