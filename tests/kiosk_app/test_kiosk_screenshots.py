"""Every kiosk screen as a PNG, for people to look at (not run by default).

    MOTCUA_SCREENSHOTS=/tmp/shots .venv/bin/python -m pytest \
        tests/kiosk_app/test_kiosk_screenshots.py -q

writes kiosk_<screen>_<lang>_<W>x<H>.png: Vietnamese and English at 1920×1080, the
portrait 1080×1920 of many kiosks, and the 1280×800 window of `./run demo`.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clientkit import i18n
from tests.kiosk_app.kiosk_helpers import WAIT_MS, reconfigure, take_number, tap, tap_corner

OUT = os.environ.get("MOTCUA_SCREENSHOTS")
pytestmark = pytest.mark.skipif(not OUT, reason="set MOTCUA_SCREENSHOTS=<dir> to write PNGs")


@pytest.mark.parametrize(
    ("lang", "size"),
    [
        ("vi", (1920, 1080)),
        ("en", (1920, 1080)),
        ("vi", (1080, 1920)),
        ("en", (1080, 1920)),
        ("vi", (1366, 768)),
        ("vi", (1280, 800)),
    ],
)
def test_screens(qtbot, live_server, make_kiosk, lang: str, size: tuple[int, int]) -> None:
    out = Path(str(OUT))
    out.mkdir(parents=True, exist_ok=True)
    kiosk = make_kiosk(size=size, state_refresh_s=0.5, printer_probe_s=0.5)
    w = kiosk.window
    if lang == "en":
        tap(qtbot, w.header.lang_button)
    w.controller.config.language = lang  # "Done" and idle keep this language

    def shot(name: str) -> None:
        qtbot.wait(150)  # let layouts settle
        w.grab().save(str(out / f"kiosk_{name}_{lang}_{size[0]}x{size[1]}.png"))

    admin = live_server.admin_token
    for sid, n in (("dat-dai", 7), ("tu-phap", 3), ("cu-tru-can-cuoc", 12), ("y-te", 1)):
        for _ in range(n):
            live_server.api("POST", "/tickets", admin, json={"service_id": sid})
    reconfigure(live_server, **{"cong-thuong": {"closed": True}})
    qtbot.waitUntil(lambda: not w.home.tile("cong-thuong").isEnabled(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.home.tile("dat-dai").subtitle().endswith("7"), timeout=WAIT_MS)
    shot("home")

    tap(qtbot, w.home.tile("dat-dai"))
    shot("procedures")
    tap(qtbot, w.procedures.list.buttons[1])
    shot("take")
    tap(qtbot, w.take.priority_button)
    shot("priority")
    tap(qtbot, w.priority.buttons["elderly"])
    qtbot.waitUntil(lambda: w.ticket.print_state == "printed", timeout=WAIT_MS)
    shot("ticket")

    tap(qtbot, w.ticket.done_button)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    kiosk.controller.config.printer_url = f"network://127.0.0.1:{closed_port}"
    take_number(qtbot, kiosk, "tu-phap", 2)
    qtbot.waitUntil(lambda: w.ticket.print_state == "failed", timeout=WAIT_MS)
    shot("print_failed")
    tap(qtbot, w.ticket.done_button)
    shot("home_printer_problem")
    kiosk.controller.config.printer_url = "dummy://"
    qtbot.waitUntil(lambda: not w.home.printer_banner.isVisible(), timeout=WAIT_MS)

    tap(qtbot, w.home.search_button)
    w.search.keyboard.type_text("dat dai")
    shot("search")
    tap(qtbot, w.search.keyboard.keys["clear"])
    w.search.keyboard.type_text("ho tich")
    shot("search_keyword")
    tap(qtbot, w.search.back_button)

    r = live_server.api(
        "POST", "/appointments", admin,
        json={"service_id": "cu-tru-can-cuoc", "slot_start": datetime.now(UTC).isoformat(),
              "code": "HEN2024"},
    )  # fmt: skip
    assert r.status_code == 201
    tap(qtbot, w.home.appointment_button)
    w.appointment.keyboard.type_text("HEN2024")
    shot("appointment")
    tap(qtbot, w.appointment.back_button)

    kiosk.config.set_pin("4321")  # the installer's (--admin-pin)
    tap_corner(qtbot, kiosk)
    w.pin.press("4")
    w.pin.press("3")
    shot("pin")
    w.pin.press("2")
    w.pin.press("1")
    w.pin.press("ok")
    qtbot.waitUntil(lambda: w.current() is w.settings, timeout=WAIT_MS)
    shot("settings")
    tap(qtbot, w.settings.rows["printer"])
    shot("settings_editor")
    tap(qtbot, w.settings.edit_cancel)
    tap(qtbot, w.settings.close_button)
    if i18n.language() != lang:
        tap(qtbot, w.header.lang_button)

    live_server.stop()
    qtbot.waitUntil(lambda: w.outage.isVisible(), timeout=WAIT_MS)
    shot("outage")
    live_server.start()
    qtbot.waitUntil(lambda: not w.outage.isVisible(), timeout=WAIT_MS)

    for _ in range(20):
        live_server.api("POST", "/tickets", live_server.kiosk_token, json={"service_id": "y-te"})
    tap(qtbot, w.home.tile("y-te"))
    tap(qtbot, w.procedures.list.buttons[0])
    tap(qtbot, w.take.take_button)
    qtbot.waitUntil(lambda: w.current() is w.message, timeout=WAIT_MS)
    shot("too_many")
