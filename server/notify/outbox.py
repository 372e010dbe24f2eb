"""The outbox's SQL: queue a message once, claim the due ones, record each try; and the
phone pages' push subscriptions. Plain statements on a connection the caller holds."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from protocol.notify import NotifyStatus, PushSubscribe
from server.store.convert import aware, utc
from server.store.notify_tables import Notification, PushSubscription
from server.store.tables import Ticket

N = Notification.__table__  # type: ignore[attr-defined]
P = PushSubscription.__table__  # type: ignore[attr-defined]
T = Ticket.__table__  # type: ignore[attr-defined]
QUEUED, SENT, FAILED = NotifyStatus.QUEUED.value, NotifyStatus.SENT.value, NotifyStatus.FAILED.value


def insert_for(conn: Connection, table: Any) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


# -- subscriptions -------------------------------------------------------------------------
def subscribe(
    conn: Connection, site: str, ticket_id: int, body: PushSubscribe, now: datetime
) -> None:
    """The ticket's subscription is this one (a second phone or language replaces it)."""
    values = {
        "endpoint": body.endpoint,
        "p256dh": body.keys.p256dh,
        "auth": body.keys.auth,
        "lang": body.lang,
        "created_at": utc(now),
    }
    stmt = insert_for(conn, P).values(ticket_id=ticket_id, site=site, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["ticket_id"], set_=values))


def unsubscribe(conn: Connection, ticket_ids: Iterable[int]) -> int:
    ids = list(ticket_ids)
    if not ids:
        return 0
    return conn.execute(delete(P).where(P.c.ticket_id.in_(ids))).rowcount or 0


def subscribed(conn: Connection, site: str) -> dict[int, str]:
    """The site's subscribed tickets and each one's language."""
    rows = conn.execute(select(P.c.ticket_id, P.c.lang).where(P.c.site == site))
    return {r.ticket_id: r.lang for r in rows}


@dataclass(frozen=True)
class Target:
    endpoint: str
    p256dh: str
    auth: str

    def subscription_info(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


def push_target(conn: Connection, ticket_id: int) -> Target | None:
    row = conn.execute(
        select(P.c.endpoint, P.c.p256dh, P.c.auth).where(P.c.ticket_id == ticket_id)
    ).first()
    return Target(row.endpoint, row.p256dh, row.auth) if row else None


# -- the outbox ------------------------------------------------------------------------------
def queue(conn: Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the messages not queued before (the unique key drops the others); returns
    how many are new."""
    if not rows:
        return 0
    stmt = insert_for(conn, N).on_conflict_do_nothing(
        index_elements=["ticket_id", "kind", "channel"]
    )
    return sum(conn.execute(stmt.values(**r)).rowcount or 0 for r in rows)


def queued_keys(conn: Connection, ticket_ids: Iterable[int]) -> set[tuple[int, str, str]]:
    ids = list(ticket_ids)
    if not ids:
        return set()
    rows = conn.execute(select(N.c.ticket_id, N.c.kind, N.c.channel).where(N.c.ticket_id.in_(ids)))
    return {(r.ticket_id, r.kind, r.channel) for r in rows}


@dataclass(frozen=True)
class Due:
    id: int
    ticket_id: int
    tracking_code: str
    number: str
    kind: str
    channel: str
    lang: str
    text: str
    tries: int  # with this try


def claim(conn: Connection, now: datetime, lease_until: datetime, limit: int) -> list[Due]:
    """The due messages this process takes: each one's `tries` moves on and its
    `next_at` to the lease's end, so another process (or this one after a crash) takes
    it again only once the lease has run out."""
    rows = conn.execute(
        select(N, T.c.tracking_code)
        .join(T, T.c.id == N.c.ticket_id)
        .where(N.c.status == QUEUED, N.c.next_at <= utc(now))
        .order_by(N.c.next_at, N.c.id)
        .limit(limit)
    ).all()
    out = []
    for r in rows:
        took = conn.execute(
            update(N)
            .where(and_(N.c.id == r.id, N.c.status == QUEUED, N.c.tries == r.tries))
            .values(tries=r.tries + 1, next_at=utc(lease_until))
        ).rowcount
        if took == 1:
            out.append(
                Due(r.id, r.ticket_id, r.tracking_code, r.number, r.kind, r.channel, r.lang,
                    r.text, r.tries + 1)
            )  # fmt: skip
    return out


def sent(conn: Connection, row_id: int, now: datetime) -> None:
    conn.execute(
        update(N).where(N.c.id == row_id).values(status=SENT, sent_at=utc(now), last_error=None)
    )


def failed_try(conn: Connection, row_id: int, error: str, retry_at: datetime | None) -> None:
    """A try failed: again at `retry_at`, or (None) the message is given up."""
    values: dict[str, Any] = {"last_error": error[:300]}
    if retry_at is None:
        values["status"] = FAILED
    else:
        values["next_at"] = utc(retry_at)
    conn.execute(update(N).where(N.c.id == row_id).values(**values))


def next_due(conn: Connection) -> datetime | None:
    """When the earliest queued message is due (the sender sleeps until then)."""
    at = conn.execute(select(func.min(N.c.next_at)).where(N.c.status == QUEUED)).scalar()
    return aware(at)


def of_day(conn: Connection, site: str, day: date) -> list[Any]:
    return list(
        conn.execute(
            select(N).where(N.c.site == site, N.c.day == day).order_by(N.c.id.desc())
        ).all()
    )
