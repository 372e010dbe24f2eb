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
centre_app = typer.Typer(help="The centre's configuration in the database.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(device_app, name="device")
app.add_typer(centre_app, name="centre")

DEFAULT_DB = None  # from MOTCUA_DATABASE_URL or the env file: see motcua/install.py
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="sqlite:////var/lib/motcua/motcua.db or postgresql://user@host/db "
        "(default: MOTCUA_DATABASE_URL, from the environment or /etc/motcua/motcua.env)",
    ),
]


# The launchers' options are checked while the command line is read, before any window
# (or Qt) starts: a mistake ends with "Invalid value for '--paper': …", exit code 2.
# Options left out are None: the app then uses the value saved on the device, else its
# default (clientkit.device_config.merge_settings: the command line always wins).
def _server(value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise typer.BadParameter(f"http://… or https://…, e.g. http://10.0.0.5:8000, not {value!r}")
    return value


def _lang(value: str | None) -> str | None:
    if value is not None and value not in ("vi", "en"):
        raise typer.BadParameter(f"vi or en, not {value!r}")
    return value


def _paper(value: int | None) -> int | None:
    if value is not None and value not in (58, 80):
        raise typer.BadParameter(f"58 or 80 (mm), not {value}")
    return value


def _printer(value: str | None) -> str | None:
    if value is None:
        return value
    try:
        from kiosk_app.printing.printer_url import PrinterUrlError, parse_printer_url
    except ModuleNotFoundError:
        return value  # no [apps] here: the command itself says so
    try:
        parse_printer_url(value)
    except PrinterUrlError as e:
        raise typer.BadParameter(
            f"{e} — network://HOST[:PORT], usb://VID:PID, serial:///dev/ttyUSB0, "
            "file:///dev/usb/lp0, cups://QUEUE or dummy://"
        ) from None
    return value


def _pin(value: str | None) -> str | None:
    if value is not None and not (value.isdigit() and 4 <= len(value) <= 12):
        raise typer.BadParameter("4 to 12 digits / 4–12 chữ số")
    return value


def _mode(value: str) -> str:
    if value not in ("hall", "counter"):
        raise typer.BadParameter(f"hall or counter, not {value!r}")
    return value


ServerOpt = Annotated[
    str,
    typer.Option(
        "--server",
        envvar="MOTCUA_SERVER",
        callback=_server,
        help="Server URL, e.g. http://10.0.0.5:8000",
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", callback=_lang, help="vi or en")]
AppLangOpt = Annotated[
    str | None,
    typer.Option("--lang", callback=_lang, help="vi or en (default: saved on the device, else vi)"),
]
CounterOpt = Annotated[int | None, typer.Option("--counter", min=1, help="counter number")]


def _origins(ctx: typer.Context, fields: dict[str, str]) -> dict[str, str]:
    """{config field: "MOTCUA_…"} for the options the environment gave (the log says
    where each value came from; the command line is the default origin)."""
    out = {}
    for param in ctx.command.params:
        field = fields.get(param.name or "")
        source = ctx.get_parameter_source(param.name or "")
        if field and getattr(source, "name", "") == "ENVIRONMENT":  # typer's own click
            out[field] = param.envvar if isinstance(param.envvar, str) else "environment"
    return out


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
        "prometheus_client",
    },
    "apps": {"PySide6", "shiboken6", "escpos", "PIL", "qrcode", "usb", "serial", "espeakng_loader"},
}
F = TypeVar("F", bound=Callable[..., object])
_DB: list = []  # the database this command chose (for messages)


@app.callback()
def _env_file() -> None:
    """Every command reads the same settings: the environment, then the env file."""
    from motcua.install import InstallError, load_env_file

    try:
        load_env_file()
    except InstallError as e:
        typer.echo(f"Lỗi / error: {e}", err=True)
        raise typer.Exit(e.code) from None


def needs(*sides: str) -> Callable[[F], F]:
    """A command that needs a side says so, instead of a traceback, when it is missing;
    an installer's mistake ends with one message and a non-zero exit."""

    def wrap(command: F) -> F:
        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> object:
            from motcua.install import InstallError, explain

            try:
                return command(*args, **kwargs)
            except InstallError as e:
                typer.echo(f"Lỗi / error: {e}", err=True)
                raise typer.Exit(e.code) from None
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
            except Exception as e:
                msg = explain(e, _DB[-1] if _DB else None)
                if msg is None:
                    raise
                typer.echo(f"Lỗi / error: {msg}", err=True)
                raise typer.Exit(2) from None

        return run  # type: ignore[return-value]

    return wrap


def _choose(db: str | None):  # type: ignore[no-untyped-def]
    from motcua.install import choose_db

    choice = choose_db(db)
    _DB.append(choice)
    return choice


def _context(db: str | None, initialised: bool = True):  # type: ignore[no-untyped-def]
    from motcua.install import require_initialised
    from server.commands.context import Context
    from server.domain.clock import SystemClock
    from server.store.db import open_database

    choice = _choose(db)
    if initialised:
        require_initialised(choice)
    return Context(db=open_database(choice.url), clock=SystemClock())


def _said(e: Exception) -> str:
    """What a refused account or device change says: the detail, else the title."""
    from protocol.errors import ERROR_TITLES
    from server.domain.errors import DomainError

    if isinstance(e, DomainError):
        return e.detail or ERROR_TITLES[e.code]
    return str(e)


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


@app.command("sample-centre")
def sample_centre() -> None:
    """Print the sample centre file: motcua sample-centre > /etc/motcua/centre.yaml"""
    from motcua.install import SAMPLE_CENTRE

    sys.stdout.write(SAMPLE_CENTRE.read_text(encoding="utf-8"))


@app.command()
@needs("server")
def init(
    db: DbOpt = DEFAULT_DB,
    config: Annotated[
        Path, typer.Option("--config", envvar="MOTCUA_CENTRE_FILE", help="the centre file")
    ] = Path("/etc/motcua/centre.yaml"),
    new_site: Annotated[
        bool, typer.Option("--new-site", help="add a second centre to this database")
    ] = False,
) -> None:
    """Create or migrate the schema and load (or update) the centre. Safe to run twice."""
    from motcua.install import prepare_folder
    from server.centre import CentreFileError, line_of, load_centre_file
    from server.commands.setup import CentreChangeRefused, load_centre
    from server.store.migrate import upgrade

    try:
        cfg = load_centre_file(config)
    except CentreFileError as e:
        typer.echo("Tệp cấu hình không hợp lệ / invalid centre file:", err=True)
        for p in e.problems:
            typer.echo(f"  {p}", err=True)
        raise typer.Exit(2) from None
    choice = _choose(db)
    prepare_folder(choice)
    upgrade(choice.url)
    try:
        what = load_centre(_context(db, initialised=False), cfg, new_site=new_site)
    except CentreChangeRefused as e:
        import yaml

        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        loc: tuple[object, ...] = ("services",) if e.in_use else ("site",)
        where = f"{config}:{line_of(root, loc)}"
        typer.echo(f"Lỗi / error: {where}: {e}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"schema: up to date; centre {cfg.site!r} ({cfg.name}): {what}; "
        f"{len(cfg.services)} fields, {len(cfg.counters)} counters, "
        f"{sum(len(s.procedures) for s in cfg.services)} procedures"
    )


@centre_app.command("export")
@needs("server")
def centre_export(
    out: Annotated[
        Path | None, typer.Option("--out", help="the file to write (default: standard output)")
    ] = None,
    site: Annotated[str | None, typer.Option("--site")] = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Write the centre file of the configuration the database holds (the web console's
    changes included); `motcua init --config FILE` imports it back unchanged."""
    from server.queries.centre import centre_file

    ctx = _context(db)
    code = _site(ctx, site)
    text, problem = centre_file(ctx, code)
    if problem:
        typer.echo(f"Cảnh báo / warning: {problem}", err=True)
    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        typer.echo(f"Lỗi / error: {out}: cannot write it ({e.strerror or e})", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"centre {code!r} written to {out}")


@user_app.command("add")
@needs("server")
def user_add(
    name: str,
    role: Annotated[str, typer.Option("--role", help="admin|supervisor|clerk")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
    full_name: Annotated[str | None, typer.Option("--full-name")] = None,
    site: Annotated[str | None, typer.Option("--site")] = None,
    province: Annotated[
        bool,
        typer.Option("--province", help="a user of the province: may act on every centre"),
    ] = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Add a user (or reset their password). The password is read from standard input."""
    from server.commands.accounts import add_user
    from server.domain.errors import DomainError

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
        add_user(ctx, _site(ctx, site), name, r, password, full_name, province=province)
    except (ValueError, DomainError) as e:
        typer.echo(_said(e), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"user {name!r} ({r.value}) saved")


@device_app.command("add")
@needs("server")
def device_add(
    name: str,
    role: Annotated[str, typer.Option("--role", help="kiosk|display|rating-pad")],
    counter: Annotated[int | None, typer.Option("--counter")] = None,
    site: Annotated[str | None, typer.Option("--site")] = None,
    rekey: Annotated[
        bool, typer.Option("--rekey", help="the device exists: issue it a new token")
    ] = False,
    admin_pin: Annotated[
        str | None,
        typer.Option(
            "--admin-pin",
            help="kiosk: the PIN (4-12 digits) of its settings screen, kept hashed on the "
            "server; the kiosk uses it unless its own --admin-pin is given",
        ),
    ] = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Register a device and print its token (shown once; --rekey issues a new one)."""
    from server.commands.devices import add_device
    from server.domain.errors import DomainError

    try:
        r = Role(role)
        assert not r.is_user
    except (ValueError, AssertionError):
        raise typer.BadParameter("role must be kiosk, display or rating-pad") from None
    ctx = _context(db)
    try:
        token = add_device(
            ctx, _site(ctx, site), name, r, counter, rekey=rekey, admin_pin=admin_pin
        )
    except (ValueError, DomainError) as e:
        rekey_hint = (
            ": choose another name, or give --rekey to issue it a new token "
            "(its old token stops working)"
        )
        taken = isinstance(e, DomainError) and e.code == "name-taken"
        typer.echo(_said(e) + (rekey_hint if taken else ""), err=True)
        raise typer.Exit(2) from None
    typer.echo(token)


@device_app.command("set-pin")
@needs("server")
def device_set_pin(
    name: str,
    pin_stdin: Annotated[
        bool, typer.Option("--pin-stdin", help="read the PIN from standard input (scripts)")
    ] = False,
    clear: Annotated[
        bool, typer.Option("--clear", help="keep no PIN on the server for this kiosk")
    ] = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Set the admin PIN of kiosk NAME's settings screen, kept hashed on the server. The
    kiosk takes it when it next connects, unless started with its own --admin-pin."""
    from server.commands.devices import set_device_pin

    pin: str | None = None
    if not clear:
        if pin_stdin:
            pin = sys.stdin.readline().strip()
        else:
            pin = typer.prompt(
                "Mã PIN / PIN (4-12 digits)", hide_input=True, confirmation_prompt=True
            )
    try:
        set_device_pin(_context(db), name, pin)
    except ValueError as e:
        typer.echo(f"Lỗi / error: {e}", err=True)
        raise typer.Exit(2) from None
    what = "removed (the kiosk keeps the last one it had)" if clear else "set"
    typer.echo(f"admin PIN of {name!r} {what}; the kiosk takes it when it next connects")


@user_app.command("list")
@needs("server")
def user_list(db: DbOpt = DEFAULT_DB) -> None:
    """List users: name, role, centre, active or disabled."""
    from server.commands.accounts import list_users

    for u in list_users(_context(db)):
        state = "DISABLED" if u.disabled else "active"
        where = "province" if u.province else ""
        typer.echo(
            f"{u.username:<20} {u.role.value:<11} {u.site:<20} {state:<9} {u.full_name or ''}"
            + (f"  ({where})" if where else "")
        )


@user_app.command("disable")
@needs("server")
def user_disable(name: str, db: DbOpt = DEFAULT_DB) -> None:
    """Disable a user: they cannot log in, and their sessions end now."""
    from server.commands.accounts import disable_user
    from server.domain.errors import DomainError

    try:
        _, ended = disable_user(_context(db), name)
    except DomainError as e:
        typer.echo(f"Lỗi / error: {_said(e)}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"user {name!r} disabled; {ended} session(s) ended (a running server may still "
        "accept a session it checked in the last 30 s); `motcua user add` enables again"
    )


@app.command()
@needs("server")
def purge(db: DbOpt = DEFAULT_DB) -> None:
    """Delete citizens' phone numbers older than their centre's retention (the running
    server also does it every hour)."""
    from server.commands.personal_data import purge as purge_numbers

    typer.echo(f"{purge_numbers(_context(db))} phone number(s) deleted")


@device_app.command("list")
@needs("server")
def device_list(db: DbOpt = DEFAULT_DB) -> None:
    """List devices: name, role, counter, centre, active or revoked, last seen."""
    from server.commands.devices import list_devices

    for e in list_devices(_context(db)):
        d = e.device
        state = "active" if d.active else "REVOKED"
        counter = f"counter {d.counter}" if d.counter else ""
        seen = f"seen {d.last_seen:%Y-%m-%d %H:%M}" if d.last_seen else "never seen"
        pin = "  PIN set" if e.admin_pin else ""
        typer.echo(
            f"{d.name:<20} {d.role.value:<11} {counter:<11} {e.site:<20} {state:<8} {seen}{pin}"
        )


@device_app.command("revoke")
@needs("server")
def device_revoke(name: str, db: DbOpt = DEFAULT_DB) -> None:
    """Revoke a device's token (a stolen kiosk, a retired TV)."""
    from server.commands.devices import revoke_device
    from server.domain.errors import DomainError

    try:
        revoke_device(_context(db), name)
    except DomainError as e:
        typer.echo(f"Lỗi / error: {_said(e)}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"device {name!r} revoked (a running server may accept its token for up to 30 s "
        "more); `motcua device add NAME --rekey` gives it a new token"
    )


@app.command()
@needs("server")
def backup(
    dest: Path,
    force: Annotated[bool, typer.Option("--force", help="replace DEST")] = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Copy the live SQLite database to DEST (consistent; the server keeps running).
    PostgreSQL: prints the pg_dump command to run (exit code 3)."""
    from motcua.install import backup as do_backup

    typer.echo(do_backup(_choose(db), dest, force))


@app.command()
@needs("server")
def restore(
    src: Path,
    force: Annotated[
        bool, typer.Option("--force", help="replace the database that exists")
    ] = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Replace the SQLite database with the backup SRC (stop the server first)."""
    from motcua.install import restore as do_restore

    typer.echo(do_restore(_choose(db), src, force))


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

    from motcua.install import check_port_free, require_initialised
    from server.logs import log_config
    from server.store.migrate import upgrade

    choice = _choose(db)
    require_initialised(choice)
    check_port_free(host, port)
    os.environ["MOTCUA_DATABASE_URL"] = db = choice.url
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
        timeout_graceful_shutdown=1,  # systemd and `motcua demo` wait 2 s at most
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
    keep: Annotated[
        bool, typer.Option("--keep", help="keep the temporary data folder afterwards")
    ] = False,
) -> None:
    """Start everything on a fresh SQLite sample centre with demo accounts."""
    from motcua.demo import run_demo
    from motcua.install import check_port_free

    check_port_free("127.0.0.1", port)
    raise typer.Exit(run_demo(port=port, lang=lang, with_apps=apps, data_dir=data_dir, keep=keep))


@app.command()
@needs("apps")
def kiosk(
    ctx: typer.Context,
    server: ServerOpt,
    token: Annotated[str, typer.Option("--token", envvar="MOTCUA_TOKEN")],
    printer: Annotated[
        str | None,
        typer.Option(
            "--printer", callback=_printer, help="e.g. usb://0x0416:0x5011 (default: dummy://)"
        ),
    ] = None,
    paper: Annotated[
        int | None, typer.Option("--paper", callback=_paper, help="58 or 80 (mm; default 80)")
    ] = None,
    fullscreen: bool = True,
    lang: AppLangOpt = None,
    admin_pin: Annotated[
        str | None,
        typer.Option(
            "--admin-pin",
            envvar="MOTCUA_ADMIN_PIN",
            callback=_pin,
            help="the PIN in front of the kiosk's settings (4–12 digits; kept hashed)",
        ),
    ] = None,
) -> None:
    """Start the touch kiosk. Options given here win over the settings saved on the kiosk."""
    from kiosk_app.main import run

    labels = _origins(
        ctx, {"server": "server_url", "token": "token", "admin_pin": "admin_pin_hash"}
    )
    raise typer.Exit(
        run(
            server=server,
            token=token,
            printer=printer,
            paper_mm=paper,
            fullscreen=fullscreen,
            language=lang,
            admin_pin=admin_pin,
            labels=labels,
        )
    )


@app.command()
@needs("apps")
def counter(
    server: ServerOpt,
    counter_id: CounterOpt = None,
    username: Annotated[str | None, typer.Option("--user")] = None,
    fullscreen: bool = False,
    lang: AppLangOpt = None,
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
    counter_id: Annotated[int, typer.Option("--counter", min=1, help="counter number")],
    fullscreen: bool = True,
    lang: AppLangOpt = None,
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
    mode: Annotated[str, typer.Option("--mode", callback=_mode, help="hall or counter")] = "hall",
    counter_id: CounterOpt = None,
    mute: Annotated[bool | None, typer.Option("--mute/--sound")] = None,
    volume: Annotated[float, typer.Option("--volume", min=0, max=1)] = 0.9,
    fullscreen: bool = True,
    lang: AppLangOpt = None,
) -> None:
    """Start the hall TV (announces) or a counter-top display (silent by default)."""
    from clientkit.device_config import DeviceConfig

    if mode == "counter" and counter_id is None and DeviceConfig.load("display").counter_id is None:
        raise typer.BadParameter(
            "--mode counter needs --counter N (or counter_id saved in display.json)",
            param_hint="'--counter'",
        )
    from display_app.main import run

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


from motcua.reports_cli import reports_app  # noqa: E402  (its commands import lazily)

app.add_typer(reports_app, name="reports")
