"""`/console/reports` (supervisors, admins): a period's figures (GET /reports → Report)
with a period picker (today … this year, or any range of days), a centre for province
users, the breakdown as tabs, the figures' tables, the load curve and the ratings as
charts, the Excel file (`format=xlsx`) and the print layout (`/console/reports/print`)."""

from urllib.parse import urlencode

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.reports import Report, ReportBy
from server.console import fmt, layout, report_charts, report_period, report_table
from server.console import report_texts as _texts  # noqa: F401  (the pages' words)
from server.console.mount import PAGE_BUILD_S
from server.console.session import ConsoleSession

CHOICES = (*report_period.QUICK, "custom")


@ui.page("/reports", response_timeout=PAGE_BUILD_S)
async def reports_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.reports")
    if not isinstance(s, ConsoleSession):
        return s
    await ReportsView(s).build()
    return None


class ReportsView:
    def __init__(self, s: ConsoleSession) -> None:
        self.s, self.tz = s, fmt.zone(s.catalog)
        self.by = ReportBy.SERVICE
        self._quiet = False  # the period's inputs being set from the quick choice

    async def build(self) -> None:
        t = self.s.t
        me = await self.s.call(lambda api: api.me(), quiet=True)
        with ui.column().classes("console-main q-pa-md gap-3"):
            ui.label(t("reports.title")).classes("text-h5")
            with ui.row().classes("items-end gap-3 w-full"):
                options = {c: t(f"reports.q.{c}") for c in CHOICES}
                self.quick = ui.select(options, value="today", label=t("reports.period"))
                self.quick.props('outlined dense data-testid="report-quick"').style("width:170px")
                self.first = self._day_input(t("reports.from"), "report-from")
                self.last = self._day_input(t("reports.to"), "report-to")
                self.site = ui.input(t("reports.site"), placeholder=t("reports.site.hint"))
                self.site.props('outlined dense clearable data-testid="report-site"')
                self.site.set_visibility(bool(me and me.province))
                ui.button(t("reports.show"), icon="refresh", on_click=self.show).props(
                    'unelevated color=blue-9 data-testid="report-show"'
                )
                ui.space()
                ui.button(t("reports.excel"), icon="download", on_click=self.excel).props(
                    'outline color=green-9 data-testid="report-excel"'
                )
                ui.button(t("reports.print"), icon="print", on_click=self.print_).props(
                    'outline color=blue-9 data-testid="report-print"'
                )
            self.quick.on_value_change(self._quick_changed)
            with ui.tabs(value=self.by.value, on_change=self._by_changed).props(
                "dense align=left active-color=blue-9 indicator-color=blue-9 "
                'data-testid="report-by"'
            ):
                for by in ReportBy:
                    ui.tab(by.value, t(f"reports.by.{by.value}")).props(
                        f'data-testid="by-{by.value}"'
                    )
            self.summary = (
                ui.label().classes("text-subtitle1").props('data-testid="report-summary"')
            )
            self.figures = self._table("report-figures")
            with ui.row().classes("w-full gap-3 no-wrap"):
                self.load = ui.echart({}).classes("col").style("height: 320px")
                self.load.props('data-testid="chart-load"')
                self.stars = ui.echart({}).classes("col").style("height: 320px")
                self.stars.props('data-testid="chart-ratings"')
            ui.label(t("reports.ratings")).classes("text-h6")
            self.ratings = self._table("report-ratings")
            ui.label(t("reports.reasons")).classes("text-h6")
            self.reasons = ui.table(
                columns=[
                    {"name": "reason", "label": t("r.reason"), "field": "reason", "align": "left"},
                    {"name": "count", "label": t("r.count"), "field": "count", "align": "right"},
                ],
                rows=[],
                row_key="key",
                pagination=0,
            )
            self.reasons.props(
                f'flat bordered dense hide-pagination no-data-label="{t("reports.no_reasons")}"'
            )
            self.reasons.props('data-testid="report-reasons"')
        self._set_period("today")
        await self.show()

    def _day_input(self, label: str, testid: str) -> ui.input:
        mask = "DD/MM/YYYY" if self.s.lang == "vi" else "YYYY-MM-DD"
        box = ui.input(label).props(f'outlined dense data-testid="{testid}"').style("width:150px")
        with box.add_slot("append"):
            icon = ui.icon("event").classes("cursor-pointer")
            with ui.menu() as menu:
                ui.date(mask=mask, on_change=menu.close).bind_value(box).props(
                    "first-day-of-week=1"
                )
            icon.on("click", menu.open)
        box.on_value_change(self._day_edited)
        return box

    def _table(self, testid: str) -> ui.table:
        table = ui.table(columns=[], rows=[], row_key="key", pagination=0)
        table.props(
            f'flat bordered dense hide-pagination wrap-cells no-data-label="{self.s.t("no_data")}"'
        )
        table.props(f'data-testid="{testid}"').classes("w-full")
        table.add_slot(
            "body",
            '<q-tr :props="props" :class="props.row.key === '
            "'__total' ? 'text-weight-bold bg-grey-2' : ''\">"
            '<q-td v-for="col in props.cols" :key="col.name" :props="props">{{ col.value }}</q-td>'
            "</q-tr>",
        )
        return table

    # -- the period and the breakdown ---------------------------------------------------
    def _set_period(self, choice: str) -> None:
        today = fmt.now().astimezone(self.tz).date()
        first, last = report_period.period(choice, today)
        self._quiet = True
        self.first.value = fmt.day_text(first, self.s.lang)
        self.last.value = fmt.day_text(last, self.s.lang)
        self._quiet = False

    async def _quick_changed(self) -> None:
        if self.quick.value != "custom":
            self._set_period(self.quick.value)
            await self.show()

    def _day_edited(self) -> None:
        if not self._quiet:
            self.quick.value = "custom"

    async def _by_changed(self, e: object) -> None:
        self.by = ReportBy(getattr(e, "value", None) or ReportBy.SERVICE.value)
        await self.show()

    def _query(self) -> tuple[str, str, str | None] | None:
        lang = self.s.lang
        first = fmt.parse_day(self.first.value or "", lang)
        last = fmt.parse_day(self.last.value or "", lang)
        if first is None or last is None:
            ui.notify(self.s.t("reports.bad_day"), type="negative")
            return None
        return first.isoformat(), last.isoformat(), (self.site.value or "").strip() or None

    # -- what the server says -----------------------------------------------------------
    async def show(self) -> None:
        q = self._query()
        if q is None:
            return
        first, last, site = q
        report = await self.s.call(lambda api: api.report(first, last, self.by.value, site))
        if report is None:
            return
        hours = report
        if self.by != ReportBy.HOUR:
            hours = await self.s.call(lambda api: api.report(first, last, "hour", site)) or report
        self._draw(report, hours)

    def _draw(self, report: Report, hours: Report) -> None:
        s, t, lang = self.s, self.s.t, self.s.lang
        period = report_period.text(report.from_, report.to, lang)
        self.summary.set_text(f"{report_table.centre_name(report, s.catalog, lang)} · {period}")
        self.figures.columns = report_table.figure_columns(report, t)
        self.figures.rows = report_table.figure_rows(report, s.catalog, lang, t)
        self.figures.update()
        self.ratings.columns = report_table.rating_columns(report, lang, t)
        self.ratings.rows = report_table.rating_rows(report, s.catalog, lang, t)
        self.ratings.update()
        self.reasons.rows = report_table.reason_rows(report, lang)
        self.reasons.update()
        self.load.options.clear()
        self.load.options.update(report_charts.load_curve(hours, t))
        self.load.update()
        self.stars.options.clear()
        self.stars.options.update(report_charts.ratings(report, lang, t))
        self.stars.update()

    def _params(self) -> dict[str, str] | None:
        q = self._query()
        if q is None:
            return None
        first, last, site = q
        params = {"from": first, "to": last, "by": self.by.value}
        return {**params, "site": site} if site else params

    async def excel(self) -> None:
        p = self._params()
        if p is None:
            return
        got = await self.s.call(
            lambda api: api.report_xlsx(p["from"], p["to"], p["by"], p.get("site"))
        )
        if got is not None:
            content, name = got
            ui.download.content(
                content, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )

    def print_(self) -> None:
        p = self._params()
        if p is not None:
            ui.navigate.to("/reports/print?" + urlencode({**p, "auto": "1"}), new_tab=True)
