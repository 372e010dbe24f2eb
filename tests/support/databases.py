"""A fresh database per test: a temp SQLite file, or a new PostgreSQL database that is
dropped afterwards (MOTCUA_TEST_DATABASE_URL names the server to create it on; without
it a PostgreSQL variant skips, saying so).

`prepared_database` gives a fresh database that already holds what `motcua.demo.prepare`
makes (schema, sample centre, demo accounts and devices). Running `prepare` costs seconds
(Alembic, the centre, an Argon2 hash), so it runs once per test session, kind and centre
file, into a template; each test then gets a copy: SQLite's backup API into the test's
own file, or `CREATE DATABASE … TEMPLATE` on PostgreSQL. The copies share the template's
device tokens, which are returned with the URL."""

import atexit
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from motcua.demo import SAMPLE, prepare
from server.store.db import normalise_url, open_admin_engine

PG_ENV = "MOTCUA_TEST_DATABASE_URL"
REDIS_ENV = "MOTCUA_TEST_REDIS_URL"


def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _pg_url(name: str) -> str:
    base = pg_server_url()
    assert base is not None
    return make_url(normalise_url(base)).set(database=name).render_as_string(hide_password=False)


def _pg_create(name: str, template: str | None = None) -> None:
    admin = open_admin_engine(pg_server_url())  # type: ignore[arg-type]
    try:
        with admin.connect() as c:
            tail = f' TEMPLATE "{template}"' if template else ""
            c.execute(text(f'CREATE DATABASE "{name}"{tail}'))
    finally:
        admin.dispose()


def _pg_drop(name: str) -> None:
    admin = open_admin_engine(pg_server_url())  # type: ignore[arg-type]
    try:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _skip_without_pg() -> None:
    if pg_server_url() is None:
        pytest.skip(f"PostgreSQL variant: set {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/test)")


@contextmanager
def fresh_database(kind: str, tmp_path: Path, template: str | None = None) -> Iterator[str]:
    """An empty database (or, given `template`, a copy of that template's)."""
    if kind == "sqlite":
        path = tmp_path / "motcua-test.db"
        if template is not None:
            _sqlite_copy(Path(template), path)
        yield f"sqlite:///{path}"
        return
    _skip_without_pg()
    name = f"motcua_test_{uuid.uuid4().hex[:12]}"
    _pg_create(name, template)
    try:
        yield _pg_url(name)
    finally:
        _pg_drop(name)


# -- templates: `prepare` once per session, kind and centre file ----------------------

_templates: dict[tuple[str, Path], tuple[str, dict[str, str]]] = {}
_template_dir: Path | None = None


def _sqlite_copy(src: Path, dst: Path) -> None:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()


def _template(kind: str, config: Path) -> tuple[str, dict[str, str]]:
    """(template, tokens): the SQLite file's path or the PostgreSQL database's name."""
    global _template_dir
    key = (kind, config.resolve())
    if key not in _templates:
        if kind == "sqlite":
            if _template_dir is None:
                _template_dir = Path(tempfile.mkdtemp(prefix="motcua-templates-"))
                atexit.register(shutil.rmtree, _template_dir, True)
            path = _template_dir / f"{len(_templates)}-{config.stem}.db"
            tokens = prepare(f"sqlite:///{path}", config)
            _templates[key] = (str(path), tokens)
        else:
            name = f"motcua_tmpl_{uuid.uuid4().hex[:12]}"
            _pg_create(name)
            atexit.register(_pg_drop, name)
            tokens = prepare(_pg_url(name), config)
            _templates[key] = (name, tokens)
    return _templates[key]


@contextmanager
def prepared_database(
    kind: str, tmp_path: Path, config: Path = SAMPLE
) -> Iterator[tuple[str, dict[str, str]]]:
    """(url, tokens) of a fresh database as `prepare(url, config)` leaves it."""
    if kind != "sqlite":
        _skip_without_pg()
    template, tokens = _template(kind, config)
    with fresh_database(kind, tmp_path, template) as url:
        yield url, {**tokens, "db": url}
