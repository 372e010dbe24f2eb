"""Appointment check-in: typed on the on-screen keys, or typed by a barcode scanner."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from tests.kiosk_app.kiosk_helpers import WAIT_MS, assert_touch_sized, tap, waiting_tickets


def _appointment(live_server, service_id: str, code: str | None = None) -> str:
    body = {"service_id": service_id, "slot_start": datetime.now(UTC).isoformat()}
    if code:
        body["code"] = code
    r = live_server.api("POST", "/appointments", live_server.login("giamsat"), json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["code"])


def test_code_typed_on_screen_or_by_a_scanner_gives_the_appointment_ticket(
    qtbot, live_server, kiosk
) -> None:
    w = kiosk.window
    # Someone is already waiting in that field.
    live_server.api("POST", "/tickets", live_server.admin_token, json={"service_id": "tu-phap"})
    code = _appointment(live_server, "tu-phap", "HEN2024")
    tap(qtbot, w.home.appointment_button)
    assert w.current() is w.appointment
    assert not w.appointment.submit_button.isEnabled()
    for ch in code:
        tap(qtbot, w.appointment.keyboard.keys[ch])
    assert w.appointment.code_edit.text() == "HEN2024"
    assert_touch_sized(w.appointment)
    tap(qtbot, w.appointment.submit_button)
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    assert w.ticket.field_label.text() == "Tư pháp"
    assert w.ticket.procedure_label.text() == "Lịch hẹn HEN2024"
    tickets = {t["appointment_code"]: t for t in waiting_tickets(live_server)}
    assert w.ticket.number_label.text() == tickets["HEN2024"]["number"]
    # The appointment's place in the queue is what the server says, and shown as such.
    r = live_server.api(
        "GET", f"/tickets/{tickets['HEN2024']['id']}", live_server.kiosk_token
    ).json()
    assert w.ticket.ahead_label.text() == f"Số người đang chờ trước bạn: {r['ahead']}"

    # A scanner is a keyboard: it types the code (any case) and presses Enter.
    code = _appointment(live_server, "dat-dai")
    tap(qtbot, w.ticket.done_button)
    tap(qtbot, w.home.appointment_button)
    assert w.appointment.code_edit.text() == ""
    qtbot.keyClicks(w.appointment.code_edit, code.lower())
    qtbot.keyClick(w.appointment.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.ticket.number_label.text() == "1001", timeout=WAIT_MS)
    assert [t["number"] for t in waiting_tickets(live_server) if t["appointment_code"] == code] == [
        "1001"
    ]


def test_wrong_code_says_why_and_lets_the_citizen_retype(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    tap(qtbot, w.home.appointment_button)
    w.appointment.keyboard.type_text("SAIMA99")
    tap(qtbot, w.appointment.submit_button)
    qtbot.waitUntil(lambda: w.current() is w.message, timeout=WAIT_MS)
    assert w.message.title.text() == "Chưa lấy được số"
    assert w.message.text.text() == "Mã lịch hẹn không đúng hoặc không phải hôm nay"
    tap(qtbot, w.message.retry_button)
    # What was typed is still there: one wrong letter is fixed, not the whole code.
    assert w.current() is w.appointment and w.appointment.code_edit.text() == "SAIMA99"
    assert w.appointment.submit_button.isEnabled()
    tap(qtbot, w.appointment.keyboard.keys["⌫"])
    assert w.appointment.code_edit.text() == "SAIMA9"
    assert waiting_tickets(live_server) == []
    # A new visit from the home screen starts empty (the next citizen's code).
    tap(qtbot, w.appointment.back_button)
    tap(qtbot, w.home.appointment_button)
    assert w.appointment.code_edit.text() == ""


def test_a_scanned_booking_qr_gives_its_code_whether_it_holds_the_code_or_a_link() -> None:
    from kiosk_app.ui.appointment import clean_code

    assert clean_code(" ab12-cd34\n") == "AB12-CD34"  # the phone's QR: the code itself
    for link in (
        "https://queue.test/api/v1/public/appointments/AB12CD34/qr.svg",
        "HTTPS://QUEUE.TEST/API/V1/PUBLIC/APPOINTMENTS/AB12CD34",  # typed through the upper
        "http://queue.test/api/v1/public/appointments/ab12cd34?site=trung-tam-tinh",
    ):
        assert clean_code(link) == "AB12CD34", link


def test_a_late_booking_gets_a_normal_number_and_the_kiosk_says_so(
    qtbot, live_server, kiosk
) -> None:
    """Past the slot's tolerance the server gives a normal number with a plain notice;
    the kiosk shows that notice with the number (a booking on time shows none)."""
    w = kiosk.window
    body = {
        "service_id": "tu-phap",
        "slot_start": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
        "code": "TRE2024",
    }
    r = live_server.api("POST", "/appointments", live_server.login("giamsat"), json=body)
    assert r.status_code == 201, r.text
    tap(qtbot, w.home.appointment_button)
    qtbot.keyClicks(w.appointment.code_edit, "TRE2024")
    qtbot.keyClick(w.appointment.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    assert w.ticket.notice_label.isVisible()
    assert "trễ" in w.ticket.notice_label.text()
    if shots := os.environ.get("MOTCUA_SCREENSHOT_DIR"):
        w.ticket.grab().save(f"{shots}/kiosk-late-booking.png")
    assert w.ticket.procedure_label.text() != "Lịch hẹn TRE2024"  # a normal number

    code = _appointment(live_server, "dat-dai")
    tap(qtbot, w.ticket.done_button)
    tap(qtbot, w.home.appointment_button)
    qtbot.keyClicks(w.appointment.code_edit, code)
    qtbot.keyClick(w.appointment.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.ticket.procedure_label.text() == f"Lịch hẹn {code}", timeout=WAIT_MS)
    assert not w.ticket.notice_label.isVisible()
