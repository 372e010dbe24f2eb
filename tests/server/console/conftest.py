"""The console in a real headless Chromium (Debian's /usr/bin/chromium driven by
Playwright through `executable_path`; skips, saying which, when either is missing),
against a live server of the sample centre (`live_server`).

`Console` wraps one browser context at 1366×768: it records every request the pages make
(`only_local()` asserts none left the server: no CDN, font or script from elsewhere),
logs in, and takes screenshots into $MOTCUA_SCREENSHOT_DIR (e.g. /tmp/shots/console)
when set, else the test's tmp dir."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import assert_only_from, record_requests
from tests.support.live_server import LiveServer

DESK = {"width": 1366, "height": 768}
WAIT_MS = 30_000  # a wait, not a limit: a loaded CI machine builds pages slowly


class Console:
    def __init__(self, browser: Any, srv: LiveServer, shots: Path) -> None:
        self.srv, self.shots = srv, shots
        self.ctx = browser.new_context(viewport=DESK, device_scale_factor=1, locale="vi-VN")
        self.ctx.set_default_timeout(WAIT_MS)
        self.page = self.ctx.new_page()
        self.requests = record_requests(self.page)

    def open(self, path: str = "/") -> Any:
        url = f"{self.srv.url}/console{path}"
        try:
            self.page.goto(url)
        except Exception as e:  # playwright's Error: the last page's own navigation (a reload, a
            if "ERR_ABORTED" not in str(e):  # redirect to login) cut this one short
                raise
            self.page.wait_for_load_state("load")
            self.page.goto(url)
        return self.page

    def login(self, username: str, password: str | None = None, expect_ok: bool = True) -> Any:
        page = self.open("/login")
        page.fill("[data-testid=username]", username)
        page.fill("[data-testid=password]", password or self.srv.password)
        page.click("[data-testid=login]")
        if expect_ok:
            page.wait_for_selector("[data-testid=who]")
        return page

    def lang(self, code: str) -> None:
        """The header's switch (the page reloads in that language)."""
        self.page.click(f"[data-testid=lang] >> text={code.upper()}")
        self.page.wait_for_load_state("load")

    def shot(self, name: str) -> None:
        self.page.wait_for_timeout(300)  # let the last update paint
        self.page.screenshot(path=str(self.shots / f"{name}.png"))

    def text(self, selector: str) -> str:
        return str(self.page.text_content(selector) or "")

    def only_local(self) -> None:
        assert_only_from(self.srv.url, self.requests)

    def close(self) -> None:
        if self.requests:  # (none when the test skipped before opening a page)
            self.only_local()
        self.ctx.close()


@pytest.fixture
def console(browser: Any, live_server: LiveServer, shots: Path) -> Iterator[Console]:
    c = Console(browser, live_server, shots)
    try:
        yield c
    finally:
        c.close()


def issue(srv: LiveServer, service_id: str = "dat-dai", **body: Any) -> dict[str, Any]:
    r = srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": service_id, **body})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def act(srv: LiveServer, token: str, counter_id: int, action: str) -> None:
    r = srv.api("POST", f"/counters/{counter_id}/{action}", token)
    assert r.status_code == 200, r.text
