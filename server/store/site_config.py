"""The centre's configuration on its site row (the database is its source of truth):
read it as stored, write a new version. SQL only; the domain decides what may change."""

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from protocol.centre import CentreConfig
from server.store.convert import utc
from server.store.tables import Counter, Site


def stored_config(conn: Connection, site: str) -> tuple[int, dict[str, Any]] | None:
    """(config_version, the configuration as stored) of `site`, or None."""
    row = conn.execute(
        select(Site.config_version, Site.config).where(Site.code == site)
    ).one_or_none()
    return (row[0], row[1]) if row is not None else None


def save_config(conn: Connection, cfg: CentreConfig, now: datetime) -> int | None:
    """Store `cfg` as the site's next version and add the rows of its new counters.
    Returns the new version, or None when the site holds exactly this already."""
    data = cfg.model_dump(mode="json")
    current = stored_config(conn, cfg.site)
    if current is None:
        raise LookupError(f"site {cfg.site}")
    if current[1] == data:
        return None
    version = current[0] + 1
    conn.execute(
        update(Site)
        .where(Site.code == cfg.site)
        .values(config=data, name=cfg.name, config_version=version, updated_at=utc(now))
    )
    add_counters(conn, cfg)
    return version


def add_counters(conn: Connection, cfg: CentreConfig) -> None:
    """A row (closed) for each counter of `cfg` the site has none for."""
    have = set(conn.execute(select(Counter.id).where(Counter.site == cfg.site)).scalars())
    new = [
        {"site": cfg.site, "id": c.id, "status": "closed"} for c in cfg.counters if c.id not in have
    ]
    if new:
        conn.execute(insert(Counter), new)
