"""Web push end to end in headless Chromium (issue 14): the tracking page's button
subscribes, and the server delivers "near" (at the field's notify_ahead, 3 in the sample)
and "called", encrypted with pywebpush and signed with its VAPID key, to a local fake push
service, which decrypts them with the key pair the test's "phone" made.

Chromium cannot reach a real push service offline: an init script makes
`PushManager.prototype.subscribe` answer a subscription whose endpoint is the fake
service (and records the applicationServerKey it was given). Skips without Chromium or
Playwright, as tests/server/api/test_phone_page_browser.py."""

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from tests.server.notify.fakes import PhoneKeys, fake_http
from tests.server.notify.live import kiosk_ticket, messages, notify_server
from tests.server.notify.support import wait_until
from tests.support.browser import PHONE

pytestmark = pytest.mark.slow

FAKE_SUBSCRIBE = """
(() => {
  const endpoint = %(endpoint)s, keys = %(keys)s;
  const sub = {
    endpoint, expirationTime: null, options: {userVisibleOnly: true},
    toJSON() { return {endpoint, expirationTime: null, keys}; },
    getKey() { return null; }, unsubscribe() { return Promise.resolve(true); }
  };
  PushManager.prototype.subscribe = function (opts) {
    window.__appKey = Array.from(new Uint8Array(opts.applicationServerKey));
    return Promise.resolve(sub);
  };
  PushManager.prototype.getSubscription = function () { return Promise.resolve(null); };
})();
"""


def act(srv: Any, clerk: str, action: str) -> None:
    r = srv.api("POST", f"/counters/1/{action}", clerk)
    assert r.status_code == 200, r.text


def test_the_phone_subscribes_and_gets_near_and_called(browser: Any, tmp_path: Path) -> None:
    phone = PhoneKeys()
    with fake_http(default=201) as push, notify_server(tmp_path) as srv:
        tickets = [kiosk_ticket(srv) for _ in range(5)]
        mine = tickets[-1]  # 4 ahead
        ctx = browser.new_context(viewport=PHONE, permissions=["notifications"])
        endpoint = f"{push.url}/wpush/v2/phone-1"
        ctx.add_init_script(
            FAKE_SUBSCRIBE % {"endpoint": json.dumps(endpoint), "keys": json.dumps(phone.keys())}
        )
        page = ctx.new_page()
        page.goto(f"{srv.url}/t/{mine['tracking_code']}")
        page.wait_for_selector("#push-on", timeout=10_000)
        assert page.text_content("#push-on") == "Báo cho tôi khi sắp đến lượt"
        page.click("#push-on")
        page.wait_for_function(
            "document.getElementById('push-msg').textContent.startsWith('Điện thoại này')",
            timeout=10_000,
        )
        assert not page.is_visible("#push-on")
        server_key = srv.api("GET", "/public/push-key").json()["public_key"]
        app_key = bytes(page.evaluate("window.__appKey"))
        assert app_key == phone_b64(server_key) and len(app_key) == 65

        clerk = srv.login("canbo1")
        act(srv, clerk, "open")
        act(srv, clerk, "call-next")  # 1001 called: 3 ahead of mine
        path, headers, body = push.next()
        assert path == "/wpush/v2/phone-1"
        assert headers["content-encoding"] == "aes128gcm"
        assert (
            headers["authorization"].startswith("vapid t=")
            and f"k={server_key}" in headers["authorization"]
        )
        near = phone.decrypt(body)
        assert near["kind"] == "near" and near["number"] == mine["number"]
        assert near["body"] == (
            f"Số {mine['number']} (Đất đai): sắp đến lượt, còn 3 người trước bạn. "
            "Mời bạn về gần quầy."
        )
        for _ in range(4):  # 1002, 1003, 1004, then mine
            act(srv, clerk, "start")
            act(srv, clerk, "finish")
            act(srv, clerk, "call-next")
        called = phone.decrypt(push.next()[2])
        assert called["kind"] == "called"
        assert called["body"] == f"Mời công dân có số thứ tự {mine['number']} đến quầy số 1"
        assert called["title"] == f"Số thứ tự {mine['number']}"
        assert called["url"] == f"/t/{mine['tracking_code']}?lang=vi"
        page.wait_for_selector("#go.on", timeout=10_000)  # the page itself also shows it
        listed = wait_until(lambda: (m := messages(srv))["sent"] == 2 and m, what="both sent")
        assert [(i["kind"], i["channel"], i["status"]) for i in listed["items"]] == [
            ("called", "push", "sent"),
            ("near", "push", "sent"),
        ]
        assert push.pending() == 0  # one message per kind
        ctx.close()


def phone_b64(key: str) -> bytes:
    return base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))


def test_no_button_where_the_browser_cannot_push(browser: Any, tmp_path: Path) -> None:
    with notify_server(tmp_path) as srv:
        mine = kiosk_ticket(srv)
        ctx = browser.new_context(viewport=PHONE)
        ctx.add_init_script("delete window.PushManager;")
        page = ctx.new_page()
        page.goto(f"{srv.url}/t/{mine['tracking_code']}")
        page.wait_for_function(
            f"document.getElementById('number').textContent === {mine['number']!r}"
        )
        page.wait_for_load_state("load")
        assert page.query_selector("#push-on") is None
        ctx.close()
