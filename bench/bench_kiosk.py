#!/usr/bin/env python3
"""Kiosk: time from a press of "LẤY SỐ" to the printer's bytes being ready.

The real kiosk window (offscreen Qt) against a real server process (SQLite, the bench
centre), printing to `dummy://`: each sample is one tap on the take button until the
print worker hands back the ESC/POS job. That covers the HTTP round trip with its
Idempotency-Key, showing the ticket, rendering the 1-bit ticket with its QR code and
building the raster job. Target: median under 150 ms. Prints one JSON line:

{"bench": "kiosk_take_to_print", "median_ms": …, "p99_ms": …, "issue_median_ms": …,
 "print_median_ms": …, "n": 60, "target_ms": 150, "ok": true}

Run: .venv/bin/python bench/bench_kiosk.py [-n 60]
The centre allows 20 tickets a minute per kiosk, so the bench rotates kiosk tokens.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MOTCUA_CONFIG_DIR", tempfile.mkdtemp(prefix="motcua-bench-kiosk-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from bench.lib.report import emit, latency_ms, note  # noqa: E402
from bench.lib.server import BenchServer  # noqa: E402
from clientkit.device_config import DeviceConfig  # noqa: E402
from clientkit.qtapp import make_app  # noqa: E402
from kiosk_app import strings  # noqa: E402
from kiosk_app.service.controller import KioskController  # noqa: E402
from kiosk_app.service.print_runner import PrintOutcome  # noqa: E402
from kiosk_app.settings import Timings  # noqa: E402
from kiosk_app.ui.window import KioskWindow  # noqa: E402

TARGET_MS = 150
PER_TOKEN = 19  # under the centre's 20 tickets a minute per kiosk


def wait_until(app, cond: Callable[[], bool], timeout_s: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + timeout_s
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError("the kiosk did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    total = args.n + args.warmup
    app = make_app(quit_on_sigint=False)
    strings.register()
    with BenchServer("sqlite", kiosks=-(-total // PER_TOKEN)) as srv:
        config = DeviceConfig(
            server_url=srv.url, token=srv.kiosk_tokens[0], printer_url="dummy://",
            path=Path(tempfile.mkdtemp()) / "kiosk.json",
        )  # fmt: skip
        timings = Timings(ticket_home_s=600, idle_home_s=600, outage_grace_s=0.5)
        controller = KioskController(config, timings)
        window = KioskWindow(controller)
        window.resize(1920, 1080)
        window.show()
        controller.start()
        wait_until(app, lambda: controller.ready and controller.connection == "online", 60)
        fields = [f.id for f in controller.fields()]
        issued_at: list[float] = []
        outcomes: list[tuple[float, PrintOutcome]] = []
        controller.issued.connect(lambda _t: issued_at.append(time.perf_counter()))
        controller.print_finished.connect(lambda o: outcomes.append((time.perf_counter(), o)))
        samples: list[tuple[float, float, float]] = []
        note(f"kiosk bench: {total} presses against {srv.url}")
        for i in range(total):
            controller.link.api.token = srv.kiosk_tokens[i // PER_TOKEN]
            window.flow.choose_field(fields[i % len(fields)])
            if window.current() is window.procedures:
                QTest.mouseClick(window.procedures.list.buttons[0], Qt.MouseButton.LeftButton)
            wait_until(app, lambda: window.current() is window.take)
            done = len(outcomes)
            pressed = time.perf_counter()
            QTest.mouseClick(window.take.take_button, Qt.MouseButton.LeftButton)
            wait_until(app, lambda n=done: len(outcomes) > n)  # type: ignore[misc]
            finished, outcome = outcomes[-1]
            if not (outcome.ok and outcome.data):
                raise RuntimeError(f"print failed: {outcome}")
            if i >= args.warmup:
                samples.append((finished - pressed, issued_at[-1] - pressed, outcome.elapsed_s))
            window.flow.go_home()
        window.may_close = True
        controller.stop()
        window.close()
    total_s = [s[0] for s in samples]
    median_ms = statistics.median(total_s) * 1000
    emit(
        {
            "bench": "kiosk_take_to_print",
            "median_ms": round(median_ms, 2),
            **{k: v for k, v in latency_ms(total_s).items() if k != "p50_ms"},
            "issue_median_ms": round(statistics.median(s[1] for s in samples) * 1000, 2),
            "print_median_ms": round(statistics.median(s[2] for s in samples) * 1000, 2),
            "n": len(samples),
            "target_ms": TARGET_MS,
            "ok": median_ms < TARGET_MS,
        }
    )


if __name__ == "__main__":
    main()
