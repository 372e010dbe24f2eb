"""What every command needs: the database, the clock, the config cache, the publisher."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from protocol.errors import ErrorCode
from protocol.events import EventType
from server.centre import CentreConfig
from server.domain.clock import Clock, business_day
from server.domain.errors import DomainError
from server.domain.lifecycle import DAY_CLOSE
from server.store.convert import utc
from server.store.db import Database
from server.store.tables import Counter, Site, Ticket
from server.store.uow import Publish, UnitOfWork

T = TypeVar("T")


@dataclass
class Context:
    db: Database
    clock: Clock
    publish: Publish | None = None
    _configs: dict[str, tuple[int, CentreConfig]] = field(default_factory=dict)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.db, self.publish)

    def now(self) -> datetime:
        return self.clock.now()

    def config_of(self, site: "SiteRow | Site") -> CentreConfig:
        """The parsed centre file, read and parsed only when its version changes."""
        cached = self._configs.get(site.code)
        if cached is None or cached[0] != site.config_version:
            if isinstance(site, Site):
                version, raw = site.config_version, site.config
            else:
                with Session(self.db.reader) as s:
                    version, raw = s.execute(_CONFIG, {"code": site.code}).one()
            cached = (version, CentreConfig.model_validate(raw))
            self._configs[site.code] = cached
        return cached[1]

    def run(self, fn: Callable[[UnitOfWork], T], attempts: int = 5) -> T:
        """Run one command; retry on a lost race (unique key, serialisation, busy)."""
        for i in range(attempts):
            try:
                with self.uow() as uow:
                    return fn(uow)
            except IntegrityError:
                if i == attempts - 1:
                    raise DomainError(ErrorCode.CONFLICT) from None
            except PoolTimeout:
                # Every pooled connection is busy (or the database hangs): a 503 the client
                # may retry, not a 500.
                raise DomainError(ErrorCode.UNAVAILABLE, "database busy") from None
            except OperationalError as e:
                if "could not serialize" in str(e) or "deadlock" in str(e):
                    continue
                raise
        raise DomainError(ErrorCode.CONFLICT)


@dataclass
class SiteRow:
    """The site row without its centre file: every command reads it, and loading the
    JSON file into a Site entity cost more than the rest of issuing a ticket."""

    code: str
    name: str
    epoch: str
    seq: int
    business_day: date
    config_version: int


_SITE = select(
    Site.code, Site.name, Site.epoch, Site.seq, Site.business_day, Site.config_version
).where(Site.code == bindparam("code"))
_CONFIG = select(Site.config_version, Site.config).where(Site.code == bindparam("code"))


def load_site(session: Session, code: str) -> SiteRow:
    row = session.connection().execute(_SITE, {"code": code}).one_or_none()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"site {code}")
    return SiteRow(*row)


def ensure_day(ctx: Context, uow: UnitOfWork, site: SiteRow, cfg: CentreConfig) -> None:
    """Close yesterday first if the business day has turned (numbers restart)."""
    now = ctx.now()
    today = business_day(now, cfg.tz)
    if site.business_day >= today:
        return
    old = site.business_day
    # Only one writer wins the day change, also with several processes.
    won = uow.session.execute(
        Site.__table__.update()
        .where(Site.code == site.code, Site.business_day == old)
        .values(business_day=today)
    ).rowcount
    site.business_day = today
    if won != 1:
        return
    close_day(ctx, uow, site.code, old, today, actor="system")


def close_day(
    ctx: Context, uow: UnitOfWork, site: str, day: Any, new_day: Any, actor: str
) -> list[int]:
    s = uow.session
    leftovers = (
        s.execute(
            select(Ticket).where(
                Ticket.site == site,
                Ticket.day <= day,
                Ticket.status.in_([st.value for st in DAY_CLOSE]),
            )
        )
        .scalars()
        .all()
    )
    cancelled: list[int] = []
    now = utc(ctx.now())
    for t in leftovers:
        t.status = DAY_CLOSE[t.status].value  # type: ignore[index]
        t.finished_at = now
        assert t.id is not None
        cancelled.append(t.id)
    counters = s.execute(select(Counter).where(Counter.site == site)).scalars().all()
    for c in counters:
        c.priority_streak = 0
        if c.current_ticket_id in cancelled:
            c.current_ticket_id = None
    uow.emit(
        site,
        EventType.DAY_CLOSED,
        {"day": day.isoformat(), "new_day": new_day.isoformat(), "cancelled": cancelled},
        actor,
        ctx.now(),
    )
    return cancelled
