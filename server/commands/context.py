"""What every command needs: the database, the clock, the config cache, the publisher."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
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

    def config_of(self, site: Site) -> CentreConfig:
        """The parsed centre file, re-parsed only when its version changes."""
        cached = self._configs.get(site.code)
        if cached is None or cached[0] != site.config_version:
            cached = (site.config_version, CentreConfig.model_validate(site.config))
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
            except OperationalError as e:
                if "could not serialize" in str(e) or "deadlock" in str(e):
                    continue
                raise
        raise DomainError(ErrorCode.CONFLICT)


def load_site(session: Session, code: str) -> Site:
    stmt = select(Site).where(Site.code == code)
    site = session.execute(stmt).scalar_one_or_none()
    if site is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"site {code}")
    return site


def ensure_day(ctx: Context, uow: UnitOfWork, site: Site, cfg: CentreConfig) -> None:
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
