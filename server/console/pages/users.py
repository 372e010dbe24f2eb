"""`/console/users` (admins): the centre's accounts (GET /admin/users), add one
(POST /admin/users), change role, full name or password, disable or enable
(PATCH /admin/users/{username}; disabling ends the user's sessions at once, server-side)."""

from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.admin import UserCreate, UserPatch, UserPublic
from protocol.enums import Role
from server.console import layout
from server.console.mount import PAGE_BUILD_S
from server.console.session import ConsoleSession

USER_ROLES = (Role.CLERK, Role.SUPERVISOR, Role.ADMIN)


@ui.page("/users", response_timeout=PAGE_BUILD_S)
async def users_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.users")
    if not isinstance(s, ConsoleSession):
        return s
    if not layout.admins_only(s):
        await UsersView(s).build()
    return None


class UsersView:
    def __init__(self, s: ConsoleSession) -> None:
        self.s = s
        self.roles = {r.value: s.t(f"role.{r.value}") for r in USER_ROLES}

    async def build(self) -> None:
        t = self.s.t
        columns = [
            {"name": "username", "label": t("col.username"), "field": "username", "align": "left"},
            {
                "name": "full_name",
                "label": t("col.full_name"),
                "field": "full_name",
                "align": "left",
            },
            {"name": "role", "label": t("col.role"), "field": "role_text", "align": "left"},
            {"name": "state", "label": t("col.state"), "field": "state", "align": "left"},
            {"name": "actions", "label": "", "field": "username", "align": "right"},
        ]
        with ui.column().classes("console-main q-pa-md gap-3"):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label(t("users.title")).classes("text-h5")
                ui.button(t("users.add"), icon="person_add", on_click=self.open_add).props(
                    'unelevated color=blue-9 data-testid="user-add"'
                )
            self.table = ui.table(columns=columns, rows=[], row_key="username", pagination=0)
            self.table.props(f'flat bordered hide-pagination no-data-label="{t("no_data")}"')
            self.table.props('data-testid="users"').classes("w-full")
        layout.row_slot(
            self.table,
            f'<q-btn flat dense color="blue-9" label="{t("edit")}" '
            ":data-testid=\"'edit-' + props.row.username\" "
            "@click=\"() => $parent.$emit('edit', props.row)\" />"
            "<q-btn flat dense :color=\"props.row.disabled ? 'positive' : 'negative'\" "
            f":label=\"props.row.disabled ? '{t('users.enable')}' : '{t('users.disable')}'\" "
            ":data-testid=\"'toggle-' + props.row.username\" "
            "@click=\"() => $parent.$emit('toggle', props.row)\" />",
        )
        self.table.on("edit", lambda e: self.open_edit(e.args))
        self.table.on("toggle", lambda e: self.toggle(e.args))
        self._add_dialog()
        self._edit_dialog()
        await self.reload()

    async def reload(self) -> None:
        users = await self.s.call(lambda api: api.users())
        if users is not None:
            self.table.rows = [self._row(u) for u in users]
            self.table.update()

    def _row(self, u: UserPublic) -> dict[str, Any]:
        return {
            **u.model_dump(mode="json"),
            "full_name": u.full_name or "",
            "role_text": self.s.t(f"role.{u.role.value}"),
            "state": self.s.t("users.disabled" if u.disabled else "users.active"),
        }

    # -- add ----------------------------------------------------------------------------
    def _add_dialog(self) -> None:
        t = self.s.t
        with ui.dialog() as self.add, ui.card().style("min-width: 420px"):
            ui.label(t("users.add")).classes("text-h6")
            self.a_name = ui.input(t("col.username")).props('outlined data-testid="new-username"')
            self.a_full = ui.input(t("col.full_name")).props('outlined data-testid="new-fullname"')
            self.a_role = ui.select(self.roles, value=Role.CLERK.value, label=t("col.role"))
            self.a_role.props('outlined data-testid="new-role"')
            self.a_pass = ui.input(t("login.password"), password=True)
            self.a_pass.props('outlined data-testid="new-password"')
            for el in (self.a_name, self.a_full, self.a_role, self.a_pass):
                el.classes("w-full")
            with ui.row().classes("w-full justify-end"):
                ui.button(t("back"), on_click=self.add.close).props("flat")
                ui.button(t("save"), on_click=self.save_new).props(
                    'unelevated color=blue-9 data-testid="new-save"'
                )

    def open_add(self) -> None:
        for el in (self.a_name, self.a_full, self.a_pass):
            el.value = ""
        self.a_role.value = Role.CLERK.value
        self.add.open()

    async def save_new(self) -> None:
        def body() -> UserCreate:
            return UserCreate(
                username=(self.a_name.value or "").strip(),
                full_name=(self.a_full.value or "").strip() or None,
                role=Role(self.a_role.value),
                password=self.a_pass.value or "",
            )

        made = await self.s.call(lambda api: api.create_user(body()))
        if made is not None:
            self.add.close()
            ui.notify(self.s.t("users.saved", username=made.username), type="positive")
            await self.reload()

    # -- edit, disable, enable ----------------------------------------------------------
    def _edit_dialog(self) -> None:
        t = self.s.t
        self.editing = ""
        with ui.dialog() as self.edit, ui.card().style("min-width: 420px"):
            self.e_title = ui.label("").classes("text-h6")
            self.e_full = ui.input(t("col.full_name")).props('outlined data-testid="edit-fullname"')
            self.e_role = ui.select(self.roles, label=t("col.role")).props("outlined")
            self.e_pass = ui.input(t("users.new_password"), password=True)
            self.e_pass.props('outlined data-testid="edit-password"')
            for el in (self.e_full, self.e_role, self.e_pass):
                el.classes("w-full")
            with ui.row().classes("w-full justify-end"):
                ui.button(t("back"), on_click=self.edit.close).props("flat")
                ui.button(t("save"), on_click=self.save_edit).props(
                    'unelevated color=blue-9 data-testid="edit-save"'
                )

    def open_edit(self, row: dict[str, Any]) -> None:
        self.editing = str(row["username"])
        self.e_title.set_text(self.s.t("users.edit", username=self.editing))
        self.e_full.value = row.get("full_name") or ""
        self.e_role.value = row.get("role")
        self.e_pass.value = ""
        self.edit.open()

    async def save_edit(self) -> None:
        def body() -> UserPatch:
            change: dict[str, Any] = {
                "full_name": (self.e_full.value or "").strip() or None,
                "role": Role(self.e_role.value),
            }
            if self.e_pass.value:
                change["password"] = self.e_pass.value
            return UserPatch(**change)

        name = self.editing
        saved = await self.s.call(lambda api: api.patch_user(name, body()))
        if saved is not None:
            self.edit.close()
            ui.notify(self.s.t("users.saved", username=saved.username), type="positive")
            await self.reload()

    async def toggle(self, row: dict[str, Any]) -> None:
        name, disable = str(row["username"]), not row.get("disabled")
        if disable and not await layout.confirm(
            self.s, self.s.t("users.ask_disable", username=name)
        ):
            return
        saved = await self.s.call(lambda api: api.patch_user(name, UserPatch(disabled=disable)))
        if saved is not None:
            ui.notify(self.s.t("users.saved", username=saved.username), type="positive")
            await self.reload()
