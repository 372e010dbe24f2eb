"""The live hall in a browser: what a supervisor sees follows the hall without a reload,
and the waiting list's actions change the line."""

import pytest

from tests.server.console.conftest import Console, act, issue

pytestmark = pytest.mark.slow


NUMBERS = "[data-testid=waiting] tbody tr td:first-child"


def wait_rows(c: Console, numbers: list[str]) -> None:
    """The waiting list shows exactly these numbers, in this order (waits for it)."""
    c.page.wait_for_function(
        """([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)]
             .map(td => td.textContent.trim())) === JSON.stringify(want)""",
        arg=[NUMBERS, numbers],
    )


def test_the_hall_follows_the_counters_without_reload(console: Console) -> None:
    srv, c = console.srv, console
    first, second, third = issue(srv), issue(srv), issue(srv, "tu-phap")
    page = c.login("giamsat")
    assert c.text("[data-testid=who]").startswith("Giám sát viên")
    wait_rows(c, [first["number"], second["number"], third["number"]])
    fields = c.text("[data-testid=fields]")
    assert "Đất đai" in fields and "Tư pháp" in fields
    land = page.locator("[data-testid=fields] tbody tr", has_text="Đất đai")
    assert land.locator("td").nth(1).text_content().strip() == "2"  # waiting
    assert c.text("[data-testid=counter-1] [data-testid=status]") == "Đóng"
    c.shot("hall-vi")

    clerk = srv.login("canbo1")
    act(srv, clerk, 1, "open")
    act(srv, clerk, 1, "call-next")  # pushed to the page by its 2 s poll, no reload
    page.wait_for_function(
        "document.querySelector('[data-testid=counter-1] [data-testid=current]')"
        f"?.textContent.includes('{first['number']}')"
    )
    assert c.text("[data-testid=counter-1] [data-testid=status]") == "Đang mở"
    assert c.text("[data-testid=counter-1] [data-testid=clerk]") == "Cán bộ quầy 1"
    wait_rows(c, [second["number"], third["number"]])

    c.lang("en")
    page.wait_for_selector("text=Live hall")
    assert c.text("[data-testid=counter-1] [data-testid=status]") == "Open"
    assert "Calling " + first["number"] in c.text("[data-testid=counter-1] [data-testid=current]")
    assert "Land" in c.text("[data-testid=fields]")
    c.shot("hall-en")
    c.lang("vi")
    page.wait_for_selector("text=Sảnh chờ trực tiếp")


def test_cancel_from_the_waiting_list_asks_then_removes_the_number(console: Console) -> None:
    srv, c = console.srv, console
    a, b = issue(srv), issue(srv)
    page = c.login("giamsat")
    wait_rows(c, [a["number"], b["number"]])
    page.click(f"[data-testid=cancel-{a['number']}]")
    assert a["number"] in c.text("[data-testid=question]")
    c.shot("hall-vi-cancel-dialog")
    page.click("[data-testid=confirm]")
    wait_rows(c, [b["number"]])
    got = srv.api("GET", f"/tickets/{a['id']}", srv.admin_token)
    assert got.json()["status"] == "cancelled"


def test_move_to_front_asks_a_reason_and_changes_the_order(console: Console) -> None:
    srv, c = console.srv, console
    a, b, last = issue(srv), issue(srv), issue(srv)
    page = c.login("giamsat")
    wait_rows(c, [a["number"], b["number"], last["number"]])
    page.click(f"[data-testid=front-{last['number']}]")
    page.click("[data-testid=confirm]")  # no reason yet: refused on the page
    page.wait_for_selector("text=Hãy nhập lý do")
    page.fill("[data-testid=front-reason]", "Người cao tuổi đi một mình")
    page.click("[data-testid=confirm]")
    wait_rows(c, [last["number"], a["number"], b["number"]])
