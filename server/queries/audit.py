"""The audit trail: one business day of a centre's event log, newest first, 50 a page,
filtered by who acted, counter, ticket number or event type.

The log grows by thousands of rows a day for years, so a page never reads it all: the
day's first and last seq come from the index (site, at, seq) alone, then the page reads
that seq range backwards by the primary key, from the cursor on, and stops at 51 rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session

from protocol.admin import AuditPage
from protocol.centre import CentreConfig
from protocol.events import DATA_MODELS, EventType
from protocol.fold import fold
from server.domain.clock import business_day
from server.queries.audit_text import COUNTER_AT, NUMBER_AT, WORDS, Names, audit_row
from server.store.context import Context, load_site
from server.store.convert import aware
from server.store.tables import Device, Event, User

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditQuery:
    day: date | None = None  # None: today's business day in the centre's time zone
    actor: str | None = None  # a username, a user's full name or a device name, in part
    counter: int | None = None
    number: str | None = None  # as shown: "1023", "A012"
    type: EventType | None = None
    before: int | None = None  # the cursor: rows older than this seq


def audit_page(ctx: Context, site_code: str, q: AuditQuery) -> AuditPage:
    with Session(ctx.db.reader) as s:
        site = load_site(s, site_code)
        cfg = ctx.config_of(site)
        day = q.day or business_day(ctx.now(), cfg.tz)
        start = datetime.combine(day, time(0), cfg.tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), cfg.tz).astimezone(UTC)
        # `seq + 0`: PostgreSQL would turn a bare min(seq) into a walk of the primary key
        # from the log's first row until one falls in the day; this reads the day's index.
        lo, hi = s.execute(
            select(func.min(Event.seq + 0), func.max(Event.seq + 0)).where(
                Event.site == site_code, Event.at >= start, Event.at < end
            )
        ).one()
        where = _filters(s, q)
        if lo is None or where is None:
            return AuditPage(rows=[])
        if q.before is not None:
            hi = min(hi, q.before - 1)
        rows = s.execute(
            select(Event.seq, Event.at, Event.type, Event.actor, Event.data)
            .where(Event.site == site_code, Event.seq >= lo, Event.seq <= hi, *where)
            .order_by(Event.seq.desc())
            .limit(PAGE_SIZE + 1)
        ).all()
        names = _names(s, cfg, {r.actor for r in rows[:PAGE_SIZE]})
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return AuditPage(
        rows=[audit_row(r.seq, aware(r.at), r.type, r.actor, r.data, names) for r in rows],  # type: ignore[arg-type]
        next_cursor=str(rows[-1].seq) if more else None,
    )


def _filters(s: Session, q: AuditQuery) -> list[ColumnElement[bool]] | None:
    """The page's conditions beyond the day; None when no row can match (an actor that
    names nobody)."""
    out: list[ColumnElement[bool]] = []
    if q.type is not None:
        out.append(Event.type == q.type.value)
    if q.actor is not None:
        actors = matching_actors(s, q.actor)
        if not actors:
            return None
        out.append(Event.actor.in_(actors))
    if q.counter is not None:
        out.append(_held_at(COUNTER_AT, lambda v: v.as_integer() == q.counter))
    if q.number is not None:
        number = q.number.upper()
        out.append(_held_at(NUMBER_AT, lambda v: func.upper(v.as_string()) == number))
    return out


def _held_at(paths: tuple[tuple[str, ...], ...], test: Callable[[Any], Any]) -> Any:
    """Rows whose data passes `test` at one of `paths`, each path read only in the event
    types whose data has it: each row's JSON is read about once, not once per path."""
    return or_(
        *(
            and_(Event.type.in_(_types_with(path[0])), test(Event.data[path]))  # type: ignore[index]
            for path in paths
        )
    )


def _types_with(field: str) -> list[str]:
    return [t.value for t, model in DATA_MODELS.items() if field in model.model_fields]


def matching_actors(s: Session, text: str) -> list[str]:
    """Actor values whose username, full name or device name holds `text`, with or
    without case and diacritics: "lan" finds "Nguyễn Thị Lan"."""
    want = fold(text.strip())
    found = [
        f"user:{username}"
        for username, full_name in s.execute(select(User.username, User.full_name))
        if want in fold(username) or want in fold(full_name or "")
    ]
    found += [
        f"device:{name}" for name in s.execute(select(Device.name)).scalars() if want in fold(name)
    ]
    if any(want in fold(w["system"]) for w in WORDS.values()):
        found += ["system", "system:system"]
    return found


def _names(s: Session, cfg: CentreConfig, actors: set[str]) -> Names:
    """The full names of the page's users and the roles of its devices."""
    users = [a.removeprefix("user:") for a in actors if a.startswith("user:")]
    devices = [a.removeprefix("device:") for a in actors if a.startswith("device:")]
    return Names(
        cfg=cfg,
        users=_pairs(s, User.username, User.full_name, users),
        devices=_pairs(s, Device.name, Device.role, devices),
    )


def _pairs(s: Session, key: Any, value: Any, keys: list[str]) -> dict[str, Any]:
    if not keys:
        return {}
    return {k: v for k, v in s.execute(select(key, value).where(key.in_(keys)))}
