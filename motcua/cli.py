"""The `motcua` command, used by the people who install a centre.

Every command imports what it needs inside its body: `init`, `user`, `device` and `serve`
need only the server side (`[server]`), the launchers only their app (`[apps]`), so each
kind of machine runs its commands without the other side installed.
"""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from protocol.enums import Role

app = typer.Typer(
    help="MotCua Queue — hệ thống xếp hàng cho bộ phận một cửa.",
    no_args_is_help=True,
    add_completion=False,
)
user_app = typer.Typer(help="Users: admin, supervisor, clerk.", no_args_is_help=True)
device_app = typer.Typer(help="Devices: kiosk, display, rating-pad.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(device_app, name="device")

DEFAULT_DB = "sqlite:///./motcua.db"
DbOpt = Annotated[
    str,
    typer.Option(
        "--db", envvar="MOTCUA_DATABASE_URL", help="sqlite:///file.db or postgresql://user@host/db"
    ),
]
ServerOpt = Annotated[
    str,
    typer.Option("--server", envvar="MOTCUA_SERVER", help="Server URL, e.g. http://10.0.0.5:8000"),
]
LangOpt = Annotated[str, typer.Option("--lang", help="vi or en")]


# What each side brings (pyproject.toml's extras), to name the missing one when a command
# runs on a machine that has only the other side installed.
SIDES = {
    "server": {
        "fastapi",
        "starlette",
        "uvicorn",
        "sqlmodel",
        "sqlalchemy",
        "alembic",
        "argon2",
        "pydantic_settings",
        "psycopg",
        "redis",
    },
    "apps": {"PySide6", "shiboken6", "escpos", "PIL", "qrcode", "usb", "serial", "espeakng_loader"},
}
F = TypeVar("F", bound=Callable[..., object])


def needs(*sides: str) -> Callable[[F], F]:
    """A command that needs a side says so, instead of a traceback, when it is missing."""

    def wrap(command: F) -> F:
        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> object:
            try:
                return command(*args, **kwargs)
            except ModuleNotFoundError as e:
                top = (e.name or "").split(".")[0]
                side = next((s for s in sides if top in SIDES[s]), None)
                if side is None:
                    raise
                typer.echo(
                    f"Thiếu thành phần / not installed here: {e.name} — this command needs "
                    f"pip install 'motcua-queue[{side}]'",
                    err=True,
                )
                raise typer.Exit(3) from None

        return run  # type: ignore[return-value]

    return wrap


def _context(db: str):  # type: ignore[no-untyped-def]
    from server.commands.context import Context
    from server.domain.clock import SystemClock
    from server.store.db import open_database

    return Context(db=open_database(db), clock=SystemClock())


def _site(ctx, site: str | None) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy import select
    from sqlmodel import Session

    from server.store.tables import Site

    with Session(ctx.db.reader) as s:
        codes = list(s.execute(select(Site.code)).scalars())
    if site:
        if site not in codes:
            raise typer.BadParameter(f"no site {site!r}; known: {', '.join(codes) or 'none'}")
        return site
    if len(codes) != 1:
        raise typer.BadParameter(
            "give --site (" + (", ".join(codes) or "run motcua init first") + ")"
        )
    return codes[0]


@app.command()
@needs("server")
def init(
    db: DbOpt = DEFAULT_DB,
    config: Annotated[Path, typer.Option("--config", exists=True, dir_okay=False)] = Path(
        "deploy/sample-centre.yaml"
    ),
) -> None:
    """Create or migrate the schema and load (or update) the centre. Safe to run twice."""
    from pydantic import ValidationError

    from server.centre import load_centre_file
    from server.commands.setup import load_centre
    from server.store.migrate import upgrade

    try:
        cfg = load_centre_file(config)
    except ValidationError as e:
        typer.echo(f"Tệp cấu hình không hợp lệ / invalid centre file {config}:\n{e}", err=True)
        raise typer.Exit(2) from None
    upgrade(db)
    what = load_centre(_context(db), cfg)
    typer.echo(
        f"schema: up to date; centre {cfg.site!r} ({cfg.name}): {what}; "
        f"{len(cfg.services)} fields, {len(cfg.counters)} counters, "
        f"{sum(len(s.procedures) for s in cfg.services)} procedures"
    )


@user_app.command("add")
@needs("server")
def user_add(
    name: str,
    role: Annotated[str, typer.Option("--role", help="admin|supervisor|clerk")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
    full_name: Annotated[str | None, typer.Option("--full-name")] = None,
    site: Annotated[str | None, typer.Option("--site")] = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Add a user (or reset their password). The password is read from standard input."""
    from server.commands.setup import add_user

    try:
        r = Role(role)
        assert r.is_user
    except (ValueError, AssertionError):
        raise typer.BadParameter("role must be admin, supervisor or clerk") from None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Mật khẩu / password", hide_input=True, confirmation_prompt=True)
    ctx = _context(db)
    try:
        add_user(ctx, _site(ctx, site), name, r, password, full_name)
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"user {name!r} ({r.value}) saved")


@device_app.command("add")
@needs("server")
def device_add(
    name: str,
    role: Annotated[str, typer.Option("--role", help="kiosk|display|rating-pad")],
    counter: Annotated[int | None, typer.Option("--counter")] = None,
    site: Annotated[str | None, typer.Option("--site")] = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Register a device and print its token (shown once; re-run to issue a new one)."""
    from server.commands.setup import add_device

    try:
        r = Role(role)
        assert not r.is_user
    except (ValueError, AssertionError):
        raise typer.BadParameter("role must be kiosk, display or rating-pad") from None
    ctx = _context(db)
    try:
        token = add_device(ctx, _site(ctx, site), name, r, counter)
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None
    typer.echo(token)


@app.command()
@needs("server")
def serve(
    db: DbOpt = DEFAULT_DB,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    public_url: Annotated[
        str | None, typer.Option("--public-url", help="URL citizens' phones use (QR codes)")
    ] = None,
    broadcast: Annotated[
        str | None, typer.Option("--broadcast", help="memory:// | redis://… | postgresql://…")
    ] = None,
    log_level: Annotated[
        str, typer.Option("--log-level", help="debug | info | warning | error")
    ] = "info",
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="One line per request")
    ] = True,
) -> None:
    """Run the server (migrates the schema first). Logs go to stdout/stderr, timestamped,
    tokens redacted (under systemd: journalctl -u motcua)."""
    import uvicorn

    from server.logs import log_config
    from server.store.migrate import upgrade

    os.environ["MOTCUA_DATABASE_URL"] = db
    os.environ.setdefault("MOTCUA_PUBLIC_BASE_URL", public_url or f"http://{host}:{port}")
    if public_url:
        os.environ["MOTCUA_PUBLIC_BASE_URL"] = public_url
    if broadcast:
        os.environ["MOTCUA_BROADCAST_URL"] = broadcast
    upgrade(db)
    uvicorn.run(
        "server.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(log_level),
        log_level=log_level,
        access_log=access_log,
        ws_ping_interval=20,
        ws_ping_timeout=20,
        # No permessage-deflate: the hub serialises an event once, but compression runs
        # per connection, which made fan-out to hundreds of screens CPU-bound. LAN
        # bandwidth is plentiful; QtWebSockets never asks for it anyway.
        ws_per_message_deflate=False,
        timeout_graceful_shutdown=3,
    )


@app.command()
@needs("server", "apps")
def demo(
    port: int = 8000,
    lang: LangOpt = "vi",
    apps: Annotated[
        bool, typer.Option(help="Also open kiosk, counter, display, rating pad")
    ] = True,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
) -> None:
    """Start everything on a fresh SQLite sample centre with demo accounts."""
    from motcua.demo import run_demo

    raise typer.Exit(run_demo(port=port, lang=lang, with_apps=apps, data_dir=data_dir))


@app.command()
@needs("apps")
def kiosk(
    server: ServerOpt,
    token: Annotated[str, typer.Option("--token", envvar="MOTCUA_TOKEN")],
    printer: Annotated[str, typer.Option("--printer")] = "dummy://",
    paper: Annotated[int, typer.Option("--paper", help="58 or 80 (mm)")] = 80,
    fullscreen: bool = True,
    lang: LangOpt = "vi",
) -> None:
    """Start the touch kiosk."""
    from kiosk_app.main import run

    raise typer.Exit(
        run(
            server=server,
            token=token,
            printer=printer,
            paper_mm=paper,
            fullscreen=fullscreen,
            language=lang,
        )
    )


@app.command()
@needs("apps")
def counter(
    server: ServerOpt,
    counter_id: Annotated[int | None, typer.Option("--counter")] = None,
    username: Annotated[str | None, typer.Option("--user")] = None,
    fullscreen: bool = False,
    lang: LangOpt = "vi",
) -> None:
    """Start the clerk's counter console."""
    from counter_app.main import run_console

    raise typer.Exit(
        run_console(
            server=server,
            counter_id=counter_id,
            username=username,
            fullscreen=fullscreen,
            language=lang,
        )
    )


@app.command("rating-pad")
@needs("apps")
def rating_pad(
    server: ServerOpt,
    token: Annotated[str, typer.Option("--token", envvar="MOTCUA_TOKEN")],
    counter_id: Annotated[int, typer.Option("--counter")],
    fullscreen: bool = True,
    lang: LangOpt = "vi",
) -> None:
    """Start the citizen-facing rating pad of one counter."""
    from counter_app.main import run_rating_pad

    raise typer.Exit(
        run_rating_pad(
            server=server, token=token, counter_id=counter_id, fullscreen=fullscreen, language=lang
        )
    )


@app.command()
@needs("apps")
def display(
    server: ServerOpt,
    token: Annotated[str, typer.Option("--token", envvar="MOTCUA_TOKEN")],
    mode: Annotated[str, typer.Option("--mode", help="hall or counter")] = "hall",
    counter_id: Annotated[int | None, typer.Option("--counter")] = None,
    mute: Annotated[bool | None, typer.Option("--mute/--sound")] = None,
    volume: Annotated[float, typer.Option("--volume", min=0, max=1)] = 0.9,
    fullscreen: bool = True,
    lang: LangOpt = "vi",
) -> None:
    """Start the hall TV (announces) or a counter-top display (silent by default)."""
    from display_app.main import run

    if mode not in ("hall", "counter"):
        raise typer.BadParameter("--mode is hall or counter")
    if mode == "counter" and counter_id is None:
        raise typer.BadParameter("--mode counter needs --counter N")
    muted = (mode == "counter") if mute is None else mute
    raise typer.Exit(
        run(
            server=server,
            token=token,
            mode=mode,
            counter_id=counter_id,
            muted=muted,
            volume=volume,
            fullscreen=fullscreen,
            language=lang,
        )
    )


if __name__ == "__main__":
    app()
