"""Server outages: a calm message, recovery by itself, and never a ticket twice."""

from __future__ import annotations

from tests.kiosk_app.kiosk_helpers import WAIT_MS, take_number, tap, waiting_tickets
from tests.kiosk_app.kiosk_proxy import DroppingProxy


def test_outage_message_then_recovery_by_itself(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    live_server.stop()
    qtbot.waitUntil(lambda: w.outage.isVisible(), timeout=WAIT_MS)
    assert w.outage.title.text() == "Hệ thống đang tạm gián đoạn"
    assert "tự hoạt động lại" in w.outage.text.text()
    assert w.header.badge_box.isVisible() and w.header.badge.text() == "Mất kết nối"
    # The language button still works during the outage.
    tap(qtbot, w.header.lang_button)
    assert w.outage.title.text() == "The system is briefly unavailable"
    tap(qtbot, w.header.lang_button)
    live_server.start()
    qtbot.waitUntil(
        lambda: not w.outage.isVisible() and not w.header.badge_box.isVisible(),
        timeout=WAIT_MS,
    )
    take_number(qtbot, kiosk, "dat-dai")
    assert w.ticket.number_label.text() == "1001"


def test_take_during_outage_then_try_again_issues_one_ticket(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    tap(qtbot, w.home.tile("dat-dai"))
    tap(qtbot, w.procedures.list.buttons[0])
    live_server.stop()
    tap(qtbot, w.take.take_button)
    key = kiosk.controller.pending.key
    qtbot.waitUntil(lambda: w.current() is w.message, timeout=WAIT_MS)
    assert w.message.title.text() == "Chưa lấy được số"
    assert w.message.retry_button.isVisibleTo(w.message)
    live_server.start()
    qtbot.waitUntil(lambda: not w.outage.isVisible(), timeout=WAIT_MS)
    assert w.current() is w.message
    tap(qtbot, w.message.retry_button)
    assert kiosk.controller.pending is not None and kiosk.controller.pending.key == key
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    assert w.ticket.number_label.text() == "1001"
    assert len(waiting_tickets(live_server)) == 1


def test_lost_answer_is_retried_with_the_same_key_and_no_second_ticket(
    qtbot, live_server, make_kiosk
) -> None:
    proxy = DroppingProxy(live_server.port)
    try:
        kiosk = make_kiosk(url=proxy.url)
        w = kiosk.window
        proxy.drop_next_ticket_answer()
        take_number(qtbot, kiosk, "xay-dung")
        assert proxy.dropped == 1
        # Two sends of one press, with one key; the server made one ticket.
        assert len(proxy.ticket_keys) == 2 and len(set(proxy.ticket_keys)) == 1
        assert w.ticket.number_label.text() == "2001"
        assert [t["number"] for t in waiting_tickets(live_server)] == ["2001"]
        # The next press is a new intent: a new key and a new number.
        tap(qtbot, w.ticket.done_button)
        take_number(qtbot, kiosk, "xay-dung")
        assert w.ticket.number_label.text() == "2002"
        assert len(set(proxy.ticket_keys)) == 2
    finally:
        proxy.close()
