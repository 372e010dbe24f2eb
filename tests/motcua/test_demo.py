"""`motcua demo` starts a working centre and tells the user where everything is."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.live_server import ROOT, free_port


def test_demo_starts_a_sample_centre(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "motcua",
            "demo",
            "--no-apps",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        end = time.monotonic() + 60
        while time.monotonic() < end:
            line = proc.stdout.readline()
            lines.append(line)
            if "Ctrl+C" in line:
                break
        text = "".join(lines)
        assert f"http://127.0.0.1:{port}" in text and "canbo1" in text, text
        token = next(ln.split()[-1] for ln in lines if "kiosk token" in ln)
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/tickets",
            json={"service_id": "dat-dai"},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "demo-1"},
        )
        assert r.status_code == 201 and r.json()["number"] == "1001"
        login = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/login",
            json={"username": "canbo5", "password": "demo1234"},
        )
        assert login.status_code == 200
        console = next(ln.split()[1] for ln in lines if ln.strip().startswith("console"))
        assert console == f"http://127.0.0.1:{port}/console/"
        assert "admin" in text and "giamsat" in text
        assert httpx.get(console + "login").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
    assert proc.returncode == 0
