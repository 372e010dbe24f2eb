"""Search on the on-screen keyboard, without diacritics, then take a number."""

from __future__ import annotations

from tests.kiosk_app.kiosk_helpers import WAIT_MS, assert_touch_sized, tap, waiting_tickets


def test_search_without_diacritics_finds_and_issues(qtbot, live_server, kiosk) -> None:
    w = kiosk.window
    tap(qtbot, w.home.search_button)
    assert w.current() is w.search
    s = w.search
    assert s.count_label.text() == "Gõ vài chữ đầu của tên thủ tục hoặc lĩnh vực"
    for key in "dat dai":
        tap(qtbot, s.keyboard.keys["space" if key == " " else key])
    assert s.query_edit.text() == "dat dai"
    titles = s.results.visible_titles()
    assert titles[0] == "Đất đai"  # the field itself first
    assert_touch_sized(s)
    assert "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" in titles
    # Word prefixes, and a tone typed with the tone key.
    tap(qtbot, s.keyboard.keys["clear"])
    s.keyboard.type_text("khai si")
    assert s.results.visible_titles()[0] == "Đăng ký khai sinh có yếu tố nước ngoài"
    tap(qtbot, s.keyboard.keys["clear"])
    for key in ("đ", "â", "t", "tone:sac"):  # with diacritics, on the Vietnamese keys
        tap(qtbot, s.keyboard.keys[key])
    assert s.query_edit.text() == "đất"
    assert s.results.visible_titles()[0] == "Đất đai"
    tap(qtbot, s.keyboard.keys["clear"])
    s.keyboard.type_text("xyzzy")
    assert s.results.visible_titles() == []
    assert s.count_label.text().startswith("Không tìm thấy")
    tap(qtbot, s.keyboard.keys["clear"])
    s.keyboard.type_text("khai sinh")
    hit = s.results.button_for(("procedure", "tu-phap", "tu-phap-03"))
    assert hit is not None and hit.subtitle() == "Lĩnh vực: Tư pháp"
    tap(qtbot, hit)
    assert w.current() is w.take
    assert w.take.procedure_label.text() == "Đăng ký khai sinh có yếu tố nước ngoài"
    tap(qtbot, w.take.back_button)
    assert w.current() is w.search  # back to the results, not to a list never seen
    tap(qtbot, hit)
    tap(qtbot, w.take.take_button)
    qtbot.waitUntil(lambda: w.current() is w.ticket, timeout=WAIT_MS)
    [ticket] = waiting_tickets(live_server)
    assert (ticket["service_id"], ticket["procedure_id"]) == ("tu-phap", "tu-phap-03")


def test_everyday_words_find_fields_and_procedures(qtbot, live_server, kiosk) -> None:
    """A citizen types the word they know ("hộ tịch", "sổ đỏ", "CCCD"), not the
    procedure's official name: the centre file's keywords find it."""
    w = kiosk.window
    tap(qtbot, w.home.search_button)
    s = w.search
    for query in ("ho tich", "hộ tịch"):
        tap(qtbot, s.keyboard.keys["clear"])
        s.keyboard.type_text(query)
        assert s.query_edit.text() == query
        titles = s.results.visible_titles()
        assert titles[0] == "Tư pháp", (query, titles)  # the field first
        assert "Đăng ký khai sinh có yếu tố nước ngoài" in titles
        assert "Đăng ký kết hôn có yếu tố nước ngoài" in titles
        assert "Đăng ký khai tử có yếu tố nước ngoài" in titles
        assert s.count_label.text().startswith("Tìm thấy")
    tap(qtbot, s.keyboard.keys["clear"])
    s.keyboard.type_text("so do")
    titles = s.results.visible_titles()
    assert titles[0] == "Đất đai"
    assert "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" in titles[:6]
    tap(qtbot, s.keyboard.keys["clear"])
    s.keyboard.type_text("cccd")
    assert s.results.visible_titles()[:2] == ["Cư trú và Căn cước", "Cấp thẻ căn cước"]
    hit = s.results.button_for(("procedure", "cu-tru-can-cuoc", "cu-tru-can-cuoc-01"))
    assert hit is not None
    tap(qtbot, hit)
    assert w.current() is w.take
    assert w.take.procedure_label.text() == "Cấp thẻ căn cước"
