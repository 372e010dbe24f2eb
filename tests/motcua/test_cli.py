"""The `motcua` command as an installer uses it, in a subprocess."""

import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

from protocol.pin import verify_pin
from tests.support.live_server import ROOT, free_port

SAMPLE = ROOT / "deploy" / "sample-centre.yaml"


def motcua(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "motcua", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_install_a_centre(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.db'}"
    first = motcua("init", "--db", db, "--config", str(SAMPLE))
    assert first.returncode == 0, first.stderr
    assert "created" in first.stdout and "21 counters" in first.stdout
    again = motcua("init", "--db", db, "--config", str(SAMPLE))
    assert again.returncode == 0 and "unchanged" in again.stdout
    r = motcua(
        "user",
        "add",
        "lan",
        "--role",
        "clerk",
        "--password-stdin",
        "--db",
        db,
        stdin="mat-khau-an-toan\n",
    )
    assert r.returncode == 0, r.stderr
    short = motcua(
        "user", "add", "x", "--role", "clerk", "--password-stdin", "--db", db, stdin="123\n"
    )
    assert short.returncode != 0 and "8" in short.stderr
    dev = motcua(
        "device", "add", "kiosk-sanh-a", "--role", "kiosk", "--admin-pin", "1234", "--db", db
    )
    assert dev.returncode == 0
    token = dev.stdout.strip()
    assert len(token) >= 40
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "motcua", "serve", "--db", db, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        login = httpx.post(
            base + "/api/v1/auth/login", json={"username": "lan", "password": "mat-khau-an-toan"}
        )
        assert login.json()["role"] == "clerk"
        me = httpx.get(base + "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["name"] == "kiosk-sanh-a"
        # The kiosk's admin PIN, kept by the server: only its hash reaches the kiosk.
        assert verify_pin("1234", me.json()["admin_pin_hash"])
        pin = motcua("device", "set-pin", "kiosk-sanh-a", "--pin-stdin", "--db", db, stdin="5678\n")
        assert pin.returncode == 0, pin.stderr
        me = httpx.get(base + "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert verify_pin("5678", me.json()["admin_pin_hash"])
        listed = motcua("device", "list", "--db", db)
        assert "PIN set" in listed.stdout
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_bad_centre_file_is_explained(tmp_path: Path) -> None:
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    raw["counters"][0]["services"] = ["khong-ton-tai"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    r = motcua("init", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--config", str(bad))
    assert r.returncode == 2 and "khong-ton-tai" in r.stderr


def test_centre_with_1500_procedures(tmp_path: Path) -> None:
    raw = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for svc in raw["services"]:
        svc["procedures"] = [
            {"id": f"{svc['id']}-{j:03d}", "name": f"Thủ tục số {j} của {svc['name']}"}
            for j in range(1, 90)
        ]
    total = sum(len(s["procedures"]) for s in raw["services"])
    assert total >= 1500
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    r = motcua("init", "--db", f"sqlite:///{tmp_path / 'big.db'}", "--config", str(big))
    assert r.returncode == 0, r.stderr
    assert f"{total} procedures" in r.stdout


def test_kiosk_launcher_passes_only_what_was_given(monkeypatch) -> None:
    """Options left out reach the kiosk as None (it then uses what was saved on it),
    and the log can say which values came from the environment."""
    from typer.testing import CliRunner

    import kiosk_app.main
    from motcua.cli import app

    calls: list[dict] = []
    monkeypatch.setattr(kiosk_app.main, "run", lambda **kw: calls.append(kw) or 0)
    env = {"MOTCUA_TOKEN": "tok", "MOTCUA_ADMIN_PIN": "2468", "MOTCUA_ENV_FILE": "/nonexistent"}
    args = ["kiosk", "--server", "http://10.0.0.5:8000", "--printer", "network://10.0.0.9"]
    r = CliRunner().invoke(app, args, env=env)
    assert r.exit_code == 0, r.output
    assert calls == [
        {
            "server": "http://10.0.0.5:8000",
            "token": "tok",
            "printer": "network://10.0.0.9",
            "paper_mm": None,
            "fullscreen": True,
            "language": None,
            "admin_pin": "2468",
            "labels": {"token": "MOTCUA_TOKEN", "admin_pin_hash": "MOTCUA_ADMIN_PIN"},
        }
    ]
