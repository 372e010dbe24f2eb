"""A province supervisor picks another centre in the console's header and sees that
centre's hall and alerts; a centre supervisor has no picker and cannot name another
centre (`?site=` answers 403)."""

from typing import Any

import pytest

from motcua.demo import SAMPLE
from protocol.enums import Role
from server.centre import load_centre_file
from server.commands.accounts import add_user
from server.commands.setup import load_centre
from server.commands.supervision import check_all_sites
from tests.server.console.conftest import Console
from tests.support.live_server import SITE, ThreadServer

pytestmark = pytest.mark.slow
OTHER = "trung-tam-huyen"
PASSWORD = "mat-khau-dai"


def second_centre(srv: ThreadServer) -> dict[str, Any]:
    """A district centre in the same database, with a kiosk whose printer is out of
    paper and one citizen waiting; returns that citizen's ticket."""
    assert srv.app is not None
    ctx = srv.app.state.services.ctx
    cfg = load_centre_file(SAMPLE).model_copy(
        update={
            "site": OTHER,
            "name": "Trung tâm huyện Đức Trọng",
            "name_en": "Duc Trong District Centre",
            "enforce_hours": False,
        }
    )
    load_centre(ctx, cfg, new_site=True)
    home = srv.api("GET", "/catalog", srv.kiosk_token).json()["site"]
    add_user(ctx, home, "tinh-gs", Role.SUPERVISOR, PASSWORD, province=True)
    add_user(ctx, home, "tinh-qt", Role.ADMIN, PASSWORD, province=True)
    admin = srv.login("tinh-qt", PASSWORD)
    r = srv.api(
        "POST", f"/admin/devices?site={OTHER}", admin, json={"name": "kiosk-dt", "role": "kiosk"}
    )
    assert r.status_code == 201, r.text
    kiosk = r.json()["token"]
    r = srv.api("POST", "/tickets", kiosk, json={"service_id": "dat-dai"})
    assert r.status_code == 201, r.text
    ticket: dict[str, Any] = r.json()
    r = srv.api("POST", "/devices/me/printer", kiosk, json={"state": "paper-out"})
    assert r.status_code < 300, r.text
    check_all_sites(ctx)
    return ticket


def test_a_province_supervisor_picks_a_centre(console: Console) -> None:
    srv, c = console.srv, console
    assert isinstance(srv, ThreadServer)
    ticket = second_centre(srv)
    page = c.login("tinh-gs", PASSWORD)
    home = c.text("[data-testid=centre]")
    assert "Lâm Đồng" in home
    page.wait_for_selector("[data-testid=alert-count]", state="hidden")  # home: calm
    page.click("[data-testid=site]")
    page.click(".q-menu >> text=Trung tâm huyện Đức Trọng")
    page.wait_for_selector("[data-testid=centre]:has-text('Đức Trọng')")
    page.wait_for_selector(f"text={ticket['number']}")  # its hall: the citizen waiting
    page.wait_for_selector("[data-testid=alert-count]:has-text('1')")
    c.shot("province-hall-vi")

    c.open("/alerts")  # remembered: the next page is the same centre
    page.wait_for_selector("[data-testid=centre]:has-text('Đức Trọng')")
    row = page.locator("[data-testid=alerts] tbody tr", has_text="kiosk-dt")
    row.wait_for()
    c.shot("province-alerts-vi")
    row.locator("button").click()
    row.locator("text=tinh-gs").wait_for()
    prov = srv.login("tinh-gs", PASSWORD)
    (alert,) = srv.api("GET", f"/alerts?site={OTHER}", prov).json()
    assert alert["device"] == "kiosk-dt" and alert["acked_by"] == "user:tinh-gs"
    assert srv.api("GET", "/alerts", prov).json() == []  # home had none

    page.click("[data-testid=site]")
    page.click(".q-menu >> text=Lâm Đồng")
    page.wait_for_selector(f"[data-testid=centre]:has-text('{home}')")


def test_a_centre_supervisor_has_no_picker(console: Console) -> None:
    srv, c = console.srv, console
    assert isinstance(srv, ThreadServer)
    second_centre(srv)
    page = c.login("giamsat")
    page.wait_for_selector("[data-testid=centre]:has-text('Lâm Đồng')")
    assert page.locator("[data-testid=site]").count() == 0
    token = srv.login("giamsat")
    assert [s["code"] for s in srv.api("GET", "/admin/sites", token).json()] == [SITE]
    for path in ("/alerts", "/state", "/catalog", "/waiting"):
        r = srv.api("GET", f"{path}?site={OTHER}", token)
        assert r.status_code == 403 and r.json()["type"] == "forbidden", path
