"""The README's "Installing a centre" block, run verbatim in a fresh folder.

Only what needs root on a real machine is stood in for: `sudo` runs its command as the
current user, `useradd`, `chown` and `systemctl` only say what they would do, and the
paths /var/lib/motcua and /etc/motcua live under a temporary root (MOTCUA_ENV_FILE names
the env file there: on a real box it is /etc/motcua/motcua.env, the default). The GUI
launchers run with --help; `serve` runs in the background until it answers.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.databases import fresh_database
from tests.support.live_server import ROOT, free_port

MARKER = "<!-- installer-test"
PRELUDE = """
set -o pipefail
sudo() { if [ "$1" = -u ]; then shift 2; fi; "$@"; }
useradd() { echo "(test) useradd $*"; }
chown() { echo "(test) chown $*"; }
systemctl() { echo "(test) systemctl $*"; }
motcua() { "$MOTCUA_PYTHON" -m motcua "$@"; }
"""
LAUNCHERS = ("motcua kiosk", "motcua counter", "motcua rating-pad", "motcua display")


def readme_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text[text.index(MARKER) :]
    block = re.search(r"```bash\n(.*?)```", after, re.S)
    assert block is not None
    return [ln for ln in block.group(1).replace("\\\n", " ").splitlines() if ln.strip()]


def localise(line: str, root: Path, port: int, db_url: str | None) -> str:
    if db_url:
        line = line.replace("sqlite:////var/lib/motcua/motcua.db", db_url)
    line = line.replace("/var/lib/motcua", f"{root}/var/lib/motcua")
    line = line.replace("/etc/motcua", f"{root}/etc/motcua")
    return line.replace("0.0.0.0", "127.0.0.1").replace("--port 8000", f"--port {port}")


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_readme_install_runs_verbatim(kind: str, tmp_path: Path) -> None:
    with fresh_database(kind, tmp_path) as url:
        run_readme(tmp_path, None if kind == "sqlite" else url)


def run_readme(tmp_path: Path, db_url: str | None) -> None:
    root, cwd = tmp_path / "root", tmp_path / "somewhere"
    root.mkdir()
    cwd.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env.update(
        MOTCUA_PYTHON=sys.executable,
        PYTHONPATH=str(ROOT),
        MOTCUA_ENV_FILE=f"{root}/etc/motcua/motcua.env",
        QT_QPA_PLATFORM="offscreen",
    )
    outputs: dict[str, str] = {}
    for raw in readme_block():
        line = localise(raw, root, port, db_url)
        if line.startswith(LAUNCHERS):
            line += " --help"
        if " serve " in line:
            check_serve(line, env, cwd, port, outputs)
            continue
        r = subprocess.run(
            ["bash", "-c", PRELUDE + line],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 0, f"{raw}\n{r.stdout}\n{r.stderr}"
        assert "Traceback" not in r.stdout + r.stderr, raw
        outputs[raw] = r.stdout
    assert list(cwd.iterdir()) == [], "a step wrote into the current folder"
    if db_url is None:
        assert (root / "var/lib/motcua/motcua.db").is_file()
    listed = next(v for k, v in outputs.items() if k.endswith("user list"))
    assert "lan" in listed and "quantri" in listed


def check_serve(line: str, env: dict[str, str], cwd: Path, port: int, out: dict) -> None:
    kiosk = next(v for k, v in out.items() if "device add kiosk-sanh-a" in k).strip()
    proc = subprocess.Popen(
        ["bash", "-c", PRELUDE + line],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            assert proc.poll() is None, proc.communicate()[0]
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        login = httpx.post(
            base + "/api/v1/auth/login",
            json={"username": "lan", "password": "mật-khẩu-đủ-dài"},
        )
        assert login.status_code == 200 and login.json()["role"] == "clerk"
        me = httpx.get(base + "/api/v1/auth/me", headers={"Authorization": f"Bearer {kiosk}"})
        assert me.json()["name"] == "kiosk-sanh-a"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        log = proc.communicate(timeout=10)[0]
    assert "Traceback" not in log, log
