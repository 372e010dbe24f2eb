"""The clerk's console against a real server: log-in, serving, transferring, calling
out of order, pausing, no-shows, closing — driven by F-keys and clicks."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from protocol import ERROR_TITLES, ErrorCode, TicketPublic
from tests.counter_app.conftest import (
    WAIT_MS,
    act,
    current_number,
    issue,
    log_in,
    no_show,
    press,
    server_counter,
    server_ticket,
)


def test_login_errors_language_and_server_titles(qtbot, live_server, make_console):
    console = make_console(counter_id=2, username="canbo1")
    page = console.login_page
    assert page.username.text() == "canbo1" and page.counter_id() == 2

    # Wrong password: the server's Vietnamese title, still on the log-in page.
    page.password.setText("sai-mat-khau")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(page.error.isVisible, timeout=WAIT_MS)
    assert page.error.text() == ERROR_TITLES[ErrorCode.BAD_CREDENTIALS]
    assert console.pages.currentWidget() is page

    # Counter 2 is already open by its own clerk: refused, and nothing was opened.
    canbo2 = live_server.login("canbo2")
    assert live_server.api("POST", "/counters/2/open", canbo2).status_code == 200
    page.password.setText(live_server.password)
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.error.text() == ERROR_TITLES[ErrorCode.COUNTER_TAKEN], timeout=WAIT_MS
    )
    assert server_counter(live_server, 2)["clerk"] == "Cán bộ quầy 2"

    log_in(qtbot, console, "canbo1", 1, live_server.password)
    assert console.header.title.text() == "Quầy số 1"
    assert console.header.status.text() == "Đang mở"
    assert console.header.badge.text() == "Đã kết nối"
    assert server_counter(live_server, 1)["status"] == "open"
    assert server_counter(live_server, 1)["clerk"] == "Cán bộ quầy 1"

    # English at runtime (F12); the server's own error titles stay as the server wrote them.
    press(qtbot, console, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: console.header.title.text() == "Counter 1", timeout=WAIT_MS)
    actions = console.console_page.actions
    assert actions.button("call-next").text() == "Call next number"
    assert actions.button("call-next").shortcut_text == "F1"
    act(qtbot, console, "call-next")  # nobody is waiting
    toast = console.console_page.toast
    qtbot.waitUntil(toast.isVisible, timeout=WAIT_MS)
    assert toast.text() == ERROR_TITLES[ErrorCode.QUEUE_EMPTY]
    assert current_number(console) is None
    press(qtbot, console, Qt.Key.Key_F12)
    qtbot.waitUntil(
        lambda: actions.button("call-next").text() == "Gọi số tiếp theo", timeout=WAIT_MS
    )


def test_serve_rate_transfer_and_call_out_of_order(qtbot, live_server, open_console, make_pad):
    tickets = [issue(live_server) for _ in range(3)]
    pad = make_pad()
    c1, c2 = open_console(1), open_console(2)
    p1, p2 = c1.console_page, c2.console_page
    qtbot.waitUntil(lambda: len(p1.lists.waiting) == 3, timeout=WAIT_MS)
    assert [t.number for t in p1.lists.waiting] == ["1001", "1002", "1003"]

    # Call, recall, start, finish.
    act(qtbot, c1, "call-next")
    qtbot.waitUntil(lambda: current_number(c1) == "1001", timeout=WAIT_MS)
    assert p1.ticket_panel.number.text() == "1001"
    assert p1.ticket_panel._values["field"].text() == "Đất đai"
    assert server_ticket(live_server, tickets[0]["id"])["status"] == "called"
    qtbot.waitUntil(lambda: pad.idle.number.text() == "1001", timeout=WAIT_MS)
    assert pad.clerk_label.text() == "Cán bộ tiếp nhận: Cán bộ quầy 1"
    act(qtbot, c1, "recall")
    qtbot.waitUntil(lambda: "đã gọi lại 1 lần" in p1.ticket_panel.status.text(), timeout=WAIT_MS)
    assert server_ticket(live_server, tickets[0]["id"])["recall_count"] == 1
    act(qtbot, c1, "start")
    qtbot.waitUntil(lambda: p1.ticket_panel.status.text() == "Đang phục vụ", timeout=WAIT_MS)
    assert not p1.actions.button("call-next").isEnabled()  # busy with a citizen
    act(qtbot, c1, "finish")
    qtbot.waitUntil(lambda: current_number(c1) is None, timeout=WAIT_MS)
    assert server_ticket(live_server, tickets[0]["id"])["status"] == "done"

    # The pad asks; the citizen rates.
    qtbot.waitUntil(lambda: pad.mode == "asking", timeout=WAIT_MS)
    assert pad.ask.ticket.text() == "Số 1001 · Quầy số 1"
    assert [b.text() for b in pad.ask.buttons.values()] == [
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
    ]
    qtbot.mouseClick(pad.ask.buttons["satisfied"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.mode == "thanks", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: (
            p1.stats.values["served"].text() == "1"
            and p1.stats.values["avg_rating"].text() == "3,0/4 (1 lượt)"
        ),
        timeout=WAIT_MS,
    )

    # A second rating of the same ticket is refused: by the server, and on the pad.
    again = live_server.api(
        "POST",
        "/ratings",
        live_server.rating_token,
        json={"ticket_id": tickets[0]["id"], "level": "very-satisfied"},
    )
    assert again.status_code == 409 and again.json()["type"] == "already-rated"
    pad.controller.reset()
    pad.controller.ask(TicketPublic.model_validate(server_ticket(live_server, tickets[0]["id"])))
    qtbot.mouseClick(pad.ask.buttons["very-satisfied"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.toast.isVisible(), timeout=WAIT_MS)
    assert pad.toast.text() == ERROR_TITLES[ErrorCode.ALREADY_RATED]
    assert pad.mode == "idle"

    # Transfer 1002 to counter 2 through the dialog (keyboard only).
    act(qtbot, c1, "call-next")
    qtbot.waitUntil(lambda: current_number(c1) == "1002", timeout=WAIT_MS)
    act(qtbot, c1, "transfer")
    sheet = p1.transfer_sheet
    assert sheet.isVisible() and sheet.title.text() == "Chuyển số 1002"
    assert not p1.actions.button("finish").isEnabled()  # the console waits for the dialog
    assert sheet.body_for_choice() is None  # nothing chosen for the clerk
    qtbot.keyClick(sheet.fields, Qt.Key.Key_Down)
    assert sheet.body_for_choice().service_id == "xay-dung"  # highlighted = chosen
    qtbot.keyClick(sheet.fields, Qt.Key.Key_Tab)
    assert sheet.counters.hasFocus() and not sheet.fields.selectedItems()
    assert sheet.body_for_choice().to_counter_id == 2  # Tab lands on counter 2, chosen
    assert sheet.counters.count() == 1  # the closed counters are not offered
    qtbot.keyClick(sheet.counters, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current_number(c1) is None, timeout=WAIT_MS)
    assert not sheet.isVisible()
    assert server_ticket(live_server, tickets[1]["id"])["to_counter_id"] == 2
    qtbot.waitUntil(lambda: p2.lists.waiting[0].to_counter_id == 2, timeout=WAIT_MS)
    assert [t.number for t in p2.lists.waiting] == ["1002", "1003"]
    assert p2.lists.waiting_table.item(0, 2).text() == "chuyển đến"

    # Counter 2 calls 1003 out of order: select it, F8.
    assert p2.lists.select("waiting", tickets[2]["id"])
    act(qtbot, c2, "call")
    qtbot.waitUntil(lambda: current_number(c2) == "1003", timeout=WAIT_MS)
    assert server_ticket(live_server, tickets[1]["id"])["status"] == "waiting"

    # ... and sends it on to another field.
    act(qtbot, c2, "transfer")
    assert p2.transfer_sheet.select_field("xay-dung")
    qtbot.mouseClick(p2.transfer_sheet.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current_number(c2) is None, timeout=WAIT_MS)
    moved = server_ticket(live_server, tickets[2]["id"])
    assert moved["service_id"] == "xay-dung" and moved["status"] == "waiting"


def test_pause_no_show_return_and_close(qtbot, live_server, open_console):
    first = issue(live_server)
    issue(live_server)
    console = open_console(1)
    page = console.console_page

    # Pause with a reason from the centre's list, resume; then with a typed reason.
    act(qtbot, console, "pause")
    sheet = page.pause_sheet
    assert [sheet.reasons.item(i).text() for i in range(sheet.reasons.count())][:2] == [
        "Nghỉ giải lao",
        "Họp",
    ]
    sheet.reasons.setCurrentRow(1)
    qtbot.keyClick(sheet.reasons, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.header.status.text() == "Tạm nghỉ: Họp", timeout=WAIT_MS)
    assert server_counter(live_server, 1)["pause_reason"] == "Họp"
    assert not page.actions.button("call-next").isEnabled()
    assert page.actions.button("pause").text() == "Tiếp tục"
    act(qtbot, console, "resume")
    qtbot.waitUntil(lambda: console.header.status.text() == "Đang mở", timeout=WAIT_MS)
    act(qtbot, console, "pause")
    qtbot.keyClicks(sheet.other, "Ho tro quay 5")  # QTest types Latin-1 only
    qtbot.keyClick(sheet.other, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: server_counter(live_server, 1)["pause_reason"] == "Khác: Ho tro quay 5",
        timeout=WAIT_MS,
    )
    act(qtbot, console, "resume")

    # No-show, then the citizen comes back: F9 takes the number back; it goes first.
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == "1001", timeout=WAIT_MS)
    no_show(qtbot, console)
    qtbot.waitUntil(lambda: [t.number for t in page.lists.noshows] == ["1001"], timeout=WAIT_MS)
    assert server_ticket(live_server, first["id"])["status"] == "no_show"
    assert page.lists.tabs.tabText(1) == "Vắng mặt (1)"
    act(qtbot, console, "return")  # nothing selected yet: the list takes the keyboard
    qtbot.waitUntil(lambda: page.lists.selected_noshow() is not None, timeout=WAIT_MS)
    act(qtbot, console, "return")
    qtbot.waitUntil(lambda: page.lists.noshows == [], timeout=WAIT_MS)
    back = server_ticket(live_server, first["id"])
    assert back["status"] == "waiting" and back["to_counter_id"] == 1
    qtbot.waitUntil(lambda: page.lists.waiting[0].number == "1001", timeout=WAIT_MS)
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == "1001", timeout=WAIT_MS)

    # Close with a citizen at the counter: asked first, Esc keeps everything.
    act(qtbot, console, "close")
    close = page.close_sheet
    assert "1001" in close.hint.text()
    qtbot.keyClick(close, Qt.Key.Key_Escape)
    assert not close.isVisible() and server_counter(live_server, 1)["status"] == "open"
    act(qtbot, console, "close")
    qtbot.keyClick(close, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: console.pages.currentWidget() is console.login_page, timeout=WAIT_MS)
    assert console.login_page.error.text() == "Quầy đã đóng. Hẹn gặp lại!"
    assert server_counter(live_server, 1)["status"] == "closed"
    handed_back = server_ticket(live_server, first["id"])
    assert handed_back["status"] == "waiting" and handed_back["service_id"] == "dat-dai"

    # The next shift logs in on the same console: live again.
    assert console.login_page.username.text() == "canbo1"
    log_in(qtbot, console, "canbo1", 1, live_server.password)
    qtbot.waitUntil(lambda: len(page.lists.waiting) == 2, timeout=WAIT_MS)
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == "1001", timeout=WAIT_MS)


def test_a_restarted_console_still_lists_todays_no_shows(qtbot, live_server, open_console):
    """The clerk's PC was restarted after a citizen stepped out: the no-show list is read
    from the server, so "take back" still works."""
    first = issue(live_server)
    supervisor = live_server.login("giamsat")
    for action in ("open", "call-next", "no-show", "close"):
        r = live_server.api("POST", f"/counters/1/{action}", supervisor)
        assert r.status_code == 200, r.text
    console = open_console(1)
    page = console.console_page
    qtbot.waitUntil(
        lambda: [t.number for t in page.lists.noshows] == [first["number"]], timeout=WAIT_MS
    )


def test_pause_dialog_enter_takes_the_highlighted_reason(qtbot, live_server, open_console):
    issue(live_server)
    console = open_console(1)
    page, sheet = console.console_page, console.console_page.pause_sheet

    # The first reason is highlighted when the dialog opens: Enter pauses with it.
    act(qtbot, console, "pause")
    assert sheet.reasons.currentRow() == 0 and sheet.reasons.item(0).isSelected()
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: console.header.status.text() == "Tạm nghỉ: Nghỉ giải lao", timeout=WAIT_MS
    )
    act(qtbot, console, "resume")
    qtbot.waitUntil(lambda: console.header.status.text() == "Đang mở", timeout=WAIT_MS)

    # Typed and erased, nothing chosen: the dialog asks, and the card grows for the
    # line, so the list, the "other reason" box and the message never overlap.
    act(qtbot, console, "pause")
    sheet.reasons.clearSelection()
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    assert sheet.error.isVisible() and sheet.error.text() == "Hãy chọn hoặc nhập lý do"
    qtbot.wait(50)
    lst, other, err = sheet.reasons.geometry(), sheet.other.geometry(), sheet.error.geometry()
    assert lst.bottom() < other.top() and other.bottom() < err.top(), (lst, other, err)
    assert err.bottom() < sheet.confirm_button.geometry().top()
    sheet.reasons.setCurrentRow(1)  # choosing clears the message
    assert not sheet.error.isVisible() and sheet.reason() == "Họp"
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)

    # A citizen at the counter: no pausing (F7 grey); the server refuses it too.
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == "1001", timeout=WAIT_MS)
    assert not page.actions.button("pause").isEnabled()
    press(qtbot, console, Qt.Key.Key_F7)
    assert not sheet.isVisible()
    r = live_server.api(
        "POST", "/counters/1/pause", live_server.login("canbo1"), json={"reason": "Họp"}
    )
    assert r.status_code == 409 and r.json()["type"] == "counter-busy"
    assert console.header.status.text() == "Đang mở"


def test_transfer_dialog_chooses_nothing_and_offers_no_closed_counter(
    qtbot, live_server, open_console
):
    issue(live_server)
    open_console(2)  # counter 2 open; 3 and the rest closed
    console = open_console(1)
    sheet = console.console_page.transfer_sheet
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == "1001", timeout=WAIT_MS)

    act(qtbot, console, "transfer")
    assert not sheet.fields.selectedItems() and not sheet.counters.selectedItems()
    qtbot.keyClick(sheet, Qt.Key.Key_Return)  # Enter at once: asked, nothing sent
    assert sheet.isVisible() and sheet.error.text() == "Hãy chọn nơi chuyển đến"
    assert current_number(console) == "1001"
    offered = [sheet.counters.item(i).text() for i in range(sheet.counters.count())]
    assert [t.split("\n")[0] for t in offered] == ["Quầy 2 — Đang mở"]

    # Arrow down in the fields list chooses its first row, visibly; Enter sends there.
    qtbot.keyClick(sheet.fields, Qt.Key.Key_Down)
    chosen = sheet.fields.selectedItems()
    assert len(chosen) == 1 and sheet.body_for_choice() is not None
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current_number(console) is None, timeout=WAIT_MS)


def test_no_show_waits_for_a_recall_and_the_centres_time(
    qtbot, live_server, open_console, monkeypatch
):
    first = issue(live_server)
    console = open_console(1)
    page = console.console_page
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == "1001", timeout=WAIT_MS)

    # Just called: F5 is grey and the panel says what the centre wants first.
    no_show_button = page.actions.button("no-show")
    qtbot.waitUntil(lambda: page.ticket_panel.note.isVisible(), timeout=WAIT_MS)
    assert page.ticket_panel.note.text() == "Vắng mặt (F5): gọi lại (F2) thêm 1 lần trước"
    assert not no_show_button.isEnabled()
    r = live_server.api("POST", "/counters/1/no-show", live_server.login("canbo1"))
    assert r.status_code == 409 and r.json()["type"] == "no-show-too-early"

    # Recalled: a countdown, then F5 wakes up.
    act(qtbot, console, "recall")
    qtbot.waitUntil(
        lambda: page.ticket_panel.note.text().startswith("Vắng mặt (F5): có thể sau"),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(no_show_button.isEnabled, timeout=WAIT_MS)
    assert page.ticket_panel.note.text() == "Công dân chưa đến: có thể ghi vắng mặt (F5)"

    # F5 asks first; Esc keeps the citizen called.
    act(qtbot, console, "no-show")
    sheet = page.noshow_sheet
    assert sheet.isVisible() and sheet.title.text() == "Ghi vắng mặt số 1001?"
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    assert server_ticket(live_server, first["id"])["status"] == "called"
    act(qtbot, console, "no-show")
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: current_number(console) is None, timeout=WAIT_MS)
    gone = server_ticket(live_server, first["id"])
    assert gone["status"] == "no_show"
    # "Called at" in the centre's time (Hà Nội), whatever the PC's zone is.
    qtbot.waitUntil(lambda: len(page.lists.noshows) == 1, timeout=WAIT_MS)
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    page.lists.retranslate()
    called = datetime.fromisoformat(gone["called_at"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert page.lists.noshow_table.item(0, 2).text() == called.strftime("%H:%M")
    monkeypatch.undo()
    time.tzset()


def test_waiting_list_shows_many_rows_and_the_status_is_no_button(qtbot, live_server, open_console):
    for _ in range(12):
        issue(live_server)
    console = open_console(1)  # 1366×768
    page = console.console_page
    qtbot.waitUntil(lambda: len(page.lists.waiting) == 12, timeout=WAIT_MS)
    table = page.lists.waiting_table
    rows = table.viewport().height() // table.rowHeight(0)
    assert rows >= 7, rows  # was about 5
    # "Đang mở" is a status: no filled pill that looks pressable.
    style = console.header.status.styleSheet()
    assert "background: transparent" in style and "border-radius" not in style
    # One look for every greyed button, secondary or coloured.
    call, finish = page.lists.call_button, page.actions.button("finish")
    call.setEnabled(False)
    assert not finish.isEnabled()
    a = call.grab().toImage().pixelColor(6, call.height() // 2)
    b = finish.grab().toImage().pixelColor(6, finish.height() // 2)
    assert a.name() == b.name(), (a.name(), b.name())
