"""The centre's configuration as the database holds it now."""

from sqlmodel import Session

from protocol.centre import CentreConfig
from server.store.context import Context, load_site


def centre_of(ctx: Context, site: str) -> CentreConfig:
    """The site's current configuration (parsed once per version)."""
    with Session(ctx.db.reader) as s:
        return ctx.config_of(load_site(s, site))
