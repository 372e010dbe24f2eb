"""A fresh database per test: a temp SQLite file, or a new PostgreSQL database that is
dropped afterwards (MOTCUA_TEST_DATABASE_URL names the server to create it on; without
it a PostgreSQL variant skips, saying so)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.store.db import normalise_url, open_admin_engine

PG_ENV = "MOTCUA_TEST_DATABASE_URL"
REDIS_ENV = "MOTCUA_TEST_REDIS_URL"


def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextmanager
def fresh_database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'motcua-test.db'}"
        return
    base = pg_server_url()
    if base is None:
        pytest.skip(f"PostgreSQL variant: set {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/test)")
    name = f"motcua_test_{uuid.uuid4().hex[:12]}"
    admin = open_admin_engine(base)
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(base)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
