"""Logging in to the console: who may, what a refusal says, where a lost session goes;
and every page of the console in both languages at 1366×768 (screenshots to look at)."""

import pytest

from tests.server.console.conftest import Console

pytestmark = pytest.mark.slow

PAGES = ("/", "/alerts", "/audit", "/users", "/devices", "/centre")


def test_a_wrong_password_says_so_in_the_servers_words(console: Console) -> None:
    page = console.login("giamsat", "not-the-password", expect_ok=False)
    page.wait_for_selector("text=Sai tên đăng nhập hoặc mật khẩu")
    assert page.url.endswith("/console/login")
    console.shot("login-vi-wrong-password")


def test_a_clerk_is_told_the_console_is_for_supervisors(console: Console) -> None:
    page = console.login("canbo1", expect_ok=False)
    page.wait_for_selector("[data-testid=login-error]:has-text('giám sát viên')")
    page.goto(f"{console.srv.url}/console/")  # nothing kept: still the login page
    page.wait_for_selector("[data-testid=login]")
    assert page.url.endswith("/console/login")


def test_too_many_attempts_say_how_long_to_wait(console: Console) -> None:
    srv = console.srv
    refused = None
    for _ in range(12):
        r = srv.http.post("/auth/login", json={"username": "canbo2", "password": "wrong-one"})
        if r.status_code == 429:
            refused = r
            break
    assert refused is not None, "the sixth failed login is refused"
    page = console.login("canbo2", "wrong-one", expect_ok=False)
    page.wait_for_selector("text=Thử lại sau")
    assert refused.json()["title"] in console.text("[data-testid=login-error]")


def test_supervisor_and_admin_see_their_pages_and_a_lost_session_goes_to_login(
    console: Console,
) -> None:
    page = console.login("giamsat")
    nav = page.locator(".q-drawer").inner_text()
    assert "Sảnh chờ" in nav and "Cảnh báo" in nav and "Nhật ký" in nav
    assert "Tài khoản" not in nav and "Thiết bị" not in nav
    console.open("/users")
    page.wait_for_selector("text=Trang này dành cho quản trị viên.")
    page.click("[data-testid=logout]")
    page.wait_for_selector("[data-testid=login]")
    console.open("/")
    page.wait_for_selector("[data-testid=login]")  # logged out: back to the login page

    page = console.login("admin")
    nav = page.locator(".q-drawer").inner_text()
    for entry in ("Sảnh chờ", "Cảnh báo", "Nhật ký", "Tài khoản", "Thiết bị", "Cấu hình"):
        assert entry in nav
    # The session ends on the server (e.g. an admin disables the user): the next page
    # the console asks for sends the browser to the login page.
    token = _console_token(console)
    assert console.srv.api("POST", "/auth/logout", token).status_code == 204
    console.open("/audit")
    page.wait_for_selector("[data-testid=login]")


def _console_token(console: Console) -> str:
    """The bearer token the console holds for this browser (server-side storage)."""
    import json
    from pathlib import Path

    folder = Path(console.srv.workdir) / "console" / "sessions"
    tokens = []
    for f in folder.glob("storage-user-*.json"):
        data = json.loads(f.read_text() or "{}")
        if data.get("token"):
            tokens.append(data["token"])
    assert len(tokens) == 1, tokens
    return tokens[0]


def test_every_page_in_both_languages(console: Console) -> None:
    page = console.login("admin")
    for lang in ("vi", "en"):
        if lang == "en":
            console.lang("en")
        for path in PAGES:
            console.open(path)
            page.wait_for_selector("[data-testid=who]")
            page.wait_for_timeout(800)  # the first poll's answer
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1366, f"{path} ({lang}) overflows: {width}px"
            name = path.strip("/") or "hall"
            console.shot(f"page-{name}-{lang}")
    console.open("/")
    assert "Live hall" in console.text(".q-page")
    page.click("[data-testid=logout]")
    page.wait_for_selector("[data-testid=login]")
    assert console.text("[data-testid=login]").strip().lower() == "log in"
    console.shot("login-en")
