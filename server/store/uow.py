"""One unit of work per command: rows and their events commit together, then publish.

Seqs are allocated at commit with `UPDATE site SET seq = seq + n ... RETURNING seq`. The
row lock it takes is held until commit, so per site the commit order IS the seq order:
a reader that has seen seq N can never later find a smaller seq appear.
"""

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session

from protocol.events import EventType
from server.store.convert import utc
from server.store.db import Database
from server.store.tables import Event

Publish = Callable[[str, list[dict[str, Any]]], None]
_BUMP_SEQ = text("UPDATE site SET seq = seq + :n WHERE code = :site RETURNING seq")
_INSERT_EVENT = insert(Event)


class UnitOfWork:
    def __init__(self, db: Database, publish: Publish | None = None) -> None:
        self._db = db
        self._publish = publish
        self._pending: list[tuple[str, EventType, dict[str, Any], str, datetime]] = []
        self._lock: Any = None  # the database's write lock while this unit holds it
        self.session: Session

    def __enter__(self) -> "UnitOfWork":
        self._lock = self._db.write_lock
        if self._lock is not None:
            self._lock.acquire()
        try:
            self.session = Session(self._db.writer, expire_on_commit=False, autoflush=False)
            self.session.begin()
        except BaseException:
            self._release()
            raise
        return self

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
            self.session.close()
        finally:
            self._release()

    def emit(
        self, site: str, type_: EventType, data: dict[str, Any], actor: str, at: datetime
    ) -> None:
        self._pending.append((site, type_, {**data, "actor": actor}, actor, at))

    def commit(self) -> list[dict[str, Any]]:
        """Commit rows and events; return (and publish) the events as wire dicts."""
        wire: list[dict[str, Any]] = []
        self.session.flush()
        by_site: dict[str, list[tuple[EventType, dict[str, Any], str, datetime]]] = {}
        for site, t, data, actor, at in self._pending:
            by_site.setdefault(site, []).append((t, data, actor, at))
        conn = self.session.connection()
        for site, items in by_site.items():
            last = conn.execute(_BUMP_SEQ, {"n": len(items), "site": site}).scalar_one()
            first = last - len(items) + 1
            rows = [
                {
                    "site": site,
                    "seq": first + i,
                    "at": utc(at),
                    "type": t.value,
                    "actor": actor,
                    "data": data,
                }
                for i, (t, data, actor, at) in enumerate(items)
            ]
            # Core insert: event rows are never used as entities, and the ORM flush of
            # one cost as much as the rest of the command.
            conn.execute(_INSERT_EVENT, rows)
            wire += [
                {
                    "seq": r["seq"],
                    "at": r["at"].isoformat(),
                    "type": r["type"],
                    "site": site,
                    "data": r["data"],
                }
                for r in rows
            ]
        self.session.commit()
        self._pending.clear()
        if self._publish is not None and wire:
            for site in by_site:
                self._publish(site, [e for e in wire if e["site"] == site])
        return wire

    def rollback(self) -> None:
        self._pending.clear()
        self.session.rollback()
