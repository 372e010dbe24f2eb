"""The hall's waiting-list actions, each behind a confirmation dialog: cancel
(POST /tickets/{id}/cancel), transfer to another field (POST /tickets/{id}/transfer) and
move to the front with a reason (POST /tickets/{id}/move-to-front). The server decides
whether each may happen; a refusal is shown as its Vietnamese title."""

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from protocol.snapshot import Snapshot
from server.console.session import ConsoleSession

ACTIONS = (
    ("cancel", "cancel", "negative"),
    ("transfer", "swap_horiz", "primary"),
    ("front", "vertical_align_top", "orange-9"),
)


class WaitingActions:
    def __init__(self, s: ConsoleSession, changed: Callable[[], Awaitable[None]]) -> None:
        self.s, self.changed = s, changed
        self.snapshot: Snapshot | None = None
        self.row: dict[str, Any] = {}
        self._dialog()

    def slot(self) -> str:
        """The actions cell of the waiting table: one button per action."""
        t = self.s.t
        buttons = "".join(
            f'<q-btn flat dense round size="sm" icon="{icon}" color="{color}" '
            f':data-testid="\'{name}-\' + props.row.number" aria-label="{t("act." + name)}" '
            f"@click=\"() => $parent.$emit('{name}', props.row)\">"
            f"<q-tooltip>{t('act.' + name)}</q-tooltip></q-btn>"
            for name, icon, color in ACTIONS
        )
        return f'<q-td :props="props" auto-width>{buttons}</q-td>'

    def attach(self, table: ui.table) -> None:
        for name, _, _ in ACTIONS:
            table.on(name, lambda e, n=name: self.open(n, e.args))

    # -- the one dialog, dressed per action ---------------------------------------------
    def _dialog(self) -> None:
        t = self.s.t
        with ui.dialog() as self.dialog, ui.card().classes("q-pa-md").style("min-width: 420px"):
            self.question = ui.label("").classes("text-subtitle1").props('data-testid="question"')
            self.field = (
                ui.select({}, label=t("col.field"))
                .classes("w-full")
                .props('outlined data-testid="transfer-field"')
            )
            self.reason = (
                ui.input(t("reason"))
                .classes("w-full")
                .props('outlined maxlength=200 data-testid="front-reason"')
            )
            self.error = ui.label("").classes("text-negative")
            with ui.row().classes("w-full justify-end"):
                ui.button(t("back"), on_click=self.dialog.close).props("flat")
                ui.button(t("confirm"), on_click=self._confirm).props(
                    'unelevated color=blue-9 data-testid="confirm"'
                )
        self.action = ""

    def open(self, action: str, row: dict[str, Any]) -> None:
        t, number = self.s.t, row.get("number", "")
        self.action, self.row = action, row
        self.error.set_text("")
        self.question.set_text(t(f"ask.{action}", number=number))
        self.field.set_visibility(action == "transfer")
        self.reason.set_visibility(action == "front")
        self.reason.value = ""
        if action == "transfer":
            services = self.snapshot.services if self.snapshot is not None else []
            self.field.options = {
                svc.id: self.s.service_name(svc.id)
                for svc in services
                if svc.id != row.get("service_id")
            }
            self.field.value = None
            self.field.update()
        self.dialog.open()

    async def _confirm(self) -> None:
        ticket_id = int(self.row["id"])
        if self.action == "transfer":
            target = self.field.value
            if not target:
                self.error.set_text(self.s.t("field_required"))
                return
            done = await self.s.call(lambda api: api.transfer(ticket_id, str(target)))
        elif self.action == "front":
            reason = (self.reason.value or "").strip()
            if not reason:
                self.error.set_text(self.s.t("reason_required"))
                return
            done = await self.s.call(lambda api: api.move_to_front(ticket_id, reason))
        else:
            done = await self.s.call(lambda api: api.cancel(ticket_id))
        self.dialog.close()
        if done is not None:
            ui.notify(self.s.t("done"), type="positive")
        await self.changed()
