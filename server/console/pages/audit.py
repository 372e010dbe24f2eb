"""`/console/audit` (supervisors, admins): the event log in plain words
(GET /audit?day=&actor=&counter=&number=&cursor= → AuditPage, newest first): filters, a
date picker (dd/mm/yyyy on Vietnamese pages), and "older" paging by the server's cursor."""

from datetime import date
from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.admin import AuditPage, AuditRow
from server.console import fmt, layout
from server.console.mount import PAGE_BUILD_S
from server.console.session import ConsoleSession


@ui.page("/audit", response_timeout=PAGE_BUILD_S)
async def audit_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.audit")
    if not isinstance(s, ConsoleSession):
        return s
    await AuditView(s).build()
    return None


class AuditView:
    def __init__(self, s: ConsoleSession) -> None:
        self.s, self.tz = s, fmt.zone(s.catalog)
        self.cursors: list[str | None] = [None]  # the cursor of each page shown so far

    async def build(self) -> None:
        t, lang = self.s.t, self.s.lang
        mask = "DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD"
        today = fmt.now().astimezone(self.tz).date()
        with ui.column().classes("console-main q-pa-md gap-3"):
            ui.label(t("audit.title")).classes("text-h5")
            with ui.row().classes("items-end gap-3 w-full"):
                self.day = ui.input(t("audit.day"), value=fmt.day_text(today, lang))
                self.day.props('outlined dense data-testid="audit-day"').style("width: 160px")
                with self.day.add_slot("append"):
                    icon = ui.icon("event").classes("cursor-pointer")
                    with ui.menu() as menu:
                        ui.date(mask=mask, on_change=menu.close).bind_value(self.day).props(
                            f"first-day-of-week=1 {'' if lang == 'en' else 'today-btn'}"
                        )
                    icon.on("click", menu.open)
                self.actor = ui.input(t("audit.actor")).props(
                    'outlined dense clearable data-testid="audit-actor"'
                )
                self.counter = ui.number(t("audit.counter"), min=1, precision=0).props(
                    'outlined dense clearable data-testid="audit-counter"'
                )
                self.counter.style("width: 110px")
                self.number = ui.input(t("audit.number")).props(
                    'outlined dense clearable data-testid="audit-number"'
                )
                self.number.style("width: 140px")
                ui.button(t("audit.filter"), icon="filter_alt", on_click=self.first_page).props(
                    'unelevated color=blue-9 data-testid="audit-filter"'
                )
            columns = [
                {"name": "time", "label": t("col.time"), "field": "time", "align": "left"},
                {"name": "text", "label": t("col.event"), "field": "text", "align": "left"},
            ]
            self.table = ui.table(columns=columns, rows=[], row_key="seq", pagination=0)
            self.table.props("flat bordered hide-pagination wrap-cells")
            self.table.props(f'no-data-label="{t("no_data")}"')
            self.table.props('data-testid="audit"').classes("w-full")
            with ui.row().classes("gap-2"):
                self.newest = ui.button(t("audit.newest"), icon="first_page")
                self.newest.on_click(self.first_page).props("flat data-testid=audit-newest")
                self.older = ui.button(t("audit.older"), icon="chevron_right")
                self.older.on_click(self.older_page).props("flat data-testid=audit-older")
        await self.first_page()

    def _day(self) -> date | None | bool:
        """The chosen day; None for any day; False when the text does not read as one."""
        text = (self.day.value or "").strip()
        if not text:
            return None
        return fmt.parse_day(text, self.s.lang) or False

    async def first_page(self) -> None:
        self.cursors = [None]
        await self._show()

    async def older_page(self) -> None:
        await self._show()

    async def _show(self) -> None:
        day = self._day()
        if day is False:
            ui.notify(self.s.t("audit.bad_day"), type="negative")
            return
        counter = int(self.counter.value) if self.counter.value else None
        cursor = self.cursors[-1]
        page: AuditPage | None = await self.s.call(
            lambda api: api.audit(
                day=day.isoformat() if isinstance(day, date) else None,
                actor=(self.actor.value or "").strip() or None,
                counter=counter,
                number=(self.number.value or "").strip() or None,
                cursor=cursor,
            )
        )
        if page is None:
            return
        self.table.rows = [self._row(r) for r in page.rows]
        self.table.update()
        self.cursors.append(page.next_cursor)
        self.older.set_visibility(page.next_cursor is not None)
        self.newest.set_visibility(cursor is not None)

    def _row(self, r: AuditRow) -> dict[str, Any]:
        return {
            "seq": r.seq,
            "time": fmt.stamp(r.at, self.tz, self.s.lang, seconds=True),
            "text": r.text_en if self.s.lang == "en" else r.text,
        }
