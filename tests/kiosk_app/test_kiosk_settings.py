"""Staff settings behind the admin PIN; citizens cannot leave the kiosk."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from clientkit.device_config import DeviceConfig
from kiosk_app.main import build
from kiosk_app.printing import decode
from kiosk_app.settings import Timings
from server.commands.context import Context
from server.commands.setup import set_device_pin
from server.domain.clock import SystemClock
from server.store.db import open_database
from tests.kiosk_app.kiosk_helpers import (
    TEST_TIMINGS,
    WAIT_MS,
    Kiosk,
    assert_touch_sized,
    close_kiosk,
    take_number,
    tap,
    tap_corner,
    wait_ready,
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

    kiosk.config.set_pin("4321")  # the installer's (--admin-pin)
    tap_corner(qtbot, kiosk)
    assert w.current() is w.pin
    assert w.pin.title.text() == "Nhập mã PIN quản trị"
    assert_touch_sized(w.pin)
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
    assert saved["paper_width_mm"] == 58 and "saved_on_kiosk" not in saved
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


def _launch(qtbot, live_server, tmp_path, monkeypatch, **given) -> Kiosk:
    """The kiosk as `motcua kiosk` builds it (kiosk_app.main.build), its kiosk.json in
    tmp_path; `given` = the command line's options (None or absent: not given)."""
    monkeypatch.setenv("MOTCUA_CONFIG_DIR", str(tmp_path / "cfg"))
    args = {"printer": None, "paper_mm": None, "language": None, **given}
    controller, window = build(
        live_server.url,
        live_server.kiosk_token,
        args.pop("printer"),
        args.pop("paper_mm"),
        args.pop("language"),
        Timings(**TEST_TIMINGS),
        **args,
    )
    kiosk = Kiosk(window, controller, controller.config)
    window.resize(1920, 1080)
    window.show()
    controller.start()
    wait_ready(qtbot, kiosk)
    return kiosk


def test_no_admin_pin_no_settings(qtbot, live_server, tmp_path, monkeypatch) -> None:
    """A new kiosk: five taps only say the installer must set a PIN; nothing to type,
    no settings, no way out of the app."""
    kiosk = _launch(qtbot, live_server, tmp_path, monkeypatch)
    try:
        w = kiosk.window
        assert not kiosk.config.has_pin
        tap_corner(qtbot, kiosk)
        assert w.current() is w.pin
        assert w.pin.title.text() == "Máy lấy số chưa có mã PIN quản trị"
        assert "--admin-pin" in w.pin.error.text()
        assert not any(key.isVisible() for key in w.pin.keys.values())
        w.pin.enter("1234")  # a passer-by's PIN is not taken
        assert w.current() is w.pin and not kiosk.config.has_pin
        assert not (tmp_path / "cfg" / "kiosk.json").exists()
        tap(qtbot, w.pin.cancel_button)
        assert w.current() is w.home
    finally:
        close_kiosk(kiosk)


def test_installer_pin_opens_settings_and_command_line_wins(
    qtbot, live_server, tmp_path, monkeypatch
) -> None:
    # Saved on the kiosk earlier: a USB printer, 58 mm paper, English.
    saved = DeviceConfig.load("kiosk", path=tmp_path / "cfg" / "kiosk.json")
    saved.printer_url, saved.paper_width_mm, saved.language = "usb://0x0416:0x5011", 58, "en"
    saved.save()
    printer = f"file://{tmp_path / 'printer.bin'}"
    kiosk = _launch(
        qtbot, live_server, tmp_path, monkeypatch, printer=printer, language="vi", admin_pin="2468"
    )
    try:
        w, cfg = kiosk.window, kiosk.config
        assert (cfg.printer_url, cfg.paper_width_mm, cfg.language) == (printer, 58, "vi")
        on_file = json.loads((tmp_path / "cfg" / "kiosk.json").read_text())
        assert on_file["printer_url"] == "usb://0x0416:0x5011"  # the file keeps its own
        assert on_file["admin_pin_hash"].startswith("pbkdf2_sha256$")
        assert "2468" not in json.dumps(on_file)
        tap_corner(qtbot, kiosk)
        assert w.pin.title.text() == "Nhập mã PIN quản trị"
        w.pin.enter("2468")
        assert w.current() is w.settings
        s = w.settings
        assert s.rows["printer"].subtitle() == f"{printer}  (dòng lệnh)"
        assert s.paper_label.text() == "Khổ giấy (đã lưu trên máy)"
        assert s.lang_label.text() == "Ngôn ngữ mặc định (dòng lệnh)"
        assert s.quit_button.isVisible()
        tap(qtbot, s.paper_buttons[80])
        tap(qtbot, s.lang_buttons["en"])
        tap(qtbot, s.save_button)
        # Saved and used now (English), but the command line says vi at the next start.
        assert kiosk.controller.config.language == "en"
        assert s.message.text() == (
            "Settings saved. At the next start the command line sets again: Default language"
        )
    finally:
        close_kiosk(kiosk)


def _server_pin(live_server, pin: str | None) -> None:
    """`motcua device set-pin kiosk-1`, on the live database."""
    ctx = Context(db=open_database(live_server.db_url), clock=SystemClock())
    try:
        set_device_pin(ctx, "kiosk-1", pin)
    finally:
        ctx.db.dispose()


def test_pin_kept_by_the_server_opens_settings(qtbot, live_server, tmp_path, monkeypatch) -> None:
    """Started without --admin-pin against a server that keeps one for it: that PIN
    opens the settings (and is kept on the kiosk, hashed, for a start while the server
    cannot be reached)."""
    _server_pin(live_server, "8642")
    kiosk = _launch(qtbot, live_server, tmp_path, monkeypatch)
    try:
        w = kiosk.window
        qtbot.waitUntil(lambda: kiosk.config.has_pin, timeout=WAIT_MS)
        tap_corner(qtbot, kiosk)
        assert w.pin.title.text() == "Nhập mã PIN quản trị"
        w.pin.enter("1234")
        assert w.current() is w.pin
        w.pin.enter("8642")
        assert w.current() is w.settings
        on_file = json.loads((tmp_path / "cfg" / "kiosk.json").read_text())
        assert on_file["admin_pin_hash"] == kiosk.config.admin_pin_hash
        assert "8642" not in json.dumps(on_file)
    finally:
        close_kiosk(kiosk)


def test_command_line_pin_wins_over_the_servers(qtbot, live_server, tmp_path, monkeypatch) -> None:
    _server_pin(live_server, "8642")
    kiosk = _launch(qtbot, live_server, tmp_path, monkeypatch, admin_pin="2468")
    try:
        w = kiosk.window
        kiosk.controller.link.whoami()  # answered after the one of the start
        qtbot.wait(500)
        tap_corner(qtbot, kiosk)
        w.pin.enter("8642")
        assert w.current() is w.pin
        w.pin.enter("2468")
        assert w.current() is w.settings
    finally:
        close_kiosk(kiosk)
