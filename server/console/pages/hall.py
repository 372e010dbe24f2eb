"""`/console/` (supervisors, admins): the live hall. Every counter (status, clerk, the
number at it and for how long), every field (waiting, longest wait now, the server's wait
estimate) and the waiting list with a supervisor's actions: cancel, transfer to another
field, move to the front (each asks first). The waiting list is GET /waiting: field by
field, each in the order its counters call it, with each ticket's place.

Live by polling: a `ui.timer` reads GET /state (the snapshot) and GET /waiting every 2 s
and redraws (the durations tick with it). These are what every client reads, through
the same authorisation, and the server caches the snapshot per `seq`, so a few
supervisors' tabs cost little; the console keeps no copy of the hall's rules (following
the event stream would mean applying events to a local hall, or re-reading it anyway)."""

from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.enums import CounterStatus, TicketStatus
from protocol.snapshot import CounterState, Snapshot, TicketPublic, WaitingTicket
from server.console import fmt, layout
from server.console.mount import PAGE_BUILD_S
from server.console.pages.hall_actions import WaitingActions
from server.console.session import ConsoleSession

POLL_S = 2.0
GRID = "display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(164px, 1fr))"
GRID = "display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(164px, 1fr))"
STATUS_COLOR = {
    CounterStatus.OPEN: "positive",
    CounterStatus.PAUSED: "orange-8",
    CounterStatus.CLOSED: "grey-6",
}


@ui.page("/", response_timeout=PAGE_BUILD_S)
async def hall_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.hall")
    if not isinstance(s, ConsoleSession):
        return s
    HallView(s).build()
    return None


class HallView:
    def __init__(self, s: ConsoleSession) -> None:
        self.s, self.tz = s, fmt.zone(s.catalog)
        self.snap: Snapshot | None = None
        self.actions = WaitingActions(s, self.reload)

    def build(self) -> None:
        s = self.s
        with ui.column().classes("console-main q-pa-md gap-4"):
            with ui.row().classes("w-full items-baseline gap-4"):
                ui.label(s.t("hall.title")).classes("text-h5")
                self.updated = ui.label("").classes("text-grey-7").props('data-testid="updated"')
            ui.label(s.t("hall.counters")).classes("text-h6")
            self.counters = ui.element("div").classes("w-full").style(GRID)
            self.counters.props('data-testid="counters"')
            with ui.row().classes("w-full no-wrap items-start gap-4"):
                with ui.column().classes("gap-2").style("flex: 4 1 0; min-width: 0"):
                    ui.label(s.t("hall.fields")).classes("text-h6")
                    self.fields = self._fields_table()
                with ui.column().classes("gap-2").style("flex: 6 1 0; min-width: 0"):
                    ui.label(s.t("hall.waiting")).classes("text-h6")
                    self.waiting = self._waiting_table()
        ui.timer(POLL_S, self.reload, immediate=True)

    # -- tables -------------------------------------------------------------------------
    def _fields_table(self) -> ui.table:
        t = self.s.t
        columns = [
            {"name": "name", "label": t("col.field"), "field": "name", "align": "left"},
            {"name": "waiting", "label": t("col.waiting"), "field": "waiting"},
            {"name": "longest", "label": t("col.longest"), "field": "longest"},
            {"name": "estimate", "label": t("col.estimate"), "field": "estimate"},
        ]
        table = ui.table(columns=columns, rows=[], row_key="id", pagination=0)
        table.props("dense flat bordered hide-pagination wrap-cells")
        table.props(f'no-data-label="{t("no_data")}"')
        return table.props('data-testid="fields"').classes("w-full")

    def _waiting_table(self) -> ui.table:
        t = self.s.t
        columns = [
            {"name": "number", "label": t("col.number"), "field": "number", "align": "left"},
            {"name": "field", "label": t("col.field"), "field": "field", "align": "left"},
            {"name": "place", "label": t("col.place"), "field": "place"},
            {"name": "issued", "label": t("col.issued"), "field": "issued"},
            {"name": "waited", "label": t("col.waited"), "field": "waited"},
            {"name": "priority", "label": t("col.priority"), "field": "priority", "align": "left"},
            {"name": "actions", "label": t("col.actions"), "field": "id", "align": "right"},
        ]
        table = (
            ui.table(columns=columns, rows=[], row_key="id", pagination=0)
            .props(
                f'dense flat bordered hide-pagination wrap-cells no-data-label="{t("no_data")}" '
                'data-testid="waiting"'
            )
            .classes("w-full")
            .style("max-height: 560px")
        )
        layout.row_slot(table, self.actions.slot())
        self.actions.attach(table)
        return table

    # -- live ---------------------------------------------------------------------------
    async def reload(self) -> None:
        snap = await self.s.call(lambda api: api.snapshot(), quiet=True)
        if snap is None:
            return
        waiting = await self.s.call(lambda api: api.waiting(), quiet=True)
        if waiting is None:
            return
        self.snap = snap
        self.actions.snapshot = snap
        now = fmt.now()
        self.updated.set_text(self.s.t("updated", time=fmt.clock(now, self.tz, seconds=True)))
        self._draw_counters(snap)
        self.fields.rows = self._field_rows(snap)
        self.waiting.rows = [self._waiting_row(tk) for tk in waiting]
        self.fields.update()
        self.waiting.update()

    def _draw_counters(self, snap: Snapshot) -> None:
        self.counters.clear()
        with self.counters:
            for c in snap.counters:
                self._counter_card(c)

    def _counter_card(self, c: CounterState) -> None:
        t = self.s.t
        color = STATUS_COLOR[c.status]
        with (
            ui.card()
            .classes("q-pa-sm gap-1")
            .props(f'flat bordered data-testid="counter-{c.id}" data-status="{c.status.value}"')
            .style(f"border-left: 6px solid var(--q-{color}, #888)")
        ):
            with ui.row().classes("w-full items-center justify-between no-wrap"):
                ui.label(t("hall.counter_no", n=c.id)).classes(
                    "text-subtitle2 text-weight-bold text-no-wrap"
                )
                ui.badge(t(f"status.{c.status.value}"), color=color).props('data-testid="status"')
            ui.label(c.clerk or t("hall.no_clerk")).classes(
                "text-caption ellipsis w-full" + ("" if c.clerk else " text-grey-6")
            ).props('data-testid="clerk"')
            if c.status == CounterStatus.CLOSED:
                return
            with ui.row().classes("w-full items-baseline justify-between no-wrap"):
                now_at = ui.label(self._current_text(c)).props('data-testid="current"')
                now_at.classes("text-body2 text-weight-medium ellipsis")
                ui.label(self._since_text(c)).classes("text-caption text-grey-7")

    def _current_text(self, c: CounterState) -> str:
        t, cur = self.s.t, c.current
        if c.status == CounterStatus.PAUSED and cur is None:
            return c.pause_reason or t("status.paused")
        if cur is None:
            return t("hall.idle") if c.status == CounterStatus.OPEN else ""
        key = "hall.serving" if cur.status == TicketStatus.SERVING else "hall.called"
        return t(key, number=cur.number)

    def _since_text(self, c: CounterState) -> str:
        if c.status == CounterStatus.CLOSED:
            return ""
        if c.status == CounterStatus.PAUSED:
            return self.s.t("hall.paused_for", d=fmt.since(c.since))
        cur = c.current
        if cur is None:
            return fmt.since(c.since)
        started = cur.started_at or cur.called_at or c.since
        return fmt.since(started)

    def _field_rows(self, snap: Snapshot) -> list[dict[str, Any]]:
        oldest: dict[str, TicketPublic] = {}
        for tk in snap.waiting:  # oldest place first: the first seen is the longest wait
            oldest.setdefault(tk.service_id, tk)
        rows = []
        for svc in snap.services:
            first = oldest.get(svc.id)
            rows.append(
                {
                    "id": svc.id,
                    "name": self.s.service_name(svc.id),
                    "waiting": svc.waiting,
                    "longest": fmt.since(first.queue_at or first.issued_at) if first else "—",
                    "estimate": self.s.t("min", n=round(svc.estimated_wait_s / 60)),
                }
            )
        return rows

    def _waiting_row(self, tk: WaitingTicket) -> dict[str, Any]:
        return {
            "id": tk.id,
            "place": tk.position,
            "number": tk.number,
            "service_id": tk.service_id,
            "field": self.s.service_name(tk.service_id),
            "issued": fmt.clock(tk.issued_at, self.tz),
            "waited": fmt.since(tk.queue_at or tk.issued_at),
            "priority": self._priority(tk.priority),
        }

    def _priority(self, code: str | None) -> str:
        if not code:
            return ""
        for g in self.s.catalog.priority_groups if self.s.catalog is not None else ():
            if g.code == code:
                return (g.name_en or g.name) if self.s.lang == "en" else g.name
        return code
