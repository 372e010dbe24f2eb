"""`motcua demo`: a fresh SQLite sample centre, demo accounts, the server and the apps."""

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from motcua.install import SAMPLE_CENTRE
from protocol.enums import Role
from server.centre import load_centre_file
from server.commands.accounts import add_user
from server.commands.context import Context
from server.commands.devices import add_device
from server.commands.setup import load_centre
from server.domain.clock import SystemClock
from server.security import hash_password
from server.store.db import open_database
from server.store.migrate import upgrade

SAMPLE = SAMPLE_CENTRE
DEMO_PASSWORD = "demo1234"


def prepare(db_url: str, config: Path = SAMPLE) -> dict[str, str]:
    """Migrate, load a centre (open all day: a demo runs at any hour), add demo accounts.

    Returns the device tokens. Tests use it too, so they run the same set-up as the demo.
    """
    upgrade(db_url)
    cfg = load_centre_file(config).model_copy(update={"enforce_hours": False})
    ctx = Context(db=open_database(db_url), clock=SystemClock())
    load_centre(ctx, cfg)
    site, hashed = cfg.site, hash_password(DEMO_PASSWORD)
    # audit=False: the demo's centre starts with an empty event log.
    users = [("admin", Role.ADMIN, "Quản trị viên"), ("giamsat", Role.SUPERVISOR, "Giám sát viên")]
    users += [(f"canbo{c.id}", Role.CLERK, f"Cán bộ quầy {c.id}") for c in cfg.counters]
    for name, role, full_name in users:
        add_user(ctx, site, name, role, DEMO_PASSWORD, full_name, hashed, audit=False)
    tokens = {
        "db": db_url,
        "kiosk": add_device(ctx, site, "kiosk-1", Role.KIOSK, audit=False),
        "display": add_device(ctx, site, "hall-tv", Role.DISPLAY, audit=False),
        "rating": add_device(ctx, site, "rating-pad-1", Role.RATING_PAD, 1, audit=False),
    }
    ctx.db.dispose()
    return tokens


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def _has_screen() -> bool:
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


class _Stop(Exception):
    """SIGTERM or SIGHUP: stop like Ctrl+C."""


def _raise_stop(signum: int, _frame: object) -> None:
    raise _Stop(signum)


def run_demo(
    port: int, lang: str, with_apps: bool, data_dir: Path | None, keep: bool = False
) -> int:
    """Everything in child processes; Ctrl+C, SIGTERM or SIGHUP stop them all, and the
    temporary data folder goes too (unless `keep`, or the caller named the folder)."""
    temporary = data_dir is None
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="motcua-demo-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_stop)
    procs: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        return _run(port, lang, with_apps, data_dir, procs)
    except (KeyboardInterrupt, _Stop):
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # no second interruption mid-stop
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _stop_all(procs)
        if temporary and not keep:
            shutil.rmtree(data_dir, ignore_errors=True)
        elif temporary:
            print(f"data kept in {data_dir}", flush=True)


def _stop_all(procs: list[tuple[str, "subprocess.Popen[bytes]"]]) -> None:
    """SIGTERM to every child (apps first, the server last), then SIGKILL after 5 s."""
    for _, p in reversed(procs):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    end = time.monotonic() + 5
    for _, p in procs:
        try:
            p.wait(timeout=max(0.1, end - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _run(
    port: int,
    lang: str,
    with_apps: bool,
    data_dir: Path,
    procs: list[tuple[str, "subprocess.Popen[bytes]"]],
) -> int:
    t = prepare(f"sqlite:///{data_dir / 'demo.db'}")
    url = f"http://127.0.0.1:{port}"
    cli = [sys.executable, "-m", "motcua"]
    env = {**os.environ, "MOTCUA_CONFIG_DIR": str(data_dir / "devices")}
    server = subprocess.Popen([*cli, "serve", "--db", t["db"], "--port", str(port)], env=env)
    procs.append(("server", server))
    if not _wait_healthy(url, server):
        print("Máy chủ không khởi động được / the server did not start", file=sys.stderr)
        return 1
    started = [
        f"server        {url}   (API docs {url}/docs)",
        f"console       {url}/console/   (admin or giamsat, password {DEMO_PASSWORD})",
    ]
    if with_apps and not _has_screen():
        with_apps = False
        started.append("apps          not started: no screen here (DISPLAY/WAYLAND_DISPLAY unset;")
        started.append("              set QT_QPA_PLATFORM=offscreen to run them headless)")
    if with_apps:
        apps = [
            (
                "kiosk",
                "kiosk_app.main",
                [
                    "kiosk",
                    "--server",
                    url,
                    "--token",
                    t["kiosk"],
                    "--printer",
                    f"file://{data_dir / 'printer.bin'}",
                    "--no-fullscreen",
                    "--lang",
                    lang,
                ],
            ),
            (
                "hall display",
                "display_app.main",
                [
                    "display",
                    "--server",
                    url,
                    "--token",
                    t["display"],
                    "--mode",
                    "hall",
                    "--no-fullscreen",
                    "--lang",
                    lang,
                ],
            ),
            (
                "counter 1",
                "counter_app.main",
                ["counter", "--server", url, "--counter", "1", "--user", "canbo1", "--lang", lang],
            ),
            (
                "rating pad 1",
                "counter_app.main",
                [
                    "rating-pad",
                    "--server",
                    url,
                    "--token",
                    t["rating"],
                    "--counter",
                    "1",
                    "--no-fullscreen",
                    "--lang",
                    lang,
                ],
            ),
        ]
        for name, module, args in apps:
            if _available(module):
                procs.append((name, subprocess.Popen([*cli, *args], env=env)))
                started.append(f"{name:<13} window")
            else:
                started.append(f"{name:<13} (not installed in this build)")
    print("\nMotCua Queue demo — trung tâm mẫu / sample centre\n")
    for line in started:
        print("  " + line)
    print(f"\n  data          {data_dir}")
    print(f"  accounts      admin, giamsat, canbo1 … canbo21 — password {DEMO_PASSWORD}")
    print(f"  kiosk token   {t['kiosk']}")
    print(f"  display token {t['display']}")
    print(f"  rating token  {t['rating']} (counter 1)")
    print("\n  Ctrl+C stops everything.\n", flush=True)
    while server.poll() is None:
        time.sleep(0.5)
    return 0
