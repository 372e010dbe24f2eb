"""`/console/reports/print?from=&to=&by=[&site=][&auto=1]`: a report laid out for A4
(print stylesheet): the centre's name, the period, the date of printing, then the tables
of the reports page, without the console's header and navigation. `auto=1` (the reports
page's "Print" button) opens the browser's print dialog once it is drawn."""

from html import escape
from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.reports import Report, ReportBy
from server.console import fmt, report_period, report_table
from server.console import report_texts as _texts  # noqa: F401  (the pages' words)
from server.console.client import ApiProblem, Unauthorized
from server.console.mount import CONSOLE_PATH, PAGE_BUILD_S
from server.console.session import LOGIN_PATH, MANAGERS, ConsoleSession

PRINT_CSS = """
@page { size: A4 portrait; margin: 12mm 10mm; }
body { background: white; }
.q-page-container, .nicegui-content { padding: 0 !important; }
.report-print { font-family: 'Roboto', Arial, sans-serif; color: #000; font-size: 10pt;
  max-width: 190mm; margin: 0 auto; }
.report-print h1 { font-size: 15pt; font-weight: 700; margin: 0 0 2mm; line-height: 1.25; }
.report-print h2 { font-size: 11.5pt; font-weight: 700; margin: 5mm 0 1.5mm; }
.report-print .meta { display: flex; justify-content: space-between; gap: 6mm; }
.report-print table { border-collapse: collapse; width: 100%; font-size: 7.5pt;
  page-break-inside: auto; }
.report-print tr { page-break-inside: avoid; }
.report-print thead { display: table-header-group; }
.report-print th, .report-print td { border: 0.5pt solid #777; padding: 1mm 1.2mm; }
.report-print th { background: #eceff1; font-weight: 600; vertical-align: bottom; }
.report-print td.num, .report-print th.num { text-align: right; }
.report-print td.num { white-space: nowrap; }
.report-print th { hyphens: auto; }
.report-print td:first-child { min-width: 24mm; }
.report-print th { text-align: left; }
.report-print tr.total td { font-weight: 700; background: #f5f5f5; }
@media print { .no-print { display: none !important; } }
"""


@ui.page("/reports/print", response_timeout=PAGE_BUILD_S)
async def report_print_page(request: Request) -> RedirectResponse | None:
    s = ConsoleSession(request)
    user = s.user
    if user is None or user.role not in MANAGERS:
        return RedirectResponse(CONSOLE_PATH + LOGIN_PATH)
    q = request.query_params
    try:
        by = ReportBy(q.get("by") or ReportBy.SERVICE.value)
        api = s.api()
        s.catalog = await api.catalog()
        report = await api.report(q.get("from", ""), q.get("to", ""), by.value, q.get("site"))
    except Unauthorized:
        s.forget()
        return RedirectResponse(CONSOLE_PATH + LOGIN_PATH)
    except (ApiProblem, ValueError) as p:
        text = s.problem_text(p) if isinstance(p, ApiProblem) else str(p)
        ui.label(text).classes("text-h6 q-pa-lg").props('data-testid="problem"')
        return None
    _draw(s, report)
    if q.get("auto") == "1":
        ui.timer(0.8, lambda: ui.run_javascript("window.print()"), once=True)
    return None


def _draw(s: ConsoleSession, report: Report) -> None:
    t, lang, tz = s.t, s.lang, fmt.zone(s.catalog)
    ui.add_css(PRINT_CSS)
    period = report_period.text(report.from_, report.to, lang)
    ui.page_title(f"{t('reports.print_title')} — {report.title} — {period}")
    centre = report_table.centre_name(report, s.catalog, lang)
    printed = fmt.stamp(fmt.now(), tz, lang)
    with ui.element("div").classes("report-print").props('data-testid="print"'):
        with ui.row().classes("no-print q-mb-md"):
            ui.button(t("reports.print"), icon="print").on(
                "click", js_handler="() => window.print()"
            ).props("unelevated color=blue-9")
        body = [
            f"<h1>{escape(centre)}</h1>",
            f"<div><b>{escape(t('reports.print_title'))}</b></div>",
            '<div class="meta">'
            f"<span>{escape(t('reports.period_line', period=period))} · "
            f"{escape(t('reports.by_line', by=t(f'reports.by.{report.by.value}')))}</span>"
            f'<span data-testid="printed">{escape(t("reports.printed", date=printed))}</span>'
            "</div>",
            f"<h2>{escape(t('reports.figures'))}</h2>",
            _html_table(
                report_table.figure_columns(report, t),
                report_table.figure_rows(report, s.catalog, lang, t),
            ),
            f"<h2>{escape(t('reports.ratings'))}</h2>",
            _html_table(
                report_table.rating_columns(report, lang, t),
                report_table.rating_rows(report, s.catalog, lang, t),
            ),
            f"<h2>{escape(t('reports.reasons'))}</h2>",
            _reasons(report, lang, t),
        ]
        ui.html("".join(body), sanitize=False)


def _html_table(columns: list[dict[str, Any]], rows: list[dict[str, Any]]) -> str:
    def cell(tag: str, col: dict[str, Any], text: str) -> str:
        cls = ' class="num"' if col["align"] == "right" else ""
        return f"<{tag}{cls}>{escape(str(text))}</{tag}>"

    head = "".join(cell("th", c, c["label"]) for c in columns)
    lines = []
    for row in rows:
        cls = ' class="total"' if row["key"] == report_table.TOTAL_KEY else ""
        cells = "".join(cell("td", c, row.get(c["field"], "")) for c in columns)
        lines.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _reasons(report: Report, lang: str, t: Any) -> str:
    rows = report_table.reason_rows(report, lang)
    if not rows:
        return f"<div>{escape(t('reports.no_reasons'))}</div>"
    cols = [
        {"field": "reason", "label": t("r.reason"), "align": "left"},
        {"field": "count", "label": t("r.count"), "align": "right"},
    ]
    return _html_table(cols, rows)
