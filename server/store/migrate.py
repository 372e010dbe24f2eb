"""Schema migrations (Alembic), run from code so `motcua init` needs no alembic.ini."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from server.store.db import normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def revision(url: str, message: str) -> None:
    """Developers: write a new migration from the difference to the tables."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
