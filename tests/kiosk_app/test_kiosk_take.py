"""A citizen takes a number: field → procedure → "Lấy số", with or without priority."""

from __future__ import annotations

from clientkit import i18n
from kiosk_app.printing import decode
from tests.kiosk_app.kiosk_helpers import (
    WAIT_MS,
    assert_touch_sized,
    take_number,
    tap,
    waiting_tickets,
)


def test_home_shows_every_field_with_waiting_counts_and_takes_a_number(
    qtbot, live_server, kiosk
) -> None:
    w = kiosk.window
    assert w.header.name_label.text() == "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng"
    assert len(w.home.tiles) == 17
    land = w.home.tile("dat-dai")
    assert (land.text(), land.subtitle()) == ("Đất đai", "Đang chờ: 0")
    # Nothing to scroll: every tile lies inside the home screen.
    for tile in w.home.tiles.values():
        assert tile.isVisible() and tile.height() >= 64
        bottom = tile.mapTo(w.home, tile.rect().bottomRight())
        assert bottom.y() <= w.home.height() and bottom.x() <= w.home.width()
    assert_touch_sized(w)  # home and header

    take_number(qtbot, kiosk, "dat-dai", procedure_index=1)

    assert_touch_sized(w.ticket)
    assert w.ticket.number_label.text() == "1001"
    assert w.ticket.field_label.text() == "Đất đai"
    assert w.ticket.procedure_label.text() == "Cấp đổi Giấy chứng nhận quyền sử dụng đất"
    assert w.ticket.ahead_label.text() == "Số người đang chờ trước bạn: 0"
    assert w.ticket.qr.data().startswith(live_server.url + "/t/")
    [ticket] = waiting_tickets(live_server)
    assert (ticket["number"], ticket["service_id"], ticket["procedure_id"], ticket["priority"]) == (
        "1001",
        "dat-dai",
        "dat-dai-02",
        None,
    )
    # The printed ticket carries the same number's tracking QR (dummy:// printer).
    qtbot.waitUntil(lambda: w.ticket.print_state == "printed", timeout=WAIT_MS)
    [outcome] = kiosk.prints
    assert outcome.ok and outcome.job == ticket["id"]
    job = decode(outcome.data or b"")
    assert job.rasters and job.cut_after_image
    # The tile counts the new ticket live (stream event), and tickets from elsewhere too.
    tap(qtbot, w.ticket.done_button)
    assert w.current() is w.home
    qtbot.waitUntil(lambda: land.subtitle() == "Đang chờ: 1", timeout=WAIT_MS)
    r = live_server.api("POST", "/tickets", live_server.admin_token, json={"service_id": "dat-dai"})
    assert r.status_code == 201
    qtbot.waitUntil(lambda: land.subtitle() == "Đang chờ: 2", timeout=WAIT_MS)


def test_priority_choice_before_taking_the_number(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    tap(qtbot, w.home.tile("tu-phap"))
    qtbot.waitUntil(lambda: w.procedures.list.buttons[0].isVisible(), timeout=WAIT_MS)
    assert_touch_sized(w.procedures)
    tap(qtbot, w.procedures.list.buttons[0])
    tap(qtbot, w.take.priority_button)
    assert w.current() is w.priority
    assert_touch_sized(w.priority)
    names = [b.text() for b in w.priority.buttons.values()]
    assert names[:4] == [
        "Người cao tuổi",
        "Người khuyết tật",
        "Phụ nữ mang thai",
        "Người có con nhỏ dưới 36 tháng tuổi",
    ]
    # "Không thuộc diện ưu tiên" goes back to the normal button, nothing issued.
    tap(qtbot, w.priority.none_button)
    assert w.current() is w.take and waiting_tickets(live_server) == []
    assert_touch_sized(w.take)
    tap(qtbot, w.take.priority_button)
    tap(qtbot, w.priority.buttons["pregnant"])
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    assert w.ticket.priority_label.isVisible()
    assert w.ticket.priority_label.text() == "Ưu tiên: Phụ nữ mang thai"
    [ticket] = waiting_tickets(live_server)
    assert (ticket["service_id"], ticket["priority"]) == ("tu-phap", "pregnant")


def test_other_procedure_and_english_at_the_touch_of_a_button(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    tap(qtbot, w.header.lang_button)
    assert i18n.language() == "en"
    assert w.home.tile("dat-dai").text() == "Land"
    assert w.home.search_button.text() == "Find a procedure"
    assert w.header.lang_button.text() == "Tiếng Việt"
    tap(qtbot, w.home.tile("xay-dung"))
    other = w.procedures.list.button_for("__other__")
    assert other is not None and other.text() == "Another procedure / not sure"
    tap(qtbot, other)
    assert w.take.procedure_label.isHidden()
    tap(qtbot, w.take.take_button)
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    assert w.ticket.number_label.text() == "2001"
    assert w.ticket.your_label.text() == "Your number"
    assert w.ticket.ahead_label.text() == "People ahead of you: 0"
    [ticket] = waiting_tickets(live_server)
    assert ticket["procedure_id"] is None
    # "Done" ends this citizen's turn: the next one starts in Vietnamese.
    tap(qtbot, w.ticket.done_button)
    assert i18n.language() == "vi" and w.home.tile("dat-dai").text() == "Đất đai"
