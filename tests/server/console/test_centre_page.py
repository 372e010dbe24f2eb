"""The centre configuration editor (`/console/centre`, issue 10) in a real headless
Chromium against a live server with the sample centre, logged in as admin: a field and a
counter added in the page reach the kiosk's catalog; two fields' numbers made to collide
are refused with the server's words on the field's row; a field removed while citizens
wait asks what becomes of them, and "move" moves their tickets. Screenshots of every tab,
in Vietnamese and English at 1366×768, go to $MOTCUA_SCREENSHOT_DIR (else the test's tmp
dir). Needs Debian's chromium and playwright (skips, saying which, without them)."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from server.console.centre_specs import TABS
from tests.support.browser import screenshot_dir
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.slow
SCREEN = {"width": 1366, "height": 768}


def editor(browser: Any, srv: LiveServer, lang: str = "vi") -> Any:
    """A page logged in as admin, on the centre editor."""
    page = browser.new_context(viewport=SCREEN, locale="vi-VN").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{srv.url}/console/login")
    if lang == "en":
        page.locator('[data-testid="lang"]').get_by_text("EN").click()
        page.wait_for_selector('text="Log in"')
    page.locator('[data-testid="username"]').fill("admin")
    page.locator('[data-testid="password"]').fill(srv.password)
    page.locator('[data-testid="login"]').click()
    page.wait_for_url(f"{srv.url}/console/")
    page.goto(f"{srv.url}/console/centre")
    page.wait_for_selector('[data-testid="panel-general"]')
    return page


def tab(page: Any, name: str) -> Any:
    page.locator(f'[data-testid="tab-{name}"]').click()
    panel = page.locator(f'[data-testid="panel-{name}"]')
    panel.wait_for()
    return panel


def fill(scope: Any, key: str, value: str) -> None:
    scope.locator(f'[data-key="{key}"]').fill(value)


def row(panel: Any, table: str, key: str) -> Any:
    return panel.locator(f'[data-testid="{table}"] tr[data-row="{key}"]')


def save(page: Any) -> None:
    page.locator('[data-testid="save"]').click()


def dialog(page: Any) -> Any:
    d = page.locator(".q-dialog").last
    d.wait_for()
    return d


def snap(page: Any, path: Path) -> None:
    page.wait_for_timeout(500)  # dialogs and tabs slide in: let them settle for the picture
    page.screenshot(path=str(path))


def issue(srv: LiveServer, service_id: str) -> dict[str, Any]:
    r = srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": service_id})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_every_tab_in_both_languages(live_server: LiveServer, browser: Any, tmp_path: Path) -> None:
    out = screenshot_dir(tmp_path)
    for lang, title in (("vi", "Cấu hình trung tâm"), ("en", "Centre configuration")):
        page = editor(browser, live_server, lang)
        assert page.locator(".text-h5", has_text=title).count() == 1
        for name in TABS:
            tab(page, name)
            snap(page, out / f"centre-{lang}-{name}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
        with page.expect_download() as download:
            page.locator('[data-testid="download"]').click()
        centre = yaml.safe_load(Path(download.value.path()).read_text(encoding="utf-8"))
        assert centre["site"] == "trung-tam-tinh" and len(centre["counters"]) == 21
        page.context.close()


def test_a_new_field_and_its_counter_reach_the_kiosk(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    page = editor(browser, srv)
    fields = tab(page, "fields")
    fields.locator('[data-testid="add-services"]').click()
    d = dialog(page)
    for key, value in (
        ("id", "thue"),
        ("name", "Thuế"),
        ("name_en", "Tax"),
        ("numbers.start", "18001"),
        ("numbers.end", "18999"),
        ("keywords", "thuế, mã số thuế"),
    ):
        fill(d, key, value)
    d.locator('[data-testid="ok"]').click()
    row(fields, "services", "thue").wait_for()
    row(fields, "services", "thue").locator('[data-action="extra"]').click()
    procedures = dialog(page)
    procedures.locator('[data-testid="add-procedures"]').click()
    d = dialog(page)
    fill(d, "id", "thue-01")
    fill(d, "name", "Đăng ký thuế lần đầu")
    d.locator('[data-testid="ok"]').click()
    procedures.locator('[data-testid="procedures"] tr[data-row="thue-01"]').wait_for()
    snap(page, out / "centre-vi-procedures-dialog.png")
    procedures.locator('[data-testid="close"]').click()
    assert page.locator('[data-testid="unsaved"]').is_visible()

    counters = tab(page, "counters")
    counters.locator('[data-testid="add-counters"]').click()
    d = dialog(page)
    fill(d, "id", "22")
    fill(d, "name", "Quầy thuế")
    d.locator('[data-testid="counter-field"]').click()
    page.locator(".q-menu .q-item", has_text="(thue)").click()
    page.locator(".q-menu").wait_for(state="detached")
    snap(page, out / "centre-vi-counter-dialog.png")
    d.locator('[data-testid="ok"]').click()
    row(counters, "counters", "22").wait_for()
    assert "Thuế" in row(counters, "counters", "22").inner_text()

    save(page)
    page.wait_for_selector('text="Đã lưu cấu hình trung tâm"')
    assert not page.locator('[data-testid="unsaved"]').is_visible()
    catalog = srv.api("GET", "/catalog", srv.kiosk_token).json()
    thue = next(s for s in catalog["services"] if s["id"] == "thue")
    assert [p["id"] for p in thue["procedures"]] == ["thue-01"]
    counter = next(c for c in catalog["counters"] if c["id"] == 22)
    assert counter["services"] == ["thue"]
    assert issue(srv, "thue")["number"] == "18001"
    page.context.close()


def test_colliding_numbers_are_refused_on_the_field(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    page = editor(browser, live_server)
    fields = tab(page, "fields")
    row(fields, "services", "xay-dung").locator('[data-action="edit"]').click()
    d = dialog(page)
    fill(d, "numbers.start", "1500")  # inside Đất đai's 1001–1999
    d.locator('[data-testid="ok"]').click()
    save(page)
    problem = fields.locator('[data-testid="row-problem"]')
    problem.wait_for()
    assert "xay-dung" in problem.inner_text() and "dat-dai" in problem.inner_text()
    assert fields.locator('[data-testid="problems"]').inner_text().count("xay-dung") >= 1
    assert page.locator('[data-testid="tab-fields"] .q-badge').inner_text() == "1"
    snap(page, screenshot_dir(tmp_path) / "centre-vi-refused.png")
    # The dialog of the refused field shows the error on the input it is about.
    row(fields, "services", "xay-dung").locator('[data-action="edit"]').click()
    d = dialog(page)
    said = d.locator('.q-field:has([data-key="numbers.start"]) .q-field__messages')
    assert "dat-dai" in said.inner_text()
    snap(page, screenshot_dir(tmp_path) / "centre-vi-refused-dialog.png")
    # Nothing was saved: the kiosk's field keeps its numbers.
    catalog = live_server.api("GET", "/catalog", live_server.kiosk_token).json()
    assert "xay-dung" in [s["id"] for s in catalog["services"]]
    assert issue(live_server, "xay-dung")["number"] == "2001"
    page.context.close()


def test_removing_a_field_with_citizens_waiting_moves_them(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv = live_server
    waiting = [issue(srv, "xay-dung")["id"] for _ in range(2)]
    page = editor(browser, srv)
    fields = tab(page, "fields")
    row(fields, "services", "xay-dung").locator('[data-action="remove"]').click()
    dialog(page).locator('[data-testid="yes"]').click()
    row(fields, "services", "xay-dung").wait_for(state="detached")
    save(page)
    asked = page.locator('[data-testid="in-use"]')
    asked.wait_for()
    assert "Xây dựng (xay-dung) còn 2 công dân đang chờ" in asked.inner_text()
    snap(page, screenshot_dir(tmp_path) / "centre-vi-in-use.png")
    asked.locator('[data-testid="in-use-target"]').click()
    page.locator(".q-menu .q-item", has_text="(tu-phap)").click()
    asked.locator('[data-testid="in-use-go"]').click()
    page.wait_for_selector('text="Đã lưu cấu hình trung tâm"')
    state = srv.api("GET", "/state", srv.display_token).json()
    assert "xay-dung" not in [s["id"] for s in state["services"]]
    moved = {t["id"]: t["service_id"] for t in state["waiting"] if t["id"] in waiting}
    assert moved == dict.fromkeys(waiting, "tu-phap")
    page.context.close()


def test_phones_and_what_to_bring_are_edited_and_reach_the_phones(
    live_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    srv, out = live_server, screenshot_dir(tmp_path)
    page = editor(browser, srv)
    phones = tab(page, "phones")
    fill(phones, "phones.retention_days", "14")
    row(phones, "phone-fields", "dat-dai").locator('[data-action="edit"]').click()
    d = dialog(page)
    d.locator('[data-key="remote.enabled"]').click()
    fill(d, "remote.daily_cap", "25")
    snap(page, out / "centre-vi-field-phones-dialog.png")
    d.locator('[data-testid="ok"]').click()
    row(phones, "phone-fields", "dat-dai").wait_for()

    fields = tab(page, "fields")
    row(fields, "services", "dat-dai").locator('[data-action="extra"]').click()
    procedures = dialog(page)
    procedures.locator('[data-testid="procedures"] tr[data-row="dat-dai-02"]').locator(
        '[data-action="edit"]'
    ).click()
    d = page.locator(".q-dialog").last
    d.locator('[data-key="documents"]').wait_for()
    fill(d, "documents", "Đơn đề nghị cấp đổi (Mẫu số 10/ĐK)\nBản gốc Giấy chứng nhận đã cấp")
    fill(d, "fee", "Theo Nghị quyết của HĐND tỉnh")
    fill(d, "result_time", "Không quá 07 ngày làm việc")
    snap(page, out / "centre-vi-procedure-info-dialog.png")
    d.locator('[data-testid="ok"]').click()
    procedures.locator('[data-testid="close"]').click()
    save(page)
    page.wait_for_selector('text="Đã lưu cấu hình trung tâm"')

    centre = srv.api("GET", "/public/centre").json()
    assert centre["phones"]["retention_days"] == 14
    land = next(s for s in centre["services"] if s["id"] == "dat-dai")
    assert land["remote"]["offered"] is True
    proc = next(p for p in land["procedures"] if p["id"] == "dat-dai-02")
    assert proc["documents"] == [
        "Đơn đề nghị cấp đổi (Mẫu số 10/ĐK)",
        "Bản gốc Giấy chứng nhận đã cấp",
    ]
    assert (proc["fee"], proc["result_time"]) == (
        "Theo Nghị quyết của HĐND tỉnh",
        "Không quá 07 ngày làm việc",
    )
    page.context.close()
