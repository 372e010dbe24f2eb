"""What the kiosk does not offer, and says why: closed, full, outside hours, too many."""

from __future__ import annotations

from tests.kiosk_app.kiosk_helpers import WAIT_MS, reconfigure, tap, waiting_tickets


def test_closed_full_and_outside_hours_fields_show_why(qtbot, live_server, make_kiosk) -> None:
    kiosk = make_kiosk(state_refresh_s=0.5)
    home = kiosk.window.home
    r = live_server.api("POST", "/tickets", live_server.admin_token, json={"service_id": "noi-vu"})
    assert r.status_code == 201
    reconfigure(live_server, **{"cong-thuong": {"closed": True}, "noi-vu": {"daily_limit": 1}})
    closed, full = home.tile("cong-thuong"), home.tile("noi-vu")
    # Hours and limits change without an event: the kiosk re-reads the state by itself.
    qtbot.waitUntil(lambda: not closed.isEnabled() and not full.isEnabled(), timeout=WAIT_MS)
    assert closed.note() == "Tạm ngừng tiếp nhận" and closed.subtitle() == ""
    assert full.note() == "Đã hết số hôm nay"
    assert home.tile("dat-dai").isEnabled() and home.tile("dat-dai").note() == ""
    # Search lists it, greyed, with the reason.
    tap(qtbot, home.search_button)
    kiosk.window.search.keyboard.type_text("cong thuong")
    [button] = [b for b in kiosk.window.search.results.buttons if b.text() == "Công thương"]
    assert not button.isEnabled() and button.note() == "Tạm ngừng tiếp nhận"
    tap(qtbot, kiosk.window.search.back_button)

    reconfigure(live_server, centre={"enforce_hours": True, "hours": {}})
    qtbot.waitUntil(lambda: not home.tile("dat-dai").isEnabled(), timeout=WAIT_MS)
    assert home.tile("dat-dai").note() == "Ngoài giờ tiếp nhận"
    assert not any(t.isEnabled() for t in home.tiles.values())


def test_too_many_tickets_from_this_kiosk_is_said_kindly(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    for _ in range(20):  # the sample centre's limit: 20 tickets a minute per kiosk
        r = live_server.api(
            "POST", "/tickets", live_server.kiosk_token, json={"service_id": "y-te"}
        )
        assert r.status_code == 201
    tap(qtbot, w.home.tile("y-te"))
    tap(qtbot, w.procedures.list.buttons[0])
    tap(qtbot, w.take.take_button)
    qtbot.waitUntil(lambda: w.current() is w.message, timeout=WAIT_MS)
    assert w.message.title.text() == "Chưa lấy được số"
    assert w.message.text.text() == "Bạn đã lấy quá nhiều số, vui lòng chờ một lát"
    assert not w.message.retry_button.isVisibleTo(w.message)
    assert w.message.badge.kind == "info"
    tap(qtbot, w.header.lang_button)
    assert w.message.text.text().startswith("Many numbers were taken here just now")
    tap(qtbot, w.message.home_button)
    assert w.current() is w.home
    assert len(waiting_tickets(live_server)) == 20
