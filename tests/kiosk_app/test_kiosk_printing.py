"""A failed print keeps the ticket on screen, tells supervisors, and the next one retries."""

from __future__ import annotations

import socket

import zxingcpp
from PIL import Image

from kiosk_app.printing import decode
from tests.kiosk_app.kiosk_helpers import WAIT_MS, take_number, tap, waiting_tickets


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once closed


def _printers(live_server) -> list[dict]:
    r = live_server.api("GET", "/stats/today", live_server.login("giamsat"))
    assert r.status_code == 200, r.text
    return list(r.json()["printers"])


def test_printed_ticket_bytes_hold_the_number_and_the_tracking_qr(
    qtbot, live_server, kiosk, tmp_path
) -> None:
    w = kiosk.window
    take_number(qtbot, kiosk, "y-te")
    # The QR code on the screen scans to the ticket's tracking page.
    w.ticket.qr.grab().save(str(tmp_path / "screen-qr.png"))
    [on_screen] = zxingcpp.read_barcodes(Image.open(tmp_path / "screen-qr.png").convert("L"))
    assert on_screen.text == w.ticket.qr.data()
    qtbot.waitUntil(lambda: w.ticket.print_state == "printed", timeout=WAIT_MS)
    assert w.ticket.print_label.text() == "Mời nhận phiếu ở khe máy in bên dưới"
    [outcome] = kiosk.prints
    image = decode(outcome.data or b"").image()
    assert image is not None and image.width == 576  # 80 mm paper
    [qr] = zxingcpp.read_barcodes(image.convert("L"))
    assert qr.text == w.ticket.qr.data()
    assert [p["error"] for p in _printers(live_server)] == [None]


def test_failing_printer_keeps_ticket_on_screen_and_alerts_supervisors(
    qtbot, live_server, make_kiosk
) -> None:
    kiosk = make_kiosk(printer=f"network://127.0.0.1:{_closed_port()}")
    w = kiosk.window
    take_number(qtbot, kiosk, "dat-dai")
    qtbot.waitUntil(lambda: w.ticket.print_state == "failed", timeout=WAIT_MS)
    # The citizen still has the number and the QR code, and is told what to do.
    assert w.ticket.number_label.text() == "1001"
    assert w.ticket.qr.isVisible() and w.ticket.qr.data().startswith(live_server.url + "/t/")
    assert "chưa in được phiếu" in w.ticket.print_label.text()
    assert w.idle_timeout_s() == kiosk.controller.timings.ticket_failed_home_s
    # Supervisors see the printer alarm.
    qtbot.waitUntil(lambda: _printers(live_server)[0]["error"] is not None, timeout=WAIT_MS)
    [printer] = _printers(live_server)
    assert printer["device"] == "kiosk-1" and printer["error"].startswith("offline")
    [ticket] = waiting_tickets(live_server)
    assert ticket["number"] == "1001"  # a failed print never loses the ticket
    # Paper back in: the next ticket prints and clears the alarm.
    tap(qtbot, w.ticket.done_button)
    kiosk.controller.config.printer_url = "dummy://"
    take_number(qtbot, kiosk, "dat-dai")
    qtbot.waitUntil(lambda: w.ticket.print_state == "printed", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _printers(live_server)[0]["error"] is None, timeout=WAIT_MS)
