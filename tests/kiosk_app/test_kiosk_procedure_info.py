"""The kiosk's "Xem thông tin thủ tục" (issue 14): from a chosen procedure, the documents
to bring, the fee, the time for the result, and the national portal's page as a QR, in
Vietnamese and English, every button a finger's size; the number can be taken from there.
A procedure the centre gave no information for offers no such button. Grabs to
$MOTCUA_SCREENSHOT_DIR (e.g. /tmp/shots/kiosk), else the test's tmp dir."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from motcua.demo import SAMPLE
from server.centre import load_centre_file
from tests.kiosk_app.kiosk_helpers import WAIT_MS, assert_touch_sized, tap, waiting_tickets


def procedure_index(kiosk: Any, service_id: str, procedure_id: str) -> int:
    field = kiosk.controller.field(service_id)
    return [p.id for p in field.info.procedures].index(procedure_id)


def choose(qtbot: Any, kiosk: Any, service_id: str, procedure_id: str) -> None:
    w = kiosk.window
    tap(qtbot, w.home.tile(service_id))
    qtbot.waitUntil(lambda: w.current() is w.procedures, timeout=WAIT_MS)
    tap(qtbot, w.procedures.list.buttons[procedure_index(kiosk, service_id, procedure_id)])
    qtbot.waitUntil(lambda: w.current() is w.take, timeout=WAIT_MS)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_what_to_bring_in_both_languages_then_take_the_number(
    qtbot: Any, live_server: Any, make_kiosk: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    out = Path(os.environ.get("MOTCUA_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    kiosk = make_kiosk(size=size)
    w = kiosk.window
    wanted = next(
        p for p in load_centre_file(SAMPLE).service("tu-phap").procedures if p.id == "tu-phap-03"
    )
    choose(qtbot, kiosk, "tu-phap", "tu-phap-03")
    assert w.take.info_button.text().endswith("Xem thông tin thủ tục")
    assert_touch_sized(w.take)
    qtbot.wait(150)
    w.grab().save(str(out / f"kiosk_take_with_info_vi_{size[0]}x{size[1]}.png"))
    tap(qtbot, w.take.info_button)
    qtbot.waitUntil(lambda: w.current() is w.info, timeout=WAIT_MS)
    info = w.info
    assert info.title.text() == "Đăng ký khai sinh có yếu tố nước ngoài"
    assert info.field_label.text() == "Tư pháp"
    assert info.documents_title.text() == "Thành phần hồ sơ cần mang"
    assert info.documents_text() == wanted.documents
    assert (info.fee.text(), info.result.text()) == (wanted.fee, wanted.result_time)
    assert info.qr.data() == wanted.portal_url and info.qr_box.isVisible()
    assert not info.none.isVisible()
    assert_touch_sized(info)
    qtbot.wait(150)
    w.grab().save(str(out / f"kiosk_procedure_info_vi_{size[0]}x{size[1]}.png"))

    tap(qtbot, w.header.lang_button)
    qtbot.waitUntil(lambda: info.documents_title.text() == "Documents to bring", timeout=WAIT_MS)
    assert info.take_button.text() == "TAKE A NUMBER"
    assert info.field_label.text() == "Justice"
    assert "National Public Service Portal" in info.qr_caption.text()
    qtbot.wait(150)
    w.grab().save(str(out / f"kiosk_procedure_info_en_{size[0]}x{size[1]}.png"))

    before = len(waiting_tickets(live_server))
    tap(qtbot, info.take_button)
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    tickets = waiting_tickets(live_server)
    assert len(tickets) == before + 1
    assert tickets[-1]["procedure_id"] == "tu-phap-03"


def test_a_procedure_without_information_offers_none(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk()
    w = kiosk.window
    choose(qtbot, kiosk, "xay-dung", "xay-dung-02")
    assert not w.take.info_button.isVisible()
    tap(qtbot, w.take.back_button)
    qtbot.waitUntil(lambda: w.current() is w.procedures, timeout=WAIT_MS)
    tap(qtbot, w.procedures.back_button)
    choose(qtbot, kiosk, "tu-phap", "tu-phap-02")  # a fee and a time, no portal link
    tap(qtbot, w.take.info_button)
    qtbot.waitUntil(lambda: w.current() is w.info, timeout=WAIT_MS)
    assert not w.info.qr_box.isVisible() and w.info.fee.isVisible()
    tap(qtbot, w.info.back_button)
    qtbot.waitUntil(lambda: w.current() is w.take, timeout=WAIT_MS)
