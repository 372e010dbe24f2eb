"""The centre's configuration as the database holds it now."""

from pydantic import ValidationError
from sqlmodel import Session

from protocol.centre import CentreConfig
from server.centre import dump_centre_yaml, explain
from server.store.context import Context, load_site
from server.store.site_config import stored_config


def centre_of(ctx: Context, site: str) -> CentreConfig:
    """The site's current configuration (parsed once per version)."""
    with Session(ctx.db.reader) as s:
        return ctx.config_of(load_site(s, site))


def centre_file(ctx: Context, site: str) -> tuple[str, str | None]:
    """The site's centre file (YAML), and what is wrong with it when the stored version
    no longer passes the rules (written as stored then, so that it can be fixed)."""
    try:
        return dump_centre_yaml(centre_of(ctx, site)), None
    except ValidationError as e:
        with ctx.db.reader.connect() as conn:
            stored = stored_config(conn, site)
        assert stored is not None  # centre_of found the site
        problems = "; ".join(f"{where}: {msg}" for _, where, msg in explain(e))
        return dump_centre_yaml(stored[1]), f"the stored configuration breaks the rules: {problems}"
