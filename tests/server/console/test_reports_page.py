"""The reports pages in a browser: the figures the API answers, written the Vietnamese
way; another breakdown; the Excel file; the A4 print layout (as a PDF) with the centre,
the period and the date of printing. Screenshots and the PDF go to
$MOTCUA_SCREENSHOT_DIR (e.g. /tmp/shots/reports-console)."""

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from server.console import fmt
from tests.server.console.conftest import Console, act, issue
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.slow
FIGURES = "[data-testid=report-figures]"


def a_served_morning(srv: LiveServer) -> str:
    """Two land tickets served (one rated unsatisfied with a reason, one very satisfied),
    one no-show, one legal ticket left waiting; the centre's day."""
    clerk = srv.login("canbo1")
    act(srv, clerk, 1, "open")
    for _ in range(3):
        issue(srv)
    issue(srv, "tu-phap")
    for level, reasons in (("unsatisfied", ["Thời gian chờ quá lâu"]), ("very-satisfied", [])):
        act(srv, clerk, 1, "call-next")
        ticket = srv.api("GET", "/state", srv.display_token).json()["now_serving"][0]
        act(srv, clerk, 1, "start")
        act(srv, clerk, 1, "finish")
        body = {"ticket_id": ticket["id"], "level": level, "reasons": reasons}
        r = srv.api("POST", "/ratings", srv.rating_token, json=body)
        assert r.status_code == 201, r.text
    act(srv, clerk, 1, "call-next")
    r = srv.api("POST", "/counters/1/no-show", srv.login("giamsat"))
    assert r.status_code == 200, r.text
    return str(srv.api("GET", "/state", srv.display_token).json()["day"])


def api_report(srv: LiveServer, day: str, by: str) -> dict[str, Any]:
    token = srv.login("giamsat")
    r = srv.api("GET", f"/reports?from={day}&to={day}&by={by}", token)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def row_cells(c: Console, table: str, name: str) -> list[str]:
    row = c.page.locator(f"{table} tbody tr", has_text=name).first
    row.wait_for()
    return [str(x).strip() for x in row.locator("td").all_text_contents()]


def header(c: Console, table: str) -> list[str]:
    return [str(x).strip() for x in c.page.locator(f"{table} thead th").all_text_contents()]


def test_the_page_shows_the_apis_figures_the_vietnamese_way(console: Console) -> None:
    srv, c = console.srv, console
    day = a_served_morning(srv)
    want = api_report(srv, day, "service")
    land = next(r for r in want["rows"] if r["key"] == "dat-dai")
    page = c.login("giamsat")
    page.click("[data-testid='nav.reports']")
    page.wait_for_selector(f"{FIGURES} >> text=Đất đai")
    y, m, d = day.split("-")
    assert c.page.input_value("[data-testid=report-from]") == f"{d}/{m}/{y}"
    cols = header(c, FIGURES)
    cells = dict(zip(cols, row_cells(c, FIGURES, "Đất đai"), strict=True))
    assert cells["Cấp số"] == str(land["issued"]) == "3"
    assert cells["Đã phục vụ"] == "2" and cells["Vắng mặt"] == "1"
    assert cells["Chờ TB (phút)"] == fmt.minutes(land["wait_mean_s"], "vi")
    assert cells["Hài lòng"] == fmt.percent(land["satisfied_share"], "vi") == "50,0%"
    assert cells["Tỷ lệ đánh giá"] == "100,0%"
    total = dict(zip(cols, row_cells(c, FIGURES, "Tổng cộng"), strict=True))
    assert total["Cấp số"] == str(want["total"]["issued"]) == "4"
    ratings = dict(
        zip(
            header(c, "[data-testid=report-ratings]"),
            row_cells(c, "[data-testid=report-ratings]", "Tổng cộng"),
            strict=True,
        )
    )
    assert ratings["Không hài lòng"] == "1" and ratings["Rất hài lòng"] == "1"
    reasons = row_cells(c, "[data-testid=report-reasons]", "Thời gian chờ quá lâu")
    assert reasons[1] == "1"
    page.wait_for_selector("[data-testid=chart-load] canvas")
    page.wait_for_selector("[data-testid=chart-ratings] canvas")
    c.shot("reports-vi")

    page.click("[data-testid=by-clerk]")  # another breakdown: per clerk
    page.wait_for_selector(f"{FIGURES} >> text=Rảnh khi có người chờ (phút)")
    clerks = api_report(srv, day, "clerk")
    who = clerks["rows"][0]
    cells = dict(zip(header(c, FIGURES), row_cells(c, FIGURES, who["name"]), strict=True))
    assert cells["Đã phục vụ"] == str(who["served"]) == "2"
    assert cells["Phục vụ TB (phút)"] == fmt.minutes(who["service_mean_s"], "vi")
    assert header(c, FIGURES)[0] == "Cán bộ" and "Cấp số" not in header(c, FIGURES)
    c.shot("reports-vi-clerk")

    c.lang("en")
    page.wait_for_selector(f"{FIGURES} >> text=Land")
    assert c.page.input_value("[data-testid=report-from]") == day
    cells = dict(zip(header(c, FIGURES), row_cells(c, FIGURES, "Land"), strict=True))
    assert cells["Satisfied"] == "50.0%" and cells["Issued"] == "3"
    assert c.text("[data-testid=report-summary]").startswith("Lam Dong")
    page.wait_for_selector("[data-testid=chart-load] canvas")
    c.shot("reports-en")
    c.lang("vi")


def test_excel_download_and_the_a4_print_layout(console: Console, shots: Path) -> None:
    srv, c = console.srv, console
    day = a_served_morning(srv)
    page = c.login("giamsat")
    c.open("/reports")
    page.wait_for_selector(f"{FIGURES} >> text=Đất đai")
    with page.expect_download() as got:
        page.click("[data-testid=report-excel]")
    path = shots / "bao-cao.xlsx"
    got.value.save_as(path)
    assert got.value.suggested_filename.endswith(f"{day}-{day}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    cells = [
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
    ]
    assert "Đất đai" in cells

    with c.ctx.expect_page() as popup:
        page.click("[data-testid=report-print]")  # the print layout in a new tab
    printed = popup.value
    printed.wait_for_selector("[data-testid=print] >> text=Đất đai")
    assert "/console/reports/print?" in printed.url and "auto=1" in printed.url
    printed.close()
    y, m, d = day.split("-")
    c.open(f"/reports/print?from={day}&to={day}&by=service")
    page.wait_for_selector("[data-testid=print] >> text=Tổng cộng")
    assert page.locator("header").count() == 0  # no console header nor navigation
    pdf = shots / "reports-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = _pdf_text(pdf, page)
    centre = srv.api("GET", "/catalog", srv.display_token).json()["name"]
    assert centre in text
    assert f"Kỳ báo cáo: {d}/{m}/{y}" in text
    printed_on = fmt.now().astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")
    assert f"Ngày in: {printed_on}" in text
    assert "Đất đai" in text and "Tổng cộng" in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(shots / "reports-print"),
            ],
            check=True,
        )


def _pdf_text(pdf: Path, page: Any) -> str:
    """The PDF's text (pdftotext), else the page's."""
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
        )
        return " ".join(out.stdout.decode().split())
    return " ".join(str(page.text_content("[data-testid=print]")).split())
