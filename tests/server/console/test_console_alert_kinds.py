"""Every kind of alert in a browser, against a live server on a fake clock: a supervisor
watching the alerts page sees a long wait, a long pause, an idle counter, a kiosk out of
paper and a hall TV gone quiet appear (badge, toast, one row each, saying the counter,
the ticket and how long), acknowledges each, and the API then names who did."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, update

from server.commands.supervision import check_all_sites
from server.domain.clock import FakeClock, SystemClock
from server.store.tables import Device
from tests.server.console.conftest import Console, act, issue
from tests.support.databases import prepared_database
from tests.support.live_server import ThreadServer

pytestmark = pytest.mark.slow
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
KINDS = {  # the Alerts page's words for each kind
    "long-wait": "Chờ lâu",
    "long-pause": "Nghỉ lâu",
    "idle-counter": "Quầy không gọi số",
    "printer": "Máy in",
    "device-offline": "Thiết bị mất kết nối",
}


def next_monday_nine() -> datetime:
    """A working day at 09:00 (the sample centre opens Monday to Saturday)."""
    today = SystemClock().now().astimezone(TZ).date()
    return datetime.combine(today + timedelta(days=7 - today.weekday()), time(9), TZ)


@pytest.fixture
def clocked(tmp_path: Path) -> Iterator[ThreadServer]:
    """The sample centre on a fake clock; the alert loop effectively off (the test checks
    through the server's own context when it has moved the clock)."""
    clock = FakeClock(next_monday_nine())
    with prepared_database("sqlite", tmp_path) as (url, tokens):
        env = {"MOTCUA_ALERT_CHECK_INTERVAL_S": str(24 * 3600)}
        srv = ThreadServer(url, tmp_path, tokens=tokens, clock=clock, env=env)
        srv.start()
        try:
            yield srv
        finally:
            srv.close()


@pytest.fixture
def watcher(browser: Any, clocked: ThreadServer, shots: Path) -> Iterator[Console]:
    c = Console(browser, clocked, shots)
    try:
        yield c
    finally:
        c.close()


def last_seen(srv: ThreadServer, device: str, at: datetime) -> None:
    engine = create_engine(srv.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(update(Device).where(Device.name == device).values(last_seen=at))
    finally:
        engine.dispose()


def trip_every_kind(srv: ThreadServer) -> dict[str, Any]:
    """A citizen of Justice waits at 09:00 while counter 9 (Justice) sits open and idle,
    counter 8 pauses, the kiosk runs out of paper and the hall TV is last seen; then an
    hour and a minute pass and the server checks."""
    assert srv.clock is not None and srv.app is not None
    clerk8, clerk9 = srv.login("canbo8"), srv.login("canbo9")
    act(srv, clerk8, 8, "open")
    r = srv.api("POST", "/counters/8/pause", clerk8, json={"reason": "Họp"})
    assert r.status_code == 200, r.text
    act(srv, clerk9, 9, "open")
    ticket = issue(srv, "tu-phap")
    r = srv.api("POST", "/devices/me/printer", srv.kiosk_token, json={"state": "paper-out"})
    assert r.status_code < 300, r.text
    srv.app.state.services.seen.flush()  # the kiosk's last_seen, now, as the server would
    start = srv.clock.now()
    last_seen(srv, "hall-tv", start)
    last_seen(srv, "kiosk-1", start + timedelta(minutes=61))  # it keeps calling in
    srv.clock.advance(minutes=61)
    check_all_sites(srv.app.state.services.ctx)
    return ticket


def test_each_kind_appears_live_and_is_acknowledged(watcher: Console) -> None:
    srv, c = watcher.srv, watcher
    assert isinstance(srv, ThreadServer)
    page = c.login("giamsat")
    c.open("/alerts")
    page.wait_for_selector("[data-testid=alerts] >> text=Không có cảnh báo nào")
    ticket = trip_every_kind(srv)

    page.wait_for_selector("[data-testid=alert-count]:has-text('5')")  # no reload
    page.wait_for_selector(".q-notification >> text=Cảnh báo mới")
    rows = page.locator("[data-testid=alerts] tbody tr")
    for words in KINDS.values():
        rows.filter(has_text=words).first.wait_for()
    assert rows.count() == 5
    wait = rows.filter(has_text="Chờ lâu")
    assert ticket["number"] in wait.inner_text()
    day = next_monday_nine().strftime("%d/%m/%Y")
    assert f"{day} 09:00" in wait.inner_text()  # since when: the centre's time, dd/mm/yyyy
    assert "1:01:00" in wait.inner_text()  # for how long
    assert "\t8\t" in rows.filter(has_text="Nghỉ lâu").inner_text()  # the counter's column
    assert "\t9\t" in rows.filter(has_text="Quầy không gọi số").inner_text()
    assert "hall-tv" in rows.filter(has_text="Thiết bị mất kết nối").inner_text()
    c.shot("alerts-all-vi")
    c.lang("en")
    c.open("/alerts")
    page.wait_for_selector("[data-testid=alerts] >> text=Long pause")
    c.shot("alerts-all-en")
    c.lang("vi")
    c.open("/alerts")

    for n, words in enumerate(KINDS.values(), start=1):
        row = page.locator("[data-testid=alerts] tbody tr", has_text=words)
        row.locator("button").click()
        row.locator("text=giamsat").wait_for()
        left = 5 - n
        if left:
            page.wait_for_selector(f"[data-testid=alert-count]:has-text('{left}')")
    page.wait_for_selector("[data-testid=alert-count]", state="hidden")
    assert page.locator("[data-testid=alerts] tbody button").count() == 0
    c.shot("alerts-acked-vi")

    listed = srv.api("GET", "/alerts", srv.admin_token).json()
    assert sorted(a["kind"] for a in listed) == sorted(KINDS)
    assert {a["acked_by"] for a in listed} == {"user:giamsat"}
    assert all(a["acked_at"] for a in listed)
