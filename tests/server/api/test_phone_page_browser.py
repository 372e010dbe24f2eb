"""The phone tracking page in a real headless Chromium (issue 13), at a cheap phone's
360×740: the figures appear, a call arrives pushed (no reload) as "Mời đến quầy số N",
English is one tap away, nothing leaves the LAN, nothing overflows the width, and with
the push blocked the page still updates by polling.

Needs Debian's browser (`apt-get install -y chromium`) and the `playwright` package
(the `[test]` extra); Playwright drives /usr/bin/chromium through `executable_path`, so
its own browser download is never needed. Skips, saying which, when either is missing.
Screenshots go to $MOTCUA_SCREENSHOT_DIR when set (to look at), else the test's tmp dir.
"""

from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import PHONE, assert_only_from, record_requests, screenshot_dir
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.slow


def issue(srv: LiveServer, service_id: str = "dat-dai") -> dict[str, Any]:
    r = srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": service_id})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def act(srv: LiveServer, clerk: str, counter_id: int, action: str) -> None:
    r = srv.api("POST", f"/counters/{counter_id}/{action}", clerk)
    assert r.status_code == 200, r.text


def test_the_phone_page_live_in_two_languages(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    clerk = srv.login("canbo1")
    act(srv, clerk, 1, "open")
    first, _second, mine = issue(srv), issue(srv), issue(srv)
    act(srv, clerk, 1, "call-next")  # `first` is now being called at counter 1

    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="vi-VN")
    page = ctx.new_page()
    requests = record_requests(page)
    page.goto(f"{srv.url}/t/{mine['tracking_code']}")
    page.wait_for_selector("#dot.live", timeout=10_000)  # the push is connected
    assert page.text_content("#number") == mine["number"]
    assert page.text_content("#l-your") == "Số thứ tự của bạn"
    assert page.text_content("#v-serving") == first["number"]
    assert page.text_content("#s-serving") == "tại quầy 1"
    assert page.text_content("#v-ahead") == "1"
    assert page.text_content("#status") == "Đang chờ"
    phone = srv.api("GET", f"/public/tickets/{mine['tracking_code']}").json()
    assert page.text_content("#v-issued") == phone["issued_time"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(out / "track-vi-waiting.png"))

    page.click("#lang")  # English, one tap; the address keeps it for a reload
    assert page.text_content("#l-your") == "Your number"
    assert page.text_content("#status") == "Waiting"
    assert page.text_content("#service") == "Land"
    assert page.text_content("#s-ahead") == "person"
    assert page.url.endswith("?lang=en")
    page.screenshot(path=str(out / "track-en-waiting.png"))

    for _ in range(2):  # `second`, then mine: pushed, no reload
        act(srv, clerk, 1, "start")
        act(srv, clerk, 1, "finish")
        act(srv, clerk, 1, "call-next")
    page.wait_for_selector("#go.on", timeout=10_000)
    assert page.text_content("#go-text") == "Please go to counter"
    assert page.text_content("#go-counter") == "1"
    assert page.text_content("#v-serving") == mine["number"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(out / "track-en-called.png"))

    page.goto(f"{srv.url}/t/{mine['tracking_code']}?lang=vi")
    page.wait_for_selector("#go.on", timeout=10_000)
    assert page.text_content("#go-text") == "Mời đến quầy số"
    page.screenshot(path=str(out / "track-vi-called.png"))

    act(srv, clerk, 1, "start")
    act(srv, clerk, 1, "finish")
    page.wait_for_function("document.getElementById('status').textContent === 'Đã hoàn thành'")
    assert not page.is_visible("#go")
    assert not page.is_visible("#dot.live")  # the push ended with the ticket
    assert "trực tiếp" not in (page.text_content("#updated") or "")
    page.screenshot(path=str(out / "track-vi-done.png"))
    # Offline LAN: every request went to the server itself (no CDN, font or script).
    assert_only_from(srv.url, requests)
    ctx.close()


def test_the_page_polls_when_the_push_is_blocked(live_server: LiveServer, browser: Any) -> None:
    srv = live_server
    mine = issue(srv)
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.route("**/t/*/events", lambda route: route.abort())
    page.goto(f"{srv.url}/t/{mine['tracking_code']}")
    page.wait_for_function(
        f"document.getElementById('number').textContent === {mine['number']!r}", timeout=10_000
    )
    assert "tự làm mới" in (page.text_content("#updated") or "")
    assert not page.is_visible("#dot.live")
    ctx.close()


def test_an_unknown_code_says_so(live_server: LiveServer, browser: Any) -> None:
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(f"{live_server.url}/t/nosuchticket123?lang=en")
    page.wait_for_function(
        "document.getElementById('status').textContent === 'This ticket number was not found'",
        timeout=10_000,
    )
    ctx.close()
