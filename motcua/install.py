"""What the installer's commands share: one place the database comes from, the checks
that turn an installer's mistake into one sentence (what, where, what to do), backup.

The database URL, for every command alike: `--db`, else MOTCUA_DATABASE_URL from the
environment, else from the env file (MOTCUA_ENV_FILE, by default /etc/motcua/motcua.env —
the file the systemd unit reads too). Nothing is ever opened at a default path, so no
command leaves a stray ./motcua.db behind.
"""

import os
import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path

ENV_FILE = Path("/etc/motcua/motcua.env")
# Shipped inside the package (deploy/sample-centre.yaml links to it).
SAMPLE_CENTRE = Path(__file__).resolve().parent / "data" / "sample-centre.yaml"
DB_VAR = "MOTCUA_DATABASE_URL"
# Where each MOTCUA_* variable came from, when it came from the env file (file:line).
_FROM_FILE: dict[str, str] = {}


class InstallError(Exception):
    """An installer's mistake: the message says what is wrong, where, and what to do."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def env_file() -> Path:
    return Path(os.environ.get("MOTCUA_ENV_FILE") or ENV_FILE)


def load_env_file() -> Path | None:
    """Put the env file's KEY=VALUE lines into os.environ (the environment wins)."""
    path = env_file()
    if not path.exists():
        return None  # choose_db names it when a command needs the database
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InstallError(f"{path}: cannot read it ({e})") from None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, eq, value = line.removeprefix("export ").partition("=")
        key, value = key.strip(), value.strip()
        if not eq or not key.isidentifier():
            raise InstallError(f"{path}:{n}: not a KEY=value line: {raw!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key not in os.environ:
            os.environ[key] = value
            _FROM_FILE[key] = f"{path}:{n}"
    return path


@dataclass(frozen=True)
class DbChoice:
    url: str
    where: str  # "--db", "MOTCUA_DATABASE_URL", "/etc/motcua/motcua.env:2"

    @property
    def shown(self) -> str:
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except Exception:
            return self.url

    @property
    def sqlite_path(self) -> Path | None:
        from sqlalchemy.engine import make_url

        u = make_url(self.url)
        if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
            return None
        return Path(u.database)


def choose_db(db: str | None) -> DbChoice:
    """The database every command uses (see the module's docstring)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if db:
        choice = DbChoice(db, "--db")
    elif os.environ.get(DB_VAR):
        choice = DbChoice(os.environ[DB_VAR], _FROM_FILE.get(DB_VAR, f"environment {DB_VAR}"))
    else:
        raise InstallError(
            f"no database named: put {DB_VAR}=sqlite:////var/lib/motcua/motcua.db "
            f"(or postgresql://…) into {env_file()}"
            + ("" if env_file().exists() else " (it does not exist yet)")
            + ", or give --db URL"
        )
    try:
        backend = make_url(choice.url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in ("sqlite", "postgresql", "postgres"):
        raise InstallError(
            f"{choice.where}: {choice.url!r} is not a database URL; use "
            "sqlite:////var/lib/motcua/motcua.db or postgresql://user@host/motcua"
        )
    return choice


def prepare_folder(choice: DbChoice) -> None:
    """init: create a SQLite file's folder when it can, or say how to."""
    path = choice.sqlite_path
    if path is None:
        return
    folder = path.parent.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InstallError(
            f"cannot create the data folder {folder} ({e.strerror}); as root: "
            f"mkdir -p {folder} && chown motcua:motcua {folder}"
        ) from None
    if not os.access(folder, os.W_OK):
        raise InstallError(
            f"the data folder {folder} is not writable by this user; run as the motcua "
            f"user (sudo -u motcua motcua …) or: chown motcua:motcua {folder}"
        )


def require_initialised(choice: DbChoice) -> None:
    """A command other than init: the database exists, answers and holds a centre."""
    path = choice.sqlite_path
    if path is not None and not path.exists():
        raise InstallError(f"no database at {path} (from {choice.where}): run motcua init first")
    from sqlalchemy import inspect

    from server.store.db import open_admin_engine

    engine = open_admin_engine(choice.url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "site" not in tables:
                raise InstallError(
                    f"the database {choice.shown} (from {choice.where}) has no centre yet: "
                    "run motcua init first"
                )
            from sqlalchemy import text

            if conn.execute(text("SELECT count(*) FROM site")).scalar_one() == 0:
                raise InstallError(
                    f"the database {choice.shown} (from {choice.where}) has no centre yet: "
                    "run motcua init --config /etc/motcua/centre.yaml first"
                )
    finally:
        engine.dispose()


def explain(e: BaseException, choice: DbChoice | None) -> str | None:
    """One sentence for a failure an installer can fix, or None (a bug: traceback)."""
    try:
        from sqlalchemy.exc import DBAPIError, OperationalError
    except ModuleNotFoundError:
        return None
    where = f"{choice.shown} (from {choice.where})" if choice else "the database"
    if isinstance(e, OperationalError):
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        if "no such table" in reason:
            return f"the database {where} has no tables: run motcua init first"
        if "database is locked" in reason:
            return f"the database {where} is locked by another program: try again"
        return (
            f"the database {where} does not answer: {reason}. Is the server running and the "
            f"URL right? Fix {DB_VAR} in {choice.where if choice else env_file()}"
        )
    if isinstance(e, DBAPIError):
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        if "relation" in reason and "does not exist" in reason:
            return f"the database {where} has no tables: run motcua init first"
        return f"the database {where} refused the command: {reason}"
    return None


def check_port_free(host: str, port: int) -> None:
    """serve: the port is free (uvicorn's own message is a traceback-like log)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise InstallError(f"--host {host}: not an address of this machine ({e})") from None
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            if e.errno in (98, 48):  # EADDRINUSE (Linux, BSD)
                raise InstallError(
                    f"port {port} on {host} is in use (another motcua serve? see "
                    f"`ss -ltnp 'sport = :{port}'`): stop it, or give --port"
                ) from None
            raise InstallError(f"cannot listen on {host}:{port}: {e.strerror}") from None


def _sqlite_only(choice: DbChoice, what: str) -> Path:
    path = choice.sqlite_path
    if path is None:
        raise InstallError(f"{what} works on SQLite files only")
    return path


def backup(choice: DbChoice, dest: Path, force: bool) -> str:
    """A consistent copy of a live SQLite database (sqlite3's online backup API: the
    server keeps running). PostgreSQL: the pg_dump command to run instead."""
    if choice.sqlite_path is None:
        from sqlalchemy.engine import make_url

        plain = make_url(choice.url).set(drivername="postgresql").render_as_string(False)
        raise InstallError(
            "PostgreSQL is backed up with its own tool; run:\n"
            f"  pg_dump --format=custom --file {dest} '{plain}'\n"
            f"and restore with: pg_restore --clean --if-exists --dbname '{plain}' {dest}",
            code=3,
        )
    require_initialised(choice)
    if dest.exists() and not force:
        raise InstallError(f"{dest} exists: choose another name, or give --force to replace it")
    if dest.is_dir():
        raise InstallError(f"{dest} is a folder: give a file name, e.g. {dest}/motcua.db")
    src = sqlite3.connect(f"file:{choice.sqlite_path}?mode=ro", uri=True)
    try:
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            out.close()
        os.replace(tmp, dest)
    except OSError as e:
        raise InstallError(f"cannot write {dest}: {e.strerror}") from None
    finally:
        src.close()
    return f"{choice.sqlite_path} copied to {dest} ({dest.stat().st_size // 1024} KiB)"


def _users_of(path: Path) -> list[int]:
    """Processes that have the SQLite file (or its WAL) open (Linux /proc)."""
    names = {str(path.resolve()), str(path.resolve()) + "-wal"}
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in names for fd in (proc / "fd").iterdir()):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def restore(choice: DbChoice, src: Path, force: bool) -> str:
    """Replace the SQLite database with a backup; refused while a process has it open,
    and asks for --force before it replaces a database that exists."""
    path = _sqlite_only(choice, "restore")
    if not src.is_file():
        raise InstallError(f"{src}: no such backup file")
    try:
        con = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        try:
            con.execute("SELECT count(*) FROM site").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise InstallError(f"{src} is not a motcua backup ({e})") from None
    if path.exists():
        busy = _users_of(path)
        if busy:
            raise InstallError(
                f"{path} is in use by process {', '.join(map(str, busy))}: stop the server "
                "first (systemctl stop motcua), then restore"
            )
        if not force:
            raise InstallError(
                f"restoring replaces {path} and everything since the backup: give --force"
            )
    prepare_folder(choice)
    a, b = sqlite3.connect(f"file:{src}?mode=ro", uri=True), sqlite3.connect(path)
    try:
        a.backup(b)
        b.execute("PRAGMA journal_mode=WAL")
    finally:
        a.close()
        b.close()
    return f"{path} restored from {src}; `motcua init` or `motcua serve` migrates it if older"
