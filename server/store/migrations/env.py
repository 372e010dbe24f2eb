"""Alembic environment: the tables' metadata, and batch mode so SQLite can ALTER."""

from alembic import context
from sqlalchemy import create_engine, pool
from sqlmodel import SQLModel

from server.store import aggregates, notify_tables, tables  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
