"""Mounting the console: many apps in one process each serve it (NiceGUI is one object
per process), it can be turned off, an app whose console nobody opens writes nothing,
and the cookie secret is made once per installation and kept private."""

import re
import stat
from pathlib import Path

from fastapi.testclient import TestClient

from server.app import create_app
from server.settings import Settings
from tests.support.databases import prepared_database


def settings(url: str, **kw: object) -> Settings:
    return Settings(database_url=url, **kw)  # type: ignore[arg-type]


def test_apps_one_after_another_each_serve_the_console_from_their_own_folder(
    tmp_path: Path,
) -> None:
    with prepared_database("sqlite", tmp_path) as (url, _):
        for _ in range(3):  # as the test suite does: many apps in one process
            with TestClient(create_app(settings(url))) as client:
                r = client.get("/console/login")
                assert r.status_code == 200
                assert "Đăng nhập" in r.text
                # Offline LAN: every script, style and font comes from this server.
                for ref in re.findall(r'(?:src|href)="([^"]+)"', r.text):
                    assert ref.startswith("/console/") or ref.startswith("data:"), ref
                assert client.get("/console/").status_code in (200, 307)
                assert client.get("/api/v1/catalog").status_code == 401  # the API as before
        secret = tmp_path / "console" / "secret"
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
        assert len(secret.read_text().strip()) >= 40
        assert stat.S_IMODE((tmp_path / "console").stat().st_mode) == 0o700


def test_the_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    with prepared_database("sqlite", tmp_path) as (url, _):
        with TestClient(create_app(settings(url))) as client:
            client.get("/console/login")
        first = (tmp_path / "console" / "secret").read_text()
        with TestClient(create_app(settings(url))) as client:
            client.get("/console/login")
        assert (tmp_path / "console" / "secret").read_text() == first


def test_off_means_no_console_and_nothing_written(tmp_path: Path) -> None:
    with prepared_database("sqlite", tmp_path) as (url, _):
        with TestClient(create_app(settings(url, console=False))) as client:
            r = client.get("/console/login")
            assert r.status_code == 404
            assert r.headers["content-type"].startswith("application/problem+json")
        with TestClient(create_app(settings(url))) as client:
            assert client.get("/api/v1/catalog").status_code == 401
        assert not (tmp_path / "console").exists()  # nobody opened the console


def test_a_console_dir_and_secret_from_the_settings(tmp_path: Path) -> None:
    where = tmp_path / "elsewhere"
    with prepared_database("sqlite", tmp_path) as (url, _):
        s = settings(url, console_dir=str(where), console_secret="x" * 48)
        with TestClient(create_app(s)) as client:
            assert client.get("/console/login").status_code == 200
            assert "motcua_console" in client.cookies
        assert (where / "sessions").is_dir()
        assert not (where / "secret").exists()  # the given secret is used, none is made
