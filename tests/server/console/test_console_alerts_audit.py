"""Alerts and the audit trail in a browser: a kiosk out of paper shows up (badge, toast,
the alerts page) and is acknowledged; the audit trail tells the day in plain words."""

import pytest

from tests.server.console.conftest import Console, act, issue

pytestmark = pytest.mark.slow


def test_a_printer_alert_appears_live_and_is_acknowledged(console: Console) -> None:
    srv, c = console.srv, console
    page = c.login("giamsat")
    c.open("/alerts")
    page.wait_for_selector("[data-testid=alerts] >> text=Không có cảnh báo nào")
    r = srv.api(
        "POST",
        "/devices/me/printer",
        srv.kiosk_token,
        json={"state": "paper-out"},
    )
    assert r.status_code < 300, r.text
    page.wait_for_selector("[data-testid=alert-count]:has-text('1')")  # no reload
    page.wait_for_selector(".q-notification >> text=Cảnh báo mới")
    row = page.locator("[data-testid=alerts] tbody tr", has_text="Máy in")
    row.wait_for()
    c.shot("alerts-vi")
    row.locator("button").click()
    page.wait_for_selector("[data-testid=alerts] >> text=giamsat")
    page.wait_for_selector("[data-testid=alert-count]", state="hidden")
    acked = [a for a in srv.api("GET", "/alerts", srv.admin_token).json() if a["acked_at"]]
    assert acked and acked[0]["acked_by"]


def test_the_audit_trail_in_plain_words_with_filters(console: Console) -> None:
    srv, c = console.srv, console
    clerk = srv.login("canbo1")
    act(srv, clerk, 1, "open")
    first = issue(srv)
    act(srv, clerk, 1, "call-next")
    page = c.login("giamsat")
    c.open("/audit")
    page.wait_for_selector(f"[data-testid=audit] >> text={first['number']}")
    day = c.page.input_value("[data-testid=audit-day]")
    assert len(day) == 10 and day[2] == "/" and day[5] == "/"  # dd/mm/yyyy
    page.fill("[data-testid=audit-counter]", "1")
    page.click("[data-testid=audit-filter]")
    page.wait_for_selector(f"[data-testid=audit] >> text={first['number']}")
    c.shot("audit-vi")
    c.lang("en")
    c.open("/audit")
    page.wait_for_selector("[data-testid=audit] tbody tr")
    assert c.page.input_value("[data-testid=audit-day]")[4] == "-"  # yyyy-mm-dd
    c.shot("audit-en")
