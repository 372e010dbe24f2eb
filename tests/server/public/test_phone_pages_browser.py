"""The citizens' phone pages (issue 14) in a real headless Chromium on a cheap phone's
360×740 touch screen, against a live server with the sample centre: take a number and
land on the tracking page; book a time, see its code and QR, cancel it; no phone number
leaves the phone without the consent box ticked; a refusal is said plainly; English is
one tap away and remembered; nothing is fetched from another host; no page is wider than
the phone. Screenshots of every page in both languages go to $MOTCUA_SCREENSHOT_DIR
(e.g. /tmp/shots/phone), else the test's tmp dir. Skips without chromium/playwright."""

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest

from protocol.centre import WEEKDAYS
from protocol.errors import ERROR_TITLES, ErrorCode
from tests.support.browser import PHONE, assert_only_from, record_requests, screenshot_dir
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.slow
FIELD = "tu-phap"


class Phone:
    """A phone's browser tab that records every request it makes and the bytes it gets."""

    def __init__(self, browser: Any, srv: LiveServer) -> None:
        self.srv = srv
        self.ctx = browser.new_context(
            viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1
        )
        self.page = self.ctx.new_page()
        self.page.set_default_timeout(15_000)
        self.requests = record_requests(self.page)

    def go(self, path: str) -> Any:
        return self.page.goto(self.srv.url + path)

    def fits(self) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (self.page.url, width)

    def shot(self, out: Path, name: str) -> None:
        self.fits()
        self.page.screenshot(path=str(out / f"{name}.png"), full_page=True)

    def posted(self) -> dict[str, list[str]]:
        """The form fields of the latest POST, as the browser sent them."""
        post = [r for r in self.requests if r.method == "POST"][-1]
        return parse_qs(post.post_data or "", keep_blank_values=True)

    def close(self) -> None:
        assert_only_from(self.srv.url, self.requests)
        self.ctx.close()


def configure(srv: LiveServer, **remote: Any) -> None:
    """Open every day 07:00–17:00 (a test runs at any hour and day); Justice takes remote
    numbers (`remote` overrides) and bookings, the centre's hours enforced as `enforce`."""
    admin = srv.admin_token
    cfg = srv.api("GET", "/admin/centre", admin).json()
    enforce = remote.pop("enforce", False)
    cfg["hours"] = remote.pop("hours", {d: ["07:00", "17:00"] for d in WEEKDAYS})
    cfg["closed_days"], cfg["enforce_hours"] = [], enforce
    for s in cfg["services"]:
        if s["id"] == FIELD:
            s["remote"] = {"enabled": True, **remote}
    r = srv.api("PUT", "/admin/centre", admin, json=cfg)
    assert r.status_code == 200, r.text


def tomorrow() -> str:
    return (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date() + timedelta(days=1)).isoformat()


def test_take_a_number_with_consent_and_land_on_the_tracking_page(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    configure(srv)
    phone = Phone(browser, srv)
    p = phone.page
    phone.go("/m/")
    phone.shot(out, "home-vi")
    p.tap(f'[data-field="{FIELD}"]')
    p.wait_for_selector("#take-go")
    phone.shot(out, "field-vi")
    p.tap("#take-go")
    p.wait_for_selector("#form")
    assert p.is_disabled("#phone")  # no consent yet: the number cannot even be typed
    p.select_option("#procedure", "tu-phap-03")
    p.tap("#consent")
    p.fill("#phone", "0912 345 678")
    phone.shot(out, "take-vi")
    p.tap("#submit")
    p.wait_for_url("**/t/*")
    p.wait_for_function("document.getElementById('status').textContent === 'Đang chờ'")
    sent = phone.posted()
    assert sent["phone"] == ["0912 345 678"] and sent["consent"] == ["1"]
    code = p.url.split("/t/")[1].split("?")[0]
    track = srv.api("GET", f"/public/tickets/{code}").json()
    assert p.text_content("#number") == track["number"] and track["service_id"] == FIELD
    phone.shot(out, "track-vi")
    phone.close()


def test_no_consent_no_phone_number_sent(live_server: LiveServer, browser: Any) -> None:
    srv = live_server
    configure(srv)
    phone = Phone(browser, srv)
    p = phone.page
    phone.go(f"/m/f/{FIELD}/take")
    p.tap("#consent")
    p.fill("#phone", "0912 345 678")
    p.tap("#consent")  # changed their mind: the box unticked empties the number
    assert p.input_value("#phone") == "" and p.is_disabled("#phone")
    p.tap("#submit")
    p.wait_for_url("**/t/*")
    sent = phone.posted()
    assert "phone" not in sent and "consent" not in sent
    phone.close()


def test_book_a_time_see_code_and_qr_then_cancel(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    configure(srv)
    for lang in ("vi", "en"):
        phone = Phone(browser, srv)
        p = phone.page
        phone.go(f"/m/f/{FIELD}?lang={lang}")
        p.tap("#book-go")
        p.wait_for_selector("#days")
        p.tap(f'#days a[data-date="{tomorrow()}"]')
        p.wait_for_selector(f'#days a.on[data-date="{tomorrow()}"]')
        phone.shot(out, f"book-{lang}")
        p.locator("#slots label.slot:has(input:not([disabled]))").first.tap()
        chosen = p.eval_on_selector("input[name=slot_start]:checked", "e => e.value")
        p.tap("#submit")
        p.wait_for_url("**/m/b/*")
        code = p.text_content("#code") or ""
        assert p.url.endswith(f"/m/b/{code}")
        assert p.evaluate("document.getElementById('qr').naturalWidth") > 0  # the QR drew
        api = srv.api("GET", f"/public/appointments/{code}").json()
        assert api["slot_start"][:16] == chosen[:16]
        when = p.text_content("#when") or ""
        assert when.endswith(chosen[11:16] + "–" + api["slot_end"][11:16])
        phone.shot(out, f"booking-{lang}")
        p.once("dialog", lambda d: d.accept())
        p.tap("#cancel")
        p.wait_for_selector("#heading")
        assert code in (p.text_content("#heading") or "")
        phone.shot(out, f"cancelled-{lang}")
        assert srv.api("GET", f"/public/appointments/{code}").status_code == 404
        phone.close()


def test_a_refusal_is_said_plainly(live_server: LiveServer, browser: Any, tmp_path: Path) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    configure(srv, daily_cap=1)
    first = srv.api("POST", "/public/tickets", json={"service_id": FIELD})
    assert first.status_code == 201, first.text
    phone = Phone(browser, srv)
    p = phone.page
    phone.go(f"/m/f/{FIELD}")
    assert p.text_content("#why-not") == ERROR_TITLES[ErrorCode.REMOTE_CAP_REACHED]
    assert not p.is_visible("#take-go")
    phone.shot(out, "refused-cap-vi")
    phone.go(f"/m/f/{FIELD}?lang=en")
    assert "all taken" in (p.text_content("#why-not") or "")
    phone.shot(out, "refused-cap-en")
    # outside hours: the centre open only on another weekday
    other = WEEKDAYS[(datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).weekday() + 3) % 7]
    configure(srv, enforce=True, hours={other: ["07:00", "17:00"]})
    phone.go(f"/m/f/{FIELD}/take?lang=vi")
    assert p.text_content("#why-not") == ERROR_TITLES[ErrorCode.OUTSIDE_HOURS]
    phone.shot(out, "refused-hours-vi")
    phone.go("/m/?lang=vi")
    assert p.text_content("#today") == "Hôm nay trung tâm không làm việc"
    phone.close()


def test_english_is_one_tap_away_and_remembered(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    configure(srv)
    phone = Phone(browser, srv)
    p = phone.page
    phone.go("/m/")
    p.tap("#lang")
    p.wait_for_url("**/m/?lang=en")
    assert p.text_content("h1") == "Take a number, book a time"
    phone.shot(out, "home-en")
    p.tap(f'[data-field="{FIELD}"]')  # a link without ?lang: still English
    p.wait_for_selector("#take-go")
    assert p.text_content("h1") == "Justice"
    phone.shot(out, "field-en")
    p.tap('[data-procedure="tu-phap-03"]')
    p.wait_for_selector("#documents")
    assert p.text_content("#documents li") == "Tờ khai đăng ký khai sinh (theo mẫu)"
    assert p.get_attribute("#portal", "href", timeout=1000).startswith("https://dichvucong.gov.vn/")
    phone.shot(out, "procedure-en")
    p.tap("#take-go")
    p.wait_for_selector("#form")
    assert "I agree to give my phone number" in (p.text_content("#consent-text") or "")
    phone.shot(out, "take-en")
    p.tap("#submit")
    p.wait_for_url("**/t/*?lang=en")
    p.wait_for_function("document.getElementById('l-your').textContent === 'Your number'")
    phone.shot(out, "track-en")
    phone.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_small_and_within_the_phone(
    live_server: LiveServer, browser: Any, tmp_path: Path, lang: str
) -> None:
    """Each page whole (one request: its style and script inline) is a few KB."""
    srv, out = live_server, screenshot_dir(tmp_path)
    configure(srv)
    phone = Phone(browser, srv)
    sizes = {}
    for name, path in [
        ("home", "/m/"),
        ("field", f"/m/f/{FIELD}"),
        ("field-closed", "/m/f/dat-dai"),
        ("take", f"/m/f/{FIELD}/take"),
        ("book", f"/m/f/{FIELD}/book?date={tomorrow()}"),
        ("procedure", "/m/p/dat-dai-01"),
        ("procedure-bare", "/m/p/xay-dung-02"),
        ("door", "/m/door"),
        ("not-found", "/m/f/no-such-field"),
    ]:
        before = len(phone.requests)
        response = phone.go(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert response.status == (404 if name == "not-found" else 200), name
        loads = phone.requests[before:]
        sizes[name] = sum(len(r.response().body()) for r in loads if r.response())
        assert len(loads) == 1, [r.url for r in loads]  # the page alone, nothing else
        phone.shot(out, f"{name}-{lang}")
    print(f"page weights ({lang}):", sizes)
    assert max(v for k, v in sizes.items() if k != "door") < 24_000, sizes
    phone.close()
