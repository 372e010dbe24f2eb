"""`/console/alerts` (supervisors, admins): today's alerts as the server raises them
(GET /alerts: long waits, long pauses, idle counters, printers, devices off line), each
with "acknowledge" (POST /alerts/{id}/ack). Read again every 3 s, like the header's
badge; the server decides what is an alert and when it ends."""

from datetime import datetime
from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.admin import AlertPublic
from server.console import fmt, layout
from server.console.mount import PAGE_BUILD_S
from server.console.session import ConsoleSession

POLL_S = 3.0
SHORT = frozenset({"since", "lasted", "counter", "number", "state"})


@ui.page("/alerts", response_timeout=PAGE_BUILD_S)
async def alerts_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.alerts")
    if not isinstance(s, ConsoleSession):
        return s
    AlertsView(s).build()
    return None


class AlertsView:
    def __init__(self, s: ConsoleSession) -> None:
        self.s, self.tz = s, fmt.zone(s.catalog)

    def build(self) -> None:
        t = self.s.t
        names = ("kind", "since", "lasted", "counter", "number", "text", "state", "ack")
        columns = [{"name": n, "label": t(f"col.{n}"), "field": n, "align": "left"} for n in names]
        for c in columns:  # short values on one line; the sentence takes what is left
            if c["name"] in SHORT:
                c["classes"] = c["headerClasses"] = "text-no-wrap"
        with ui.column().classes("console-main q-pa-md gap-4"):
            ui.label(t("alerts.title")).classes("text-h5")
            self.table = ui.table(columns=columns, rows=[], row_key="id", pagination=0)
            self.table.props(f'flat bordered hide-pagination no-data-label="{t("alerts.none")}"')
            self.table.props('data-testid="alerts" wrap-cells').classes("w-full")
        layout.row_slot(
            self.table,
            '<q-btn v-if="!props.row.acked" unelevated dense no-wrap color="blue-9" '
            f'label="{t("alerts.ack")}" :data-testid="\'ack-\' + props.row.id" '
            "@click=\"() => $parent.$emit('ack', props.row)\" />"
            '<span v-else class="text-grey-8">{{ props.row.acked }}</span>',
            "ack",
        )
        self.table.on("ack", lambda e: self.ack(str(e.args["id"])))
        ui.timer(POLL_S, self.reload, immediate=True)

    async def reload(self) -> None:
        alerts = await self.s.call(lambda api: api.alerts(), quiet=True)
        if alerts is None:
            return
        now = self.s.now()
        self.table.rows = [self._row(a, now) for a in alerts]
        self.table.update()

    async def ack(self, alert_id: str) -> None:
        if await self.s.call(lambda api: api.ack_alert(alert_id)) is not None:
            await self.reload()

    def _row(self, a: AlertPublic, now: datetime) -> dict[str, Any]:
        t, lang = self.s.t, self.s.lang
        acked = ""
        if a.acked_at is not None:
            who = (a.acked_by or "?").removeprefix("user:")
            acked = t("alerts.acked", who=who, time=fmt.stamp(a.acked_at, self.tz, lang))
        return {
            "id": a.id,
            "kind": t(f"kind.{a.kind.value}"),
            "since": fmt.stamp(a.since, self.tz, lang),
            # how long it has held (an ended one: its sentence says how long it had)
            "lasted": fmt.duration((now - a.since).total_seconds()) if a.active else "—",
            "counter": str(a.counter) if a.counter is not None else "",
            "number": a.number or "",
            "text": a.text_en if lang == "en" else a.text,
            "state": t("alerts.active") if a.active else t("alerts.ended"),
            "acked": acked,
        }
