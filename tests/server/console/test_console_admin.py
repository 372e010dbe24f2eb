"""The admin's pages in a browser: accounts (a disabled clerk's open session is refused
at once) and devices (a token shown once; a revoked kiosk is refused at once)."""

import pytest

from tests.server.console.conftest import Console

pytestmark = pytest.mark.slow


def test_add_a_clerk_then_disable_them_ends_their_session(console: Console) -> None:
    srv, c = console.srv, console
    page = c.login("admin")
    c.open("/users")
    page.wait_for_selector("[data-testid=users] >> text=canbo1")
    page.click("[data-testid=user-add]")
    page.fill("[data-testid=new-username]", "lan")
    page.fill("[data-testid=new-fullname]", "Nguyễn Thị Lan")
    page.fill("[data-testid=new-password]", "mat-khau-du-dai")
    c.shot("users-vi-add")
    page.click("[data-testid=new-save]")
    page.wait_for_selector("[data-testid=users] >> text=Nguyễn Thị Lan")

    lan = srv.login("lan", "mat-khau-du-dai")  # as the counter app holds it
    assert srv.api("GET", "/auth/me", lan).status_code == 200
    page.click("[data-testid=toggle-lan]")
    assert "lan" in c.text("[data-testid=question]")
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=users] tr:has-text('Nguyễn Thị Lan') >> text=Đã khóa")
    assert srv.api("GET", "/auth/me", lan).status_code == 401  # at once
    c.shot("users-vi")


def test_a_short_password_is_refused_and_nothing_changes(console: Console) -> None:
    srv, c = console.srv, console
    page = c.login("admin")
    c.open("/users")
    page.wait_for_selector("[data-testid=users] >> text=canbo1")
    page.click("[data-testid=user-add]")
    page.fill("[data-testid=new-username]", "ngan")
    page.fill("[data-testid=new-password]", "short")
    page.click("[data-testid=new-save]")
    page.wait_for_selector("text=Dữ liệu nhập chưa hợp lệ")
    names = [u["username"] for u in srv.api("GET", "/admin/users", srv.admin_token).json()]
    assert "ngan" not in names


def test_add_a_kiosk_see_its_token_once_then_revoke_it(console: Console) -> None:
    srv, c = console.srv, console
    page = c.login("admin")
    c.open("/devices")
    page.wait_for_selector("[data-testid=devices] >> text=kiosk-1")
    page.click("[data-testid=device-add]")
    page.fill("[data-testid=new-device]", "kiosk-sanh-b")
    page.click("[data-testid=device-save]")
    token = c.text("[data-testid=device-token]").strip()
    assert len(token) >= 20
    assert "chỉ hiện một lần" in c.text("[data-testid=token-warning]")
    c.shot("devices-vi-token")
    assert srv.api("GET", "/auth/me", token).json()["name"] == "kiosk-sanh-b"
    page.click("[data-testid=token-close]")
    page.wait_for_selector("[data-testid=devices] >> text=kiosk-sanh-b")

    page.click("[data-testid=revoke-kiosk-sanh-b]")
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=devices] tr:has-text('kiosk-sanh-b') >> text=Đã thu hồi")
    r = srv.api("POST", "/tickets", token, json={"service_id": "dat-dai"})
    assert r.status_code == 401  # its next request is refused
    c.shot("devices-vi")
