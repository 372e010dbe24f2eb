"""The centres a manager may act on: every centre of the database for a province user,
their own centre for anyone else (the rule of `server.domain.accounts.managed_site`)."""

from sqlalchemy import select

from protocol.admin import SiteRef
from server.principal import Principal
from server.store.context import Context
from server.store.tables import Site

_SITES = select(Site.code, Site.name, Site.config).order_by(Site.name, Site.code)


def managed_sites(ctx: Context, who: Principal) -> list[SiteRef]:
    query = _SITES if who.province else _SITES.where(Site.code == who.site)
    with ctx.db.reader.connect() as conn:
        rows = conn.execute(query).all()
    return [
        SiteRef(code=code, name=name, name_en=(config or {}).get("name_en"))
        for code, name, config in rows
    ]
