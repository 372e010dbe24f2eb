"""Every console page's frame: the header (centre name, user, language switch, the live
alert badge, logout) and the left navigation by role. A page starts with

    s = await layout.enter(request, "nav.hall")
    if not isinstance(s, ConsoleSession):
        return s          # not logged in (or not a manager): the login page
"""

from dataclasses import dataclass

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from protocol.admin import AlertPublic, SiteRef
from protocol.enums import Role
from server.console.client import ApiProblem, Unauthorized
from server.console.mount import CONSOLE_PATH
from server.console.session import LOGIN_PATH, MANAGERS, ConsoleSession

ALERT_POLL_S = 3.0


@dataclass(frozen=True)
class NavItem:
    key: str  # i18n key
    path: str  # inside the console (ui.navigate adds /console)
    icon: str
    roles: tuple[Role, ...]


NAV = (
    NavItem("nav.hall", "/", "dashboard", MANAGERS),
    NavItem("nav.alerts", "/alerts", "notifications", MANAGERS),
    NavItem("nav.audit", "/audit", "history", MANAGERS),
    NavItem("nav.reports", "/reports", "bar_chart", MANAGERS),
    NavItem("nav.users", "/users", "group", (Role.ADMIN,)),
    NavItem("nav.devices", "/devices", "devices", (Role.ADMIN,)),
    NavItem("nav.centre", "/centre", "tune", (Role.ADMIN,)),
)


async def enter(request: Request, active: str) -> ConsoleSession | RedirectResponse:
    """The session and the page's frame, or the redirect to the login page."""
    s = ConsoleSession(request)
    user = s.user
    if user is None or user.role not in MANAGERS:
        return RedirectResponse(CONSOLE_PATH + LOGIN_PATH)
    try:
        sites = await _sites(s)
        catalog = await s.api().catalog()
    except Unauthorized:
        s.forget()
        return RedirectResponse(CONSOLE_PATH + LOGIN_PATH)
    except ApiProblem:
        catalog = None
    s.catalog = catalog
    centre = ""
    if catalog is not None:
        centre = (catalog.name_en or catalog.name) if s.lang == "en" else catalog.name
    ui.page_title(f"{s.t(active)} — {centre or 'MotCua'}")
    _style()
    _header(s, centre, user.full_name or user.username, user.role, sites)
    _navigation(s, user.role, active)
    return s


def _style() -> None:
    ui.add_css(
        """
        .console-main { width: 100%; max-width: 1600px; margin: 0 auto; }
        .q-table th { font-weight: 600; }
        """
    )


async def _sites(s: ConsoleSession) -> list[SiteRef]:
    """The centres the user may pick (more than one: a province user); a picked centre
    no longer listed is forgotten."""
    try:
        sites = await s.api().sites()
    except Unauthorized:
        raise
    except ApiProblem:
        sites = []
    if s.site and s.site not in {x.code for x in sites}:
        s.set_site(None)
    return sites


def _header(s: ConsoleSession, centre: str, who: str, role: Role, sites: list[SiteRef]) -> None:
    with ui.header().classes("items-center bg-blue-9 text-white q-px-md q-py-sm gap-3"):
        ui.label(centre).classes("text-h6 ellipsis").props('data-testid="centre"')
        ui.label(s.t("console")).classes("text-subtitle1 opacity-80")
        if len(sites) > 1:
            _site_picker(s, sites)
        ui.space()
        ui.label(f"{who} · {s.t('role.' + role.value)}").props('data-testid="who"')
        _language_switch(s)
        _alert_badge(s)
        ui.button(icon="logout", on_click=lambda: _logout(s)).props(
            f'flat round color=white data-testid="logout" aria-label="{s.t("logout")}"'
        ).tooltip(s.t("logout"))


def _site_picker(s: ConsoleSession, sites: list[SiteRef]) -> None:
    """A province user's centre: every page then reads and acts on it (`?site=`)."""
    user = s.user
    home = user.site if user is not None else None

    def pick(e: object) -> None:
        code = getattr(e, "value", None)
        s.set_site(None if code == home else code)
        s.store.pop("seen_alerts", None)  # another centre's alerts: no burst of toasts
        ui.navigate.reload()

    names = {x.code: (x.name_en or x.name) if s.lang == "en" else x.name for x in sites}
    ui.select(names, value=s.site or home, on_change=pick).props(
        f'dense dark standout options-dense data-testid="site" aria-label="{s.t("site")}"'
    ).classes("min-w-[220px]")


def _language_switch(s: ConsoleSession) -> None:
    def switch(e: object) -> None:
        s.set_lang(getattr(e, "value", "vi"))
        ui.navigate.reload()

    ui.toggle({"vi": "VI", "en": "EN"}, value=s.lang, on_change=switch).props(
        "dense unelevated toggle-color=white toggle-text-color=blue-9 color=blue-8 "
        'data-testid="lang"'
    )


def _alert_badge(s: ConsoleSession) -> None:
    """The count of alerts not yet acknowledged, live; a notification for each new one."""
    with ui.button(icon="notifications", on_click=lambda: ui.navigate.to("/alerts")).props(
        f'flat round color=white data-testid="alert-button" aria-label="{s.t("alerts_badge")}"'
    ):
        badge = ui.badge("0", color="red").props('floating data-testid="alert-count"')
    badge.set_visibility(False)

    async def poll() -> None:
        if not badge.client.has_socket_connection:
            return  # a page left behind (until NiceGUI drops it) must not take the toasts
        alerts = await s.call(lambda api: api.alerts(), quiet=True)
        if alerts is None:
            return
        open_ = [a for a in alerts if a.active and a.acked_at is None]
        badge.set_text(str(len(open_)))
        badge.set_visibility(bool(open_))
        _notify_new(s, open_)

    ui.timer(ALERT_POLL_S, poll, immediate=True)


def _notify_new(s: ConsoleSession, open_: list[AlertPublic]) -> None:
    """Toast the alerts this browser has not seen (none on its first look)."""
    first_look = "seen_alerts" not in s.store
    seen = set(s.store.get("seen_alerts") or [])
    fresh = [a for a in open_ if a.id not in seen]
    if fresh:
        s.store["seen_alerts"] = sorted(seen | {a.id for a in fresh})[-500:]
    elif first_look:
        s.store["seen_alerts"] = []
    if first_look:
        return
    for a in fresh:
        text = a.text_en if s.lang == "en" else a.text
        ui.notify(s.t("alerts.new", text=text), type="warning", position="bottom-right")


async def _logout(s: ConsoleSession) -> None:
    await s.call(lambda api: api.logout(), quiet=True)
    s.forget()
    ui.navigate.to(LOGIN_PATH)


def _navigation(s: ConsoleSession, role: Role, active: str) -> None:
    with (
        ui.left_drawer(value=True, fixed=True)
        .props("width=240 bordered")
        .classes("q-pa-none bg-grey-1"),
        ui.list().classes("w-full q-pt-sm"),
    ):
        for item in NAV:
            if role not in item.roles:
                continue
            here = item.key == active
            with (
                ui.item(on_click=lambda p=item.path: ui.navigate.to(p))
                .props(f'clickable data-testid="{item.key}"' + (" active" if here else ""))
                .classes("text-blue-9" if here else "")
            ):
                with ui.item_section().props("avatar"):
                    ui.icon(item.icon)
                with ui.item_section():
                    ui.label(s.t(item.key))


def admins_only(s: ConsoleSession) -> bool:
    """True (and a message on the page) when a supervisor opens an admin page."""
    if s.is_admin():
        return False
    ui.label(s.t("admins_only")).classes("text-h6 q-pa-lg")
    return True


async def confirm(s: ConsoleSession, question: str) -> bool:
    """Ask first: True when the user confirms."""
    with ui.dialog() as dialog, ui.card():
        ui.label(question).props('data-testid="question"')
        with ui.row().classes("w-full justify-end"):
            ui.button(s.t("back"), on_click=lambda: dialog.submit(False)).props("flat")
            ui.button(s.t("confirm"), on_click=lambda: dialog.submit(True)).props(
                'unelevated color=negative data-testid="confirm"'
            )
    answer = await dialog
    dialog.delete()
    return bool(answer)


def row_slot(table: ui.table, actions_html: str, column: str = "actions") -> None:
    """Draw the table's rows with `actions_html` (which may use `props.row` and
    `$parent.$emit('event', props.row)`) in the cell of `column`. It is the whole-row
    `body` slot on purpose: from a `body-cell-*` slot, `$parent` is the row, not the
    table, and the event never reaches `table.on(...)`."""
    table.add_slot(
        "body",
        '<q-tr :props="props">'
        '<q-td v-for="col in props.cols" :key="col.name" :props="props">'
        f"<template v-if=\"col.name === '{column}'\">{actions_html}</template>"
        "<template v-else>{{ col.value }}</template>"
        "</q-td></q-tr>",
    )
