"""GET /reports: a day's figures as a supervisor reads them, the same after the day
closes (from the stored aggregates) and after a rebuild; the Excel file says the same."""

import io
from typing import Any

import openpyxl

from server.store.report_log import rebuild
from tests.support.inproc import InProc


def report(env: InProc, first: str, last: str, by: str = "service", **kw: Any) -> Any:
    token = env.login("giamsat")
    return env.api("GET", f"/reports?from={first}&to={last}&by={by}", token, **kw)


def a_morning(env: InProc) -> list[dict[str, Any]]:
    """Three land-office tickets: one served and rated, one no-show, one left waiting."""
    tickets = [env.issue("dat-dai") for _ in range(3)]
    env.counter(1, "open")
    env.clock.advance(minutes=4)
    env.counter(1, "call-next")
    env.clock.advance(minutes=1)
    env.counter(1, "start")
    env.clock.advance(minutes=6)
    env.counter(1, "finish")
    body = {
        "ticket_id": tickets[0]["id"],
        "level": "unsatisfied",
        "reasons": ["Thời gian chờ quá lâu"],
    }
    assert env.api("POST", "/ratings", env.rating_token, json=body).status_code == 201
    env.counter(1, "call-next")
    env.counter(1, "no-show", clerk="giamsat")
    env.counter(1, "pause", reason="Họp")
    env.clock.advance(minutes=10)
    env.counter(1, "resume")
    return tickets


def test_a_day_by_field_today_then_closed_then_rebuilt(inproc_any: InProc) -> None:
    env = inproc_any
    a_morning(env)
    today = env.api("GET", "/state", env.display_token).json()["day"]
    live = report(env, today, today)
    assert live.status_code == 200, live.text
    body = live.json()
    assert body["from"] == today and body["by"] == "service"
    land = next(r for r in body["rows"] if r["key"] == "dat-dai")
    assert (land["issued"], land["served"], land["no_show"]) == (3, 1, 1)
    # called after 4 and 11 minutes; quantiles are the middle of their 10 s bucket
    assert land["wait_mean_s"] == 450.0
    assert (land["wait_median_s"], land["wait_p90_s"]) == (245.0, 665.0)
    assert land["service_mean_s"] == 360.0
    assert land["ratings"] == {"unsatisfied": 1} and land["satisfied_share"] == 0.0
    assert land["low_reasons"] == {"Thời gian chờ quá lâu": 1}
    assert land["rating_coverage"] == 1.0
    assert body["total"]["issued"] == 3
    by_counter = report(env, today, today, "counter").json()
    one = next(r for r in by_counter["rows"] if r["key"] == "1")
    assert one["paused_s"] == {"Họp": 600}
    assert one["idle_s"] > 0  # between the no-show and the pause, a citizen waited

    env.clock.advance(hours=16)  # past midnight: the first command closes the day
    env.issue("dat-dai")
    env.ctx.halls.on_day_closed.wait()
    closed = report(env, today, today).json()
    land_closed = next(r for r in closed["rows"] if r["key"] == "dat-dai")
    assert land_closed["cancelled"] == 1  # the one left waiting at close
    assert {k: v for k, v in land_closed.items() if k != "cancelled"} == {
        k: v for k, v in land.items() if k != "cancelled"
    }
    before = {
        by: report(env, today, today, by).json()["rows"] for by in ("service", "hour", "clerk")
    }
    site = env.api("GET", "/catalog", env.display_token).json()["site"]
    assert rebuild(env.ctx.db, env.ctx.config, site, None, None)
    after = {
        by: report(env, today, today, by).json()["rows"] for by in ("service", "hour", "clerk")
    }
    assert after == before


def test_excel_holds_the_json_figures(inproc: InProc) -> None:
    env = inproc
    a_morning(env)
    today = env.api("GET", "/state", env.display_token).json()["day"]
    body = report(env, today, today).json()
    x = env.api(
        "GET",
        f"/reports?from={today}&to={today}&by=service&format=xlsx",
        env.login("giamsat"),
    )
    assert x.status_code == 200
    assert x.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(x.content))
    assert wb.sheetnames[0] == "Lĩnh vực" and "Giờ" in wb.sheetnames and "Hài lòng" in wb.sheetnames
    ws = wb["Lĩnh vực"]
    assert "Trung tâm" in ws["A1"].value or ws["A1"].value.startswith("BÁO CÁO")
    heads = [c.value for c in ws[5]]
    land = next(r for r in body["rows"] if r["key"] == "dat-dai")
    row = next(row for row in ws.iter_rows(min_row=6, values_only=True) if row[0] == land["name"])
    assert row[heads.index("Số phiếu cấp")] == 3
    assert row[heads.index("Chờ TB (phút)")] == land["wait_mean_s"] / 60
    assert row[heads.index("Hài lòng (%)")] == land["satisfied_share"]
    assert ws.cell(6, heads.index("Chờ TB (phút)") + 1).number_format == "0.0"
    assert ws.cell(6, heads.index("Hài lòng (%)") + 1).number_format == "0.0%"
    hours = wb["Giờ"]
    assert hours._charts, "the load curve is a chart"


def test_who_may_ask_and_bad_input(inproc: InProc) -> None:
    env = inproc
    clerk = env.login("canbo1")
    assert env.api("GET", "/reports?from=2026-01-01&to=2026-01-31", clerk).status_code == 403
    sup = env.login("giamsat")
    other = env.api("GET", "/reports?from=2026-01-01&to=2026-01-31&site=other", sup)
    assert other.status_code == 403
    backwards = env.api("GET", "/reports?from=2026-02-01&to=2026-01-31", sup)
    assert backwards.status_code == 422
    assert backwards.headers["content-type"].startswith("application/problem+json")
    assert backwards.json()["type"] == "validation-error"
    assert env.api("GET", "/reports?from=2026-02-30&to=2026-03-01", sup).status_code == 422
    assert env.api("GET", "/reports?from=2026-02-01&to=2026-03-01&by=x", sup).status_code == 422
    empty = env.api("GET", "/reports?from=2020-01-01&to=2020-12-31", sup).json()
    assert empty["rows"] == [] and empty["total"]["issued"] == 0


def test_a_province_report_adds_up_its_centres(inproc: InProc) -> None:
    """A province supervisor asks one centre (`?site=`) or every centre (`?site=*`); the
    province's total is the centres' totals added; a centre's supervisor may do neither."""
    from motcua.demo import DEMO_PASSWORD, SAMPLE
    from protocol.enums import Role
    from server.centre import load_centre_file
    from server.commands.accounts import add_user
    from server.commands.setup import load_centre

    env = inproc
    home = env.api("GET", "/catalog", env.display_token).json()["site"]
    cfg = load_centre_file(SAMPLE).model_copy(
        update={"site": "huyen-duc-trong", "name": "Trung tâm huyện Đức Trọng"}
    )
    load_centre(env.ctx, cfg, new_site=True)
    add_user(env.ctx, home, "tinh-qt", Role.ADMIN, DEMO_PASSWORD, province=True)
    province = env.login("tinh-qt")
    for _ in range(2):
        env.issue("dat-dai")  # the home centre, through its kiosk
    r = env.api(
        "POST",
        "/admin/devices?site=huyen-duc-trong",
        province,
        json={"name": "k-dt", "role": "kiosk"},
    )
    kiosk = r.json()["token"]
    other = env.api(
        "POST",
        "/tickets",
        kiosk,
        json={"service_id": "dat-dai"},
        headers={"Idempotency-Key": "dt-1"},
    )
    assert other.status_code == 201, other.text
    day = env.clock.now().date().isoformat()
    q = f"/reports?from={day}&to={day}&by=service"
    each = {s: env.api("GET", f"{q}&site={s}", province).json() for s in (home, "huyen-duc-trong")}
    both = env.api("GET", f"{q}&site=*", province).json()
    assert sorted(both["sites"]) == sorted(each)
    assert [e["total"]["issued"] for e in each.values()] == [2, 1]
    assert both["total"]["issued"] == 3
    sup = env.login("giamsat")
    assert env.api("GET", f"{q}&site=*", sup).status_code == 403
    assert env.api("GET", f"{q}&site=huyen-duc-trong", sup).status_code == 403
