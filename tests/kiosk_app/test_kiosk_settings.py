"""Staff settings behind the admin PIN; citizens cannot leave the kiosk."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from kiosk_app.printing import decode
from tests.kiosk_app.kiosk_helpers import (
    WAIT_MS,
    assert_touch_sized,
    take_number,
    tap,
    tap_corner,
)


def _type(qtbot, kiosk, row: str, text: str) -> None:
    s = kiosk.window.settings
    tap(qtbot, s.rows[row])
    assert s.pages.currentWidget() is s.editor
    assert_touch_sized(s.editor)
    tap(qtbot, s.keyboard.keys["clear"])
    s.keyboard.type_text(text)
    tap(qtbot, s.edit_done)


def test_pin_then_settings_saved_and_used(qtbot, live_server, kiosk, tmp_path) -> None:
    w = kiosk.window
    w.close()  # Alt+F4 and the like
    assert w.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.isVisible() and w.current() is w.home

    tap_corner(qtbot, kiosk)
    assert w.current() is w.pin
    assert w.pin.title.text() == "Đặt mã PIN quản trị mới (4–12 chữ số)"  # first start
    assert_touch_sized(w.pin)
    w.pin.enter("4321")
    assert w.pin.title.text() == "Nhập lại mã PIN mới"
    w.pin.enter("4321")
    assert w.current() is w.settings
    s = w.settings
    assert s.rows["server"].subtitle() == live_server.url
    assert s.rows["printer"].subtitle() == "dummy://"
    assert_touch_sized(s.overview)
    assert "Đã kết nối" in s.status.text()

    # A wrong address is refused before anything is applied.
    _type(qtbot, kiosk, "server", "ftp:/nowhere")
    tap(qtbot, s.save_button)
    assert s.message.text().startswith("Cài đặt chưa hợp lệ")
    _type(qtbot, kiosk, "server", live_server.url)
    printer_file = tmp_path / "printer.bin"
    _type(qtbot, kiosk, "printer", f"file://{printer_file}")
    tap(qtbot, s.paper_buttons[58])
    tap(qtbot, s.save_button)
    assert s.message.text() == "Đã lưu cài đặt"
    saved = json.loads(kiosk.config.path.read_text())
    assert saved["printer_url"] == f"file://{printer_file}"
    assert saved["paper_width_mm"] == 58 and saved["saved_on_kiosk"] is True
    assert saved["admin_pin_hash"].startswith("pbkdf2_sha256$")
    tap(qtbot, s.test_button)
    qtbot.waitUntil(lambda: s.message.text() == "In thử thành công", timeout=WAIT_MS)
    tap(qtbot, s.close_button)
    assert w.current() is w.home

    printer_file.unlink()
    take_number(qtbot, kiosk, "dat-dai")
    qtbot.waitUntil(lambda: w.ticket.print_state == "printed", timeout=WAIT_MS)
    image = decode(printer_file.read_bytes()).image()
    assert image is not None and image.width == 384  # 58 mm paper now


def test_wrong_pins_lock_the_pad(qtbot, kiosk) -> None:
    w = kiosk.window
    kiosk.config.set_pin("2468")
    tap_corner(qtbot, kiosk)
    assert w.pin.title.text() == "Nhập mã PIN quản trị"
    tap_corner(qtbot, kiosk, times=2)  # fewer taps do nothing more
    w.pin.enter("1111")
    assert w.pin.error.text() == "Mã PIN không đúng" and w.current() is w.pin
    for _ in range(4):
        w.pin.enter("1111")
    assert w.pin.error.text().startswith("Nhập sai nhiều lần")
    w.pin.enter("2468")  # locked: even the right PIN waits
    assert w.current() is w.pin
    qtbot.waitUntil(lambda: w.pin.error.text() == "", timeout=WAIT_MS)
    for key in "2468":
        tap(qtbot, w.pin.keys[key])
    tap(qtbot, w.pin.keys["ok"])
    assert w.current() is w.settings
    tap(qtbot, w.settings.close_button)
    assert w.current() is w.home


def test_bad_token_is_explained_and_fixed_from_settings(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    kiosk.config.set_pin("2468")
    tap_corner(qtbot, kiosk)
    w.pin.enter("2468")
    _type(qtbot, kiosk, "token", "not-a-real-token")
    tap(qtbot, w.settings.save_button)
    tap(qtbot, w.settings.close_button)
    qtbot.waitUntil(
        lambda: w.outage.isVisible() and w.outage.title.text() == "Máy lấy số chưa được cấp quyền",
        timeout=WAIT_MS,
    )
    # The hidden corner still works over that screen.
    tap_corner(qtbot, kiosk)
    w.pin.enter("2468")
    _type(qtbot, kiosk, "token", live_server.kiosk_token)
    tap(qtbot, w.settings.save_button)
    tap(qtbot, w.settings.close_button)
    qtbot.waitUntil(
        lambda: not w.outage.isVisible() and kiosk.controller.connection == "online",
        timeout=WAIT_MS,
    )
    take_number(qtbot, kiosk, "dat-dai")
    assert w.ticket.number_label.text() == "1001"
