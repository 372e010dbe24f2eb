"""Two consoles racing for the next citizen, and a server restart mid-session."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.counter_app.conftest import (
    WAIT_MS,
    act,
    current_number,
    issue,
    log_in,
    server_counter,
    server_state,
    server_ticket,
)
from tests.counter_app.cutting_proxy import CuttingProxy


def test_two_consoles_pressing_next_together_never_get_the_same_ticket(
    qtbot, live_server, open_console
):
    for _ in range(8):
        issue(live_server)
    c1, c2 = open_console(1), open_console(2)
    b1 = c1.console_page.actions.button("call-next")
    b2 = c2.console_page.actions.button("call-next")
    called: list[str] = []
    for _ in range(4):
        qtbot.waitUntil(lambda: b1.isEnabled() and b2.isEnabled(), timeout=WAIT_MS)
        # Both clicks land before either request leaves: a true race at the server.
        qtbot.mouseClick(b1, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(b2, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: current_number(c1) is not None and current_number(c2) is not None,
            timeout=WAIT_MS,
        )
        n1, n2 = current_number(c1), current_number(c2)
        assert n1 != n2
        called += [n1, n2]
        for c in (c1, c2):  # the centre wants one recall before a no-show
            act(qtbot, c, "recall")
        for c in (c1, c2):
            act(qtbot, c, "no-show")
            qtbot.keyClick(c.console_page.noshow_sheet, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: current_number(c1) is None and current_number(c2) is None, timeout=WAIT_MS
        )
    assert sorted(called) == [str(n) for n in range(1001, 1009)]
    # Each console saw the other's no-shows too (same field): it could take any back.
    qtbot.waitUntil(lambda: len(c1.console_page.lists.noshows) == 8, timeout=WAIT_MS)


def test_restart_shows_disconnected_then_catches_up_without_double_commands(
    qtbot, live_server, open_console
):
    first = issue(live_server)
    console = open_console(1)
    page = console.console_page
    next_button = page.actions.button("call-next")

    # The server restarts under a working console.
    live_server.restart()
    qtbot.waitUntil(lambda: console.header.badge.state == "offline", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.session.ready, timeout=WAIT_MS)
    assert console.header.badge.text() == "Đã kết nối"
    second = issue(live_server)
    qtbot.waitUntil(lambda: len(page.lists.waiting) == 2, timeout=WAIT_MS)

    # A press whose request meets a dead server: it is not re-sent by itself, the
    # console says the outcome is being checked and locks every action meanwhile.
    qtbot.waitUntil(next_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    live_server.stop()  # before the request leaves (it is sent from the event loop)
    qtbot.waitUntil(lambda: console.session.gate.uncertain, timeout=WAIT_MS)
    qtbot.waitUntil(page.banner.isVisible, timeout=WAIT_MS)
    assert "Gọi số tiếp theo" in page.banner.text()
    assert not any(b.isEnabled() for b in page.actions.buttons.values())
    qtbot.waitUntil(lambda: console.header.badge.state == "offline", timeout=WAIT_MS)

    live_server.start()
    qtbot.waitUntil(lambda: not console.session.gate.uncertain, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: console.session.ready and not page.banner.isVisible(), timeout=WAIT_MS)
    assert page.toast.text().startswith("Đã đồng bộ")
    assert server_counter(live_server, 1)["current"] is None  # nothing was applied
    assert current_number(console) is None

    # The clerk presses again: exactly one call, of the first ticket.
    act(qtbot, console, "call-next")
    qtbot.waitUntil(lambda: current_number(console) == first["number"], timeout=WAIT_MS)
    assert server_ticket(live_server, first["id"])["status"] == "called"
    assert server_ticket(live_server, second["id"])["status"] == "waiting"
    assert [t["number"] for t in server_state(live_server)["now_serving"]] == [first["number"]]


def test_an_answer_lost_after_the_server_acted_is_not_sent_again(qtbot, live_server, make_console):
    """The worst case: the command ran, its answer never came. Neither Qt nor the
    console sends it again; the console reloads the state and shows what happened."""
    proxy = CuttingProxy(live_server.port)
    try:
        first = issue(live_server)
        issue(live_server)
        console = make_console(url=proxy.url)
        log_in(qtbot, console, "canbo1", 1, live_server.password)
        gate = console.session.gate
        resynced: list[bool] = []
        gate.resynced.connect(lambda: resynced.append(True))

        for action, path in (("call-next", b"/counters/1/call-next"), ("recall", b"/recall")):
            before = len(resynced)
            proxy.cut_answer_to(path)
            act(qtbot, console, action)
            qtbot.waitUntil(lambda b=before: len(resynced) > b, timeout=WAIT_MS)
            assert proxy.count(path) == 1  # the server heard it once
            qtbot.waitUntil(lambda: console.session.ready, timeout=WAIT_MS)

        # Called once (not twice), recalled once (announced again once, not twice).
        assert current_number(console) == first["number"]
        ticket = server_ticket(live_server, first["id"])
        assert ticket["status"] == "called" and ticket["recall_count"] == 1
        assert len(server_state(live_server)["now_serving"]) == 1
        assert "1 lần" in console.console_page.ticket_panel.status.text()
    finally:
        proxy.close()
