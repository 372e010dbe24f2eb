"""The hot path's statements, run as plain DB-API calls on the connection of the unit of
work (SQLAlchemy's per-statement machinery cost more than SQLite's work). Each statement
is written once with `:name` parameters and rendered for the driver: sqlite3 takes them
as they are, psycopg as `%(name)s`. Values are stored as SQLAlchemy stores them (UTC
text on SQLite, timestamptz on PostgreSQL), so the ORM reads these rows as its own.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from protocol.events import EventData, EventType
from protocol.snapshot import TicketPublic
from server.domain.hall import Hall

Pending = list[tuple[EventType, EventData, datetime]]


@dataclass(frozen=True)
class Head:
    epoch: str
    seq: int
    business_day: date
    config_version: int


_SQL = {
    "head": "SELECT epoch, seq, business_day, config_version FROM site WHERE code = :site",
    "set_head": "UPDATE site SET seq = :seq, business_day = :day WHERE code = :site",
    "idem": (
        "SELECT id FROM ticket WHERE site = :site AND idempotency_owner = :owner"
        " AND idempotency_key = :key"
    ),
    "insert_ticket": (
        "INSERT INTO ticket (site, day, issued_service_id, service_id, procedure_id, number,"
        " number_text, priority, appointment_code, appointment_slot, status, queue_at,"
        " issued_at, recall_count, tracking_code, idempotency_key, idempotency_owner,"
        " device_id, channel, contact_id) VALUES"
        " (:site, :day, :issued_service_id, :service_id, :procedure_id, :number,"
        " :number_text, :priority, :appointment_code, :appointment_slot, :status, :queue_at,"
        " :issued_at, 0, :tracking_code, :idempotency_key, :idempotency_owner, :device_id,"
        " :channel, :contact_id)"
        " RETURNING id"
    ),
    "insert_event": (
        "INSERT INTO event (site, seq, at, type, actor, data)"
        " VALUES (:site, :seq, :at, :type, :actor, :data)"
    ),
    "update_ticket": (
        "UPDATE ticket SET status = :status, service_id = :service_id, counter_id = :counter_id,"
        " to_counter_id = :to_counter_id, called_at = :called_at, started_at = :started_at,"
        " finished_at = :finished_at, recall_count = :recall_count WHERE id = :id"
    ),
    "ticket_clerk": "UPDATE ticket SET clerk_user_id = :clerk WHERE id = :id",
    "cancel": "UPDATE ticket SET status = 'cancelled', finished_at = :at WHERE id = :id",
    "update_counter": (
        "UPDATE counter SET status = :status, clerk_user_id = :clerk_user_id,"
        " current_ticket_id = :current_ticket_id, pause_reason = :pause_reason,"
        " since = :since, priority_streak = :priority_streak WHERE site = :site AND id = :id"
    ),
}
_PG = {k: re.sub(r":(\w+)", r"%(\1)s", v) for k, v in _SQL.items()}
_PG["head_locked"] = _PG["head"] + " FOR UPDATE"
_PG["insert_event"] = _PG["insert_event"].replace("%(data)s)", "%(data)s::json)")
_LITE = dict(_SQL, head_locked=_SQL["head"])


class Raw:
    """The hot statements on the DB-API connection under `conn` (same transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.pg = conn.dialect.name == "postgresql"
        self.sql = _PG if self.pg else _LITE
        self.cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]

    def dt(self, v: datetime | None) -> Any:
        if v is None:
            return None
        v = v.astimezone(UTC)
        return v if self.pg else v.strftime("%Y-%m-%d %H:%M:%S.%f")

    def day(self, v: date) -> Any:
        return v if self.pg else v.isoformat()

    def one(self, name: str, params: dict[str, Any]) -> Any:
        self.cur.execute(self.sql[name], params)
        return self.cur.fetchone()

    def many(self, name: str, rows: list[dict[str, Any]]) -> None:
        if len(rows) == 1:
            self.cur.execute(self.sql[name], rows[0])
        elif rows:
            self.cur.executemany(self.sql[name], rows)

    # -- the statements -------------------------------------------------------------
    def head(self, site: str, lock: bool) -> Head | None:
        row = self.one("head_locked" if lock else "head", {"site": site})
        if row is None:
            return None
        day = row[2] if isinstance(row[2], date) else date.fromisoformat(row[2])
        return Head(row[0], row[1], day, row[3])

    def set_head(self, site: str, seq: int, day: date) -> None:
        self.many("set_head", [{"site": site, "seq": seq, "day": self.day(day)}])

    def ticket_with_key(self, site: str, owner: str, key: str) -> int | None:
        """The ticket `owner` (e.g. "device:7") issued under `key`."""
        row = self.one("idem", {"site": site, "owner": owner, "key": key})
        return row[0] if row else None

    def insert_ticket(self, values: dict[str, Any]) -> int:
        v = {"channel": "kiosk", "contact_id": None, **values}
        v["day"] = self.day(v["day"])
        for k in ("appointment_slot", "queue_at", "issued_at"):
            v[k] = self.dt(v[k])
        return int(self.one("insert_ticket", v)[0])

    def write_events(self, site: str, first_seq: int, items: Pending) -> list[dict[str, Any]]:
        """Append the events from `first_seq` on; returns them as the hub takes them."""
        rows, wire = [], []
        for i, (type_, data, at) in enumerate(items):
            seq = first_seq + i
            rows.append(
                {
                    "site": site,
                    "seq": seq,
                    "at": self.dt(at),
                    "type": type_.value,
                    "actor": data.actor,
                    "data": data.model_dump_json(),
                }
            )
            wire.append(
                {
                    "seq": seq,
                    "at": at.astimezone(UTC),
                    "type": type_.value,
                    "site": site,
                    "data": data,
                }
            )
        self.many("insert_event", rows)
        return wire

    def write_rows(self, hall: Hall, items: Pending) -> None:
        """Bring the ticket and counter rows to what the events say (an issued ticket's
        row was inserted before its event)."""
        tickets: dict[int, dict[str, Any]] = {}
        clerks: list[dict[str, Any]] = []
        counters: set[int] = set()
        for type_, data, at in items:
            if type_ == EventType.DAY_CLOSED:
                ids = data.cancelled  # type: ignore[attr-defined]
                self.many("cancel", [{"id": i, "at": self.dt(at)} for i in ids])
                counters.update(hall.counters)
                continue
            counter = getattr(data, "counter", None)
            if counter is not None:
                counters.add(counter.id)
            t: TicketPublic | None = getattr(data, "ticket", None)
            if t is None or type_ in (EventType.TICKET_ISSUED, EventType.TICKET_PRINT_FAILED):
                continue
            if type_ == EventType.TICKET_CALLED and counter is not None:
                clerks.append({"id": t.id, "clerk": counter.clerk_user_id})
            tickets[t.id] = {
                "id": t.id,
                "status": t.status.value,
                "service_id": t.service_id,
                "counter_id": t.counter_id,
                "to_counter_id": t.to_counter_id,
                "called_at": self.dt(t.called_at),
                "started_at": self.dt(t.started_at),
                "finished_at": self.dt(t.finished_at),
                "recall_count": t.recall_count,
            }
        self.many("update_ticket", list(tickets.values()))
        self.many("ticket_clerk", clerks)
        self.many(
            "update_counter",
            [
                {
                    "site": hall.site,
                    "id": c.id,
                    "status": c.status.value,
                    "clerk_user_id": c.clerk_user_id,
                    "current_ticket_id": c.current_ticket_id,
                    "pause_reason": c.pause_reason,
                    "since": self.dt(c.since),
                    "priority_streak": c.priority_streak,
                }
                for c in (hall.counters[i] for i in sorted(counters))
            ],
        )
