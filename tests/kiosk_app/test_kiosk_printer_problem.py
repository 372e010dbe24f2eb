"""The printer is out of paper or off line: the home screen says so at once, the
supervisors are told, and the centre chooses whether the kiosk keeps issuing (the
ticket on screen with its QR) or stops with a clear message."""

from __future__ import annotations

from kiosk_app.printing import decode
from tests.kiosk_app.kiosk_helpers import (
    WAIT_MS,
    reconfigure,
    take_number,
    tap,
    waiting_tickets,
)
from tests.kiosk_app.printing.printing_fakes import (
    CAUSE_NONE,
    ONLINE,
    PAPER_OK,
    PAPER_OUT,
    FakePrinter,
    free_port,
)


def _printers(live_server) -> list[dict]:
    r = live_server.api("GET", "/stats/today", live_server.login("giamsat"))
    assert r.status_code == 200, r.text
    return list(r.json()["printers"])


def test_out_of_paper_read_before_printing_shows_on_home_and_tickets_stay_on_screen(
    qtbot, live_server, make_kiosk
) -> None:
    with FakePrinter(status={1: ONLINE, 2: CAUSE_NONE, 4: PAPER_OUT}) as printer:
        kiosk = make_kiosk(printer=printer.url, printer_probe_s=0.3)
        w = kiosk.window
        take_number(qtbot, kiosk, "dat-dai")
        qtbot.waitUntil(lambda: w.ticket.print_state == "failed", timeout=WAIT_MS)
        # Nothing was printed: the status said "no paper" before any ticket byte.
        assert decode(printer.received).image() is None
        # The citizen is told plainly that no paper came out, and keeps number and QR.
        assert w.ticket.print_label.text().startswith("Máy in hết giấy nên KHÔNG có phiếu giấy")
        assert w.ticket.number_label.text() == "1001" and w.ticket.qr.isVisible()
        # Supervisors see it.
        qtbot.waitUntil(lambda: _printers(live_server)[0]["error"] is not None, timeout=WAIT_MS)
        assert _printers(live_server)[0]["error"].startswith("paper-out")
        # The home screen says it at once, before the next citizen chooses anything.
        tap(qtbot, w.ticket.done_button)
        assert w.current() is w.home and w.home.printer_banner.isVisible()
        assert w.home.printer_banner.text().startswith("Máy in đã hết giấy")
        assert "hiện trên màn hình" in w.home.printer_banner.text()
        tap(qtbot, w.header.lang_button)
        assert w.home.printer_banner.text().startswith("The printer is out of paper")
        tap(qtbot, w.header.lang_button)
        # The centre chose "screen" (the default): numbers keep coming, on screen.
        take_number(qtbot, kiosk, "dat-dai")
        assert w.ticket.number_label.text() == "1002"
        qtbot.waitUntil(lambda: w.ticket.print_state == "failed", timeout=WAIT_MS)
        tap(qtbot, w.ticket.done_button)
        # Paper back in: the kiosk notices by itself and the banner goes.
        printer.status[4] = PAPER_OK
        qtbot.waitUntil(lambda: not w.home.printer_banner.isVisible(), timeout=WAIT_MS)
        assert kiosk.controller.printer_problem is None


def test_centre_that_stops_issues_nothing_while_the_printer_is_down(
    qtbot, live_server, make_kiosk
) -> None:
    reconfigure(live_server, centre={"kiosk_when_printer_fails": "stop"})
    kiosk = make_kiosk(printer=f"network://127.0.0.1:{free_port()}", printer_probe_s=0.3)
    w, c = kiosk.window, kiosk.controller
    qtbot.waitUntil(
        lambda: c.catalog is not None and c.catalog.kiosk_when_printer_fails == "stop",
        timeout=WAIT_MS,
    )
    # The background check finds the printer off line before any citizen comes.
    banner = w.home.printer_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=WAIT_MS)
    assert "tạm ngừng cấp số" in banner.text()
    # A touch on a field explains why instead of issuing a number nobody can hold.
    tap(qtbot, w.home.tile("tu-phap"))
    assert w.current() is w.message
    assert w.message.title.text() == "Tạm ngừng cấp số"
    assert "Máy in đang gặp sự cố" in w.message.text.text()
    assert not w.message.retry_button.isVisible()
    tap(qtbot, w.message.home_button)
    tap(qtbot, w.home.appointment_button)
    assert w.current() is w.message
    tap(qtbot, w.message.home_button)
    assert waiting_tickets(live_server) == []
    qtbot.waitUntil(lambda: _printers(live_server)[0]["error"] is not None, timeout=WAIT_MS)
    assert _printers(live_server)[0]["error"].startswith("offline")
    # The printer works again: the banner goes and numbers come again.
    c.config.printer_url = "dummy://"
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)
    take_number(qtbot, kiosk, "tu-phap")
    qtbot.waitUntil(lambda: w.ticket.print_state == "printed", timeout=WAIT_MS)


def test_paper_out_found_by_the_background_check_reaches_the_supervisors(
    qtbot, live_server, make_kiosk
) -> None:
    """Before any ticket: the probe reads "no paper", the home screen says so and the
    supervisors see it (stats and devices); paper back in, the alarm goes by itself."""
    with FakePrinter(status={1: ONLINE, 2: CAUSE_NONE, 4: PAPER_OUT}) as printer:
        kiosk = make_kiosk(printer=printer.url, printer_probe_s=0.3)
        w = kiosk.window
        qtbot.waitUntil(lambda: w.home.printer_banner.isVisible(), timeout=WAIT_MS)
        assert w.home.printer_banner.text().startswith("Máy in đã hết giấy")
        qtbot.waitUntil(lambda: _printers(live_server)[0]["error"] is not None, timeout=WAIT_MS)
        [alarm] = _printers(live_server)
        assert alarm["device"] == "kiosk-1" and alarm["error"].startswith("paper-out")
        r = live_server.api("GET", "/devices", live_server.login("admin"))
        [dev] = [d for d in r.json() if d["name"] == "kiosk-1"]
        assert dev["printer_error"] == alarm["error"]
        assert waiting_tickets(live_server) == [] and decode(printer.received).image() is None
        # Reported on a change only: further checks say the same and send nothing.
        qtbot.wait(1000)
        assert _printers(live_server)[0]["at"] == alarm["at"]
        printer.status[4] = PAPER_OK
        qtbot.waitUntil(lambda: not w.home.printer_banner.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: _printers(live_server)[0]["error"] is None, timeout=WAIT_MS)
