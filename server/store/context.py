"""What every command and query needs: the database, the clock, the centre files (parsed
once per version), each site's hall, and the publisher of committed events."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.domain.clock import Clock
from server.domain.errors import DomainError
from server.store.db import Database
from server.store.halls import Halls
from server.store.tables import Site
from server.store.uow import Publish, UnitOfWork

T = TypeVar("T")


@dataclass
class Context:
    db: Database
    clock: Clock
    publish: Publish | None = None
    _configs: dict[str, tuple[int, CentreConfig]] = field(default_factory=dict)
    halls: Halls = field(init=False)

    def __post_init__(self) -> None:
        self.halls = Halls(self.db, self.clock, self.config, self.publish)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.db, self.publish)

    def now(self) -> datetime:
        return self.clock.now()

    def config(self, site: str, version: int) -> CentreConfig:
        """The parsed centre file, read and parsed only when its version changes."""
        cached = self._configs.get(site)
        if cached is None or cached[0] != version:
            with Session(self.db.reader) as s:
                row = s.execute(_CONFIG, {"code": site}).one_or_none()
            if row is None:
                raise DomainError(ErrorCode.NOT_FOUND, f"site {site}")
            cached = (row[0], CentreConfig.model_validate(row[1]))
            self._configs[site] = cached
        return cached[1]

    def config_of(self, site: "SiteRow | Site") -> CentreConfig:
        return self.config(site.code, site.config_version)

    def run(self, fn: Callable[[UnitOfWork], T], attempts: int = 5) -> T:
        """Run one command outside the queue (accounts, ratings, set-up); retry a lost race."""
        for i in range(attempts):
            try:
                with self.uow() as uow:
                    return fn(uow)
            except IntegrityError:
                if i == attempts - 1:
                    raise DomainError(ErrorCode.CONFLICT) from None
            except PoolTimeout:
                raise DomainError(ErrorCode.UNAVAILABLE, "database busy") from None
            except OperationalError as e:
                if "could not serialize" in str(e) or "deadlock" in str(e):
                    continue
                raise
        raise DomainError(ErrorCode.CONFLICT)


@dataclass
class SiteRow:
    """The site row without its centre file."""

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
