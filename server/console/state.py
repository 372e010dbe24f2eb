"""Where the console keeps what it must remember: each browser's session (NiceGUI's
`app.storage.user` files: the bearer token, the language) and the secret that signs the
session cookie, generated once per installation. Nothing is written before the console's
first page is asked for."""

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from server.settings import Settings

SECRET_FILE = "secret"
SESSIONS = "sessions"


def console_dir(settings: Settings) -> Path:
    """settings.console_dir; else beside a SQLite database file; else ./console."""
    if settings.console_dir:
        return Path(settings.console_dir)
    try:
        url = make_url(settings.database_url)
    except Exception:  # noqa: BLE001  (an odd URL: the working directory will do)
        url = None
    if (
        url is not None
        and url.get_backend_name() == "sqlite"
        and url.database
        not in (
            None,
            "",
            ":memory:",
        )
    ):
        return Path(url.database).resolve().parent / "console"
    return Path.cwd() / "console"


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def storage_secret(settings: Settings) -> str:
    """settings.console_secret, or the installation's own (made on first use, mode 600)."""
    if settings.console_secret:
        return settings.console_secret
    path = _private_dir(console_dir(settings)) / SECRET_FILE
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it just now
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip()


def sessions_dir(settings: Settings) -> Path:
    return _private_dir(console_dir(settings) / SESSIONS)
