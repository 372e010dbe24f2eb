"""`motcua demo` stops everything it started on SIGTERM (the port is free again, no app
is left running) and removes its temporary data (unless --keep)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from motcua.install import InstallError, check_port_free
from tests.support.live_server import ROOT, free_port


@pytest.mark.parametrize("keep", [False, True])
def test_demo_stops_all_it_started(tmp_path: Path, keep: bool) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env["TMPDIR"] = str(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "motcua", "demo", "--port", str(port)]
        + (["--keep"] if keep else []),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    lines = []
    end = time.monotonic() + 90
    while time.monotonic() < end:
        lines.append(proc.stdout.readline())
        if "Ctrl+C" in lines[-1] or proc.poll() is not None:
            break
    text = "".join(lines)
    assert "Ctrl+C" in text, text
    assert "kiosk" in text and "window" in text, text
    time.sleep(2)  # the apps connect
    children = psutil.Process(proc.pid).children(recursive=True)
    assert len(children) >= 5, children  # the server and four apps
    proc.send_signal(signal.SIGTERM)
    rest = proc.communicate(timeout=20)[0]
    assert proc.returncode == 0, rest
    assert "Traceback" not in rest, rest
    gone, alive = psutil.wait_procs(children, timeout=1)
    assert alive == [], alive
    try:
        check_port_free("127.0.0.1", port)
    except InstallError as e:
        pytest.fail(str(e))
    left = list(tmp_path.glob("motcua-demo-*"))
    assert bool(left) == keep, left
