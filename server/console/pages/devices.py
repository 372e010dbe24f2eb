"""`/console/devices` (admins): kiosks, hall TVs and rating pads (GET /admin/devices:
last seen, on line, printer state), add one (POST /admin/devices: its token shown once,
with a copy button and a warning), revoke one (DELETE /admin/devices/{name}, asks first)."""

from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.admin import DeviceCreate, DeviceCreated, DevicePublic
from protocol.enums import Role
from server.console import fmt, layout
from server.console.mount import PAGE_BUILD_S
from server.console.session import ConsoleSession

DEVICE_ROLES = (Role.KIOSK, Role.DISPLAY, Role.RATING_PAD)


@ui.page("/devices", response_timeout=PAGE_BUILD_S)
async def devices_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.devices")
    if not isinstance(s, ConsoleSession):
        return s
    if not layout.admins_only(s):
        await DevicesView(s).build()
    return None


class DevicesView:
    def __init__(self, s: ConsoleSession) -> None:
        self.s, self.tz = s, fmt.zone(s.catalog)

    async def build(self) -> None:
        t = self.s.t
        columns = [
            {"name": "name", "label": t("col.name"), "field": "name", "align": "left"},
            {"name": "role", "label": t("col.role"), "field": "role_text", "align": "left"},
            {"name": "counter", "label": t("col.counter"), "field": "counter"},
            {"name": "state", "label": t("col.state"), "field": "state", "align": "left"},
            {"name": "seen", "label": t("col.last_seen"), "field": "seen", "align": "left"},
            {"name": "printer", "label": t("col.printer"), "field": "printer", "align": "left"},
            {"name": "actions", "label": "", "field": "name", "align": "right"},
        ]
        with ui.column().classes("console-main q-pa-md gap-3"):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label(t("devices.title")).classes("text-h5")
                ui.button(t("devices.add"), icon="add", on_click=self.open_add).props(
                    'unelevated color=blue-9 data-testid="device-add"'
                )
            self.table = ui.table(columns=columns, rows=[], row_key="name", pagination=0)
            self.table.props(f'flat bordered hide-pagination no-data-label="{t("no_data")}"')
            self.table.props('data-testid="devices" wrap-cells').classes("w-full")
        layout.row_slot(
            self.table,
            f'<q-btn v-if="props.row.active" flat dense color="negative" '
            f'label="{t("devices.revoke")}" :data-testid="\'revoke-\' + props.row.name" '
            "@click=\"() => $parent.$emit('revoke', props.row)\" />",
        )
        self.table.on("revoke", lambda e: self.revoke(str(e.args["name"])))
        self._add_dialog()
        await self.reload()

    async def reload(self) -> None:
        devices = await self.s.call(lambda api: api.devices())
        if devices is not None:
            self.table.rows = [self._row(d) for d in devices]
            self.table.update()

    def _row(self, d: DevicePublic) -> dict[str, Any]:
        t = self.s.t
        if not d.active:
            state = t("devices.revoked")
        else:
            state = t("devices.online" if d.online else "devices.offline")
        printer = ""
        if d.role == Role.KIOSK:
            printer = d.printer_error or t("printer.ok")
        return {
            "name": d.name,
            "active": d.active,
            "role_text": t(f"role.{d.role.value}"),
            "counter": d.counter or "",
            "state": state,
            "seen": fmt.stamp(d.last_seen, self.tz, self.s.lang) if d.last_seen else "—",
            "printer": printer,
        }

    # -- add: the token shown once ------------------------------------------------------
    def _add_dialog(self) -> None:
        t = self.s.t
        roles = {r.value: t(f"role.{r.value}") for r in DEVICE_ROLES}
        with ui.dialog() as self.add, ui.card().style("min-width: 420px"):
            ui.label(t("devices.add")).classes("text-h6")
            self.a_name = ui.input(t("devices.name")).props('outlined data-testid="new-device"')
            self.a_role = ui.select(roles, value=Role.KIOSK.value, label=t("col.role"))
            self.a_role.props('outlined data-testid="new-device-role"')
            self.a_counter = ui.number(t("devices.counter"), min=1, precision=0)
            self.a_counter.props("outlined clearable")
            for el in (self.a_name, self.a_role, self.a_counter):
                el.classes("w-full")
            with ui.row().classes("w-full justify-end"):
                ui.button(t("back"), on_click=self.add.close).props("flat")
                ui.button(t("save"), on_click=self.save_new).props(
                    'unelevated color=blue-9 data-testid="device-save"'
                )

    def open_add(self) -> None:
        self.a_name.value = ""
        self.a_role.value = Role.KIOSK.value
        self.a_counter.value = None
        self.add.open()

    async def save_new(self) -> None:
        def body() -> DeviceCreate:
            counter = int(self.a_counter.value) if self.a_counter.value else None
            return DeviceCreate(
                name=(self.a_name.value or "").strip(),
                role=Role(self.a_role.value),
                counter=counter,
            )

        made = await self.s.call(lambda api: api.create_device(body()))
        if made is not None:
            self.add.close()
            self._show_token(made)
            await self.reload()

    def _show_token(self, made: DeviceCreated) -> None:
        t = self.s.t
        with ui.dialog().props("persistent") as dialog, ui.card().style("max-width: 560px"):
            ui.label(t("devices.token", name=made.name)).classes("text-h6")
            with ui.row().classes("items-center no-wrap w-full gap-2"):
                ui.label(made.token).classes("text-mono bg-grey-2 q-pa-sm rounded-borders").style(
                    "word-break: break-all; font-family: monospace"
                ).props('data-testid="device-token"')

                async def copy() -> None:
                    ui.clipboard.write(made.token)
                    ui.notify(t("devices.copied"), type="positive")

                ui.button(t("devices.copy"), icon="content_copy", on_click=copy).props(
                    'flat data-testid="device-copy"'
                )
            with ui.row().classes("items-center no-wrap text-orange-10 gap-2"):
                ui.icon("warning")
                ui.label(t("devices.token_warning")).props('data-testid="token-warning"')
            with ui.row().classes("w-full justify-end"):
                ui.button(t("close"), on_click=dialog.close).props(
                    'unelevated color=blue-9 data-testid="token-close"'
                )
        dialog.open()

    async def revoke(self, name: str) -> None:
        if not await layout.confirm(self.s, self.s.t("devices.ask_revoke", name=name)):
            return
        if await self.s.call(lambda api: api.revoke_device(name)) is not None:
            ui.notify(self.s.t("done"), type="positive")
            await self.reload()
