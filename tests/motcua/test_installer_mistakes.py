"""An installer's mistakes end with one message that says what is wrong and where, and a
non-zero exit — never a traceback. One row per mistake: how to make it, the command, and
what the message must name (file:line of the centre file, a field path, a command)."""

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from motcua.install import SAMPLE_CENTRE
from tests.support.live_server import ROOT, free_port

SAMPLE = SAMPLE_CENTRE.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def motcua(
    tmp: Path, *args: str, stdin: str | None = None, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env.update(PYTHONPATH=str(ROOT), MOTCUA_ENV_FILE=str(tmp / "motcua.env"))
    if env_extra is not None:  # an app launcher: no screen, so no window can open
        env = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        # COLUMNS: typer boxes the message; wide enough that no line of it is broken.
        env.update(QT_QPA_PLATFORM="xcb", COLUMNS="250", **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "motcua", *args],
        cwd=tmp,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def centre(tmp: Path, text: str, name: str = "centre.yaml") -> str:
    (tmp / name).write_text(text, encoding="utf-8")
    return str(tmp / name)


def db(tmp: Path) -> str:
    return f"sqlite:///{tmp / 'data' / 'motcua.db'}"


def init(tmp: Path) -> None:
    r = motcua(tmp, "init", "--db", db(tmp), "--config", centre(tmp, SAMPLE, "ok.yaml"))
    assert r.returncode == 0, r.stderr


@dataclass
class Mistake:
    name: str
    run: Callable[[Path], subprocess.CompletedProcess[str]]
    says: Callable[[Path], list[str]]  # every one must be in the output


def edited(old: str, new: str) -> Callable[[Path], subprocess.CompletedProcess[str]]:
    return lambda tmp: motcua(
        tmp, "init", "--db", db(tmp), "--config", centre(tmp, SAMPLE.replace(old, new, 1))
    )


def at(needle: str, *more: str) -> Callable[[Path], list[str]]:
    return lambda tmp: [f"centre.yaml:{line_of(SAMPLE, needle)}", *more]


def pg_down(tmp: Path) -> subprocess.CompletedProcess[str]:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://motcua@127.0.0.1:{port}/motcua"
    return motcua(tmp, "init", "--db", url, "--config", centre(tmp, SAMPLE))


def port_in_use(tmp: Path) -> subprocess.CompletedProcess[str]:
    init(tmp)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        (tmp / "port").write_text(str(port))
        return motcua(tmp, "serve", "--db", db(tmp), "--port", str(port))


def launch(*args: str) -> Callable[[Path], subprocess.CompletedProcess[str]]:
    """An app launcher with a mistake in its options: refused while the command line is
    read, so no display is needed (and none is given: a window would fail, not hang)."""

    def run(tmp: Path) -> subprocess.CompletedProcess[str]:
        env_dir = tmp / "devices"
        return motcua(tmp, *args, env_extra={"MOTCUA_CONFIG_DIR": str(env_dir)})

    return run


KIOSK = ("kiosk", "--server", "http://127.0.0.1:9", "--token", "t")
DISPLAY = ("display", "--server", "http://127.0.0.1:9", "--token", "t")


def after_init(*args: str, stdin: str | None = None) -> Callable:
    def run(tmp: Path) -> subprocess.CompletedProcess[str]:
        init(tmp)
        return motcua(tmp, *args, "--db", db(tmp), stdin=stdin)

    return run


MISTAKES = [
    Mistake(
        "yaml syntax",
        edited('name: "Trung tâm', 'name: ["Trung tâm'),
        at('name: "Trung tâm', "YAML syntax"),
    ),
    Mistake(
        "unknown time zone",
        edited("timezone: Asia/Ho_Chi_Minh", "timezone: Asia/Hanoi"),
        at("timezone:", "timezone", "Asia/Hanoi"),
    ),
    Mistake(
        "duplicate field id",
        edited("- id: xay-dung", "- id: dat-dai"),
        at("- id: xay-dung", "services[1].id", "dat-dai"),
    ),
    Mistake(
        "duplicate counter id",
        edited("- {id: 2, services", "- {id: 1, services"),
        at("- {id: 2, services", "counters[1].id"),
    ),
    Mistake(
        "overlapping number blocks",
        edited("numbers: {start: 3001, end: 3999}", "numbers: {start: 1901, end: 2100}"),
        at("numbers: {start: 3001, end: 3999}", "services[2].numbers", "dat-dai"),
    ),
    Mistake(
        "unknown key",
        edited("priority_ratio: 2", "priorty_ratio: 2"),
        at("priority_ratio: 2", "priorty_ratio"),
    ),
    Mistake(
        "a database that does not answer",
        pg_down,
        lambda tmp: ["does not answer", "--db"],
    ),
    Mistake(
        "user add before init",
        lambda tmp: motcua(
            tmp,
            "user",
            "add",
            "lan",
            "--role",
            "clerk",
            "--password-stdin",
            "--db",
            db(tmp),
            stdin="mat-khau-du-dai\n",
        ),
        lambda tmp: ["run motcua init first", str(tmp / "data" / "motcua.db")],
    ),
    Mistake(
        "serve before init",
        lambda tmp: motcua(tmp, "serve", "--db", db(tmp), "--port", str(free_port())),
        lambda tmp: ["run motcua init first"],
    ),
    Mistake(
        "no database named",
        lambda tmp: motcua(tmp, "device", "list"),
        lambda tmp: ["MOTCUA_DATABASE_URL", str(tmp / "motcua.env")],
    ),
    Mistake(
        "bad env file line",
        lambda tmp: (
            (tmp / "motcua.env").write_text("# settings\nMOTCUA_DATABASE_URL sqlite:///x\n"),
            motcua(tmp, "device", "list"),
        )[1],
        lambda tmp: [f"{tmp / 'motcua.env'}:2"],
    ),
    Mistake(
        "port in use",
        port_in_use,
        lambda tmp: [f"port {(tmp / 'port').read_text()}", "in use", "--port"],
    ),
    Mistake(
        "device name exists",
        lambda tmp: (
            after_init("device", "add", "k1", "--role", "kiosk")(tmp),
            motcua(tmp, "device", "add", "k1", "--role", "kiosk", "--db", db(tmp)),
        )[1],
        lambda tmp: ["'k1' exists", "--rekey"],
    ),
    Mistake(
        "site renamed",
        lambda tmp: (
            init(tmp),
            edited("site: trung-tam-tinh", "site: trung-tam-moi")(tmp),
        )[1],
        at("site: trung-tam-tinh", "trung-tam-tinh", "--new-site"),
    ),
    Mistake(
        "disable an unknown user",
        after_init("user", "disable", "khong-co"),
        lambda tmp: ["khong-co", "user list"],
    ),
    Mistake(
        "restore without --force",
        lambda tmp: (
            after_init("backup", str(tmp / "b.db"))(tmp),
            motcua(tmp, "restore", str(tmp / "b.db"), "--db", db(tmp)),
        )[1],
        lambda tmp: ["--force"],
    ),
    Mistake(
        "kiosk paper width",
        launch(*KIOSK, "--paper", "70"),
        lambda tmp: ["--paper", "58 or 80"],
    ),
    Mistake(
        "kiosk language",
        launch(*KIOSK, "--lang", "fr"),
        lambda tmp: ["--lang", "vi or en"],
    ),
    Mistake(
        "kiosk printer url",
        launch(*KIOSK, "--printer", "usb://04b8"),
        lambda tmp: ["--printer", "usb://04b8", "usb://VID:PID"],
    ),
    Mistake(
        "kiosk printer kind",
        launch(*KIOSK, "--printer", "lpt://1"),
        lambda tmp: ["--printer", "network://HOST[:PORT]"],
    ),
    Mistake(
        "kiosk admin pin",
        launch(*KIOSK, "--admin-pin", "12ab"),
        lambda tmp: ["--admin-pin", "4 to 12 digits"],
    ),
    Mistake(
        "kiosk server url",
        launch("kiosk", "--server", "10.0.0.5:8000", "--token", "t"),
        lambda tmp: ["--server", "http://"],
    ),
    Mistake(
        "display mode",
        launch(*DISPLAY, "--mode", "tv"),
        lambda tmp: ["--mode", "hall or counter"],
    ),
    Mistake(
        "display counter mode without a counter",
        launch(*DISPLAY, "--mode", "counter"),
        lambda tmp: ["--counter", "display.json"],
    ),
    Mistake(
        "display counter number",
        launch(*DISPLAY, "--mode", "counter", "--counter", "0"),
        lambda tmp: ["--counter", "greater than or equal to 1"],
    ),
    Mistake(
        "rating pad counter number",
        launch("rating-pad", "--server", "http://127.0.0.1:9", "--token", "t", "--counter", "-2"),
        lambda tmp: ["--counter", "greater than or equal to 1"],
    ),
    Mistake(
        "counter console language",
        launch("counter", "--server", "http://127.0.0.1:9", "--lang", "english"),
        lambda tmp: ["--lang", "vi or en"],
    ),
]


@pytest.mark.parametrize("m", MISTAKES, ids=[m.name for m in MISTAKES])
def test_installer_mistake_is_explained(m: Mistake, tmp_path: Path) -> None:
    r = m.run(tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "Traceback" not in out, out
    for s in m.says(tmp_path):
        assert s in out, f"{s!r} not in:\n{out}"
    assert not (tmp_path / "motcua.db").exists()


def test_a_field_with_citizens_waiting_is_not_removed(inproc, tmp_path: Path) -> None:
    """Renaming `tu-phap` while two citizens wait in it is refused, naming it and them."""
    inproc.issue("tu-phap")
    inproc.issue("tu-phap")
    path = centre(tmp_path, SAMPLE.replace("tu-phap", "tu-phap-moi"))
    r = motcua(tmp_path, "init", "--db", inproc.settings.database_url, "--config", path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out, out
    assert "'tu-phap' has 2 citizen(s) waiting" in out and "centre.yaml:" in out, out
    assert inproc.issue("tu-phap")["number"]  # the hall still runs the old file


def test_disabled_user_and_revoked_device_are_refused_at_once(inproc) -> None:
    from server.commands.setup import disable_user, revoke_device

    token = inproc.login("canbo1")
    assert inproc.api("GET", "/auth/me", token).status_code == 200  # now cached
    assert inproc.api("GET", "/auth/me", inproc.kiosk_token).status_code == 200
    assert disable_user(inproc.ctx, "canbo1")[1] == 1
    revoke_device(inproc.ctx, "kiosk-1")
    assert inproc.api("GET", "/auth/me", token).status_code == 401
    assert inproc.api("GET", "/auth/me", inproc.kiosk_token).status_code == 401
    login = inproc.client.post(
        "/api/v1/auth/login", json={"username": "canbo1", "password": "demo1234"}
    )
    assert login.status_code in (400, 401, 403)
