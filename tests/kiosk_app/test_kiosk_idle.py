"""Back to the start screen by itself: after the ticket, and after a minute anywhere."""

from __future__ import annotations

from clientkit import i18n
from tests.kiosk_app.kiosk_helpers import WAIT_MS, take_number, tap


def test_idle_returns_home_in_vietnamese_from_anywhere_and_after_the_ticket(
    qtbot, make_kiosk
) -> None:
    kiosk = make_kiosk(idle_home_s=1.0, ticket_home_s=1.5)
    w = kiosk.window
    tap(qtbot, w.header.lang_button)
    tap(qtbot, w.home.search_button)
    w.search.keyboard.type_text("dat")
    assert w.current() is w.search and i18n.language() == "en"
    qtbot.waitUntil(lambda: w.current() is w.home, timeout=WAIT_MS)
    assert i18n.language() == "vi" and w.home.search_button.text() == "Tìm thủ tục"
    # The next citizen finds an empty search box.
    tap(qtbot, w.home.search_button)
    assert w.search.query_edit.text() == ""
    tap(qtbot, w.search.back_button)

    # The ticket screen goes home by itself after a few seconds, and says so.
    take_number(qtbot, kiosk, "tai-chinh")
    assert w.ticket.number_label.text() != ""
    qtbot.waitUntil(lambda: w.ticket.countdown_label.text() != "", timeout=WAIT_MS)
    assert w.ticket.countdown_label.text().startswith("Tự động về màn hình chính sau")
    qtbot.waitUntil(lambda: w.current() is w.home, timeout=WAIT_MS)
