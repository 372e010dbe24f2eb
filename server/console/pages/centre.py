"""`/console/centre`: the centre configuration editor (admins). Loads the centre from
`GET /admin/centre`, edits it in tabs, and one Save PUTs it whole; what the server says
is shown where it belongs (a refused value on its tab, row and input; a removed field
with citizens waiting asks what becomes of them). Download YAML gives the centre file
that `motcua init --config` imports."""

from collections.abc import Callable
from typing import Any

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from server.console import i18n, layout
from server.console.centre_answer import Failed, InUse, Invalid, Saved, outcome, waiting_param
from server.console.centre_form import CentreForm
from server.console.centre_specs import TABS
from server.console.client import ApiProblem, Unauthorized
from server.console.mount import PAGE_BUILD_S
from server.console.pages import centre_lists, centre_phones, centre_tabs
from server.console.pages.centre_inputs import CSS, problems_banner
from server.console.session import LOGIN_PATH, ConsoleSession

TAB_ICONS = {
    "general": "business",
    "hours": "schedule",
    "fields": "category",
    "counters": "point_of_sale",
    "texts": "campaign",
    "ratings": "thumbs_up_down",
    "alerts": "notifications_active",
    "phones": "smartphone",
}
DRAW: dict[str, Callable[[Any], None]] = {
    "general": centre_tabs.general_tab,
    "hours": centre_tabs.hours_tab,
    "fields": centre_lists.fields_tab,
    "counters": centre_lists.counters_tab,
    "texts": centre_tabs.texts_tab,
    "ratings": centre_tabs.ratings_tab,
    "alerts": centre_tabs.alerts_tab,
    "phones": centre_phones.phones_tab,
}


@ui.page("/centre", response_timeout=PAGE_BUILD_S)
async def centre_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.centre")
    if not isinstance(s, ConsoleSession):
        return s
    if layout.admins_only(s):
        return None
    ui.add_css(CSS)
    with ui.column().classes("console-main q-pa-md gap-2"):
        centre = await s.call(lambda api: api.centre())
        if centre is not None:
            CentreEditor(s, centre).build()
    return None


class Words:
    """The page's texts in the session's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)

    def has(self, key: str) -> bool:
        return key in i18n.TEXTS


class CentreEditor:
    def __init__(self, s: ConsoleSession, centre: dict[str, Any]) -> None:
        self.s, self.lang = s, s.lang
        self.t = Words(s.lang)
        self.form = CentreForm(centre)
        self.said: Invalid | None = None
        self.host = ui.element("div")
        self.panels: dict[str, Any] = {}
        self.badges: dict[str, ui.badge] = {}

    # -- drawing -------------------------------------------------------------------------------
    def build(self) -> None:
        t = self.t
        with ui.row().classes("w-full items-center gap-2"):
            ui.label(t("centre.title")).classes("text-h5")
            self.dirty = ui.badge(t("centre.unsaved"), color="orange").props("data-testid=unsaved")
            self.dirty.set_visibility(False)
            ui.space()
            ui.button(t("centre.download"), icon="download", on_click=self.download).props(
                "outline data-testid=download"
            )
            self.save_button = ui.button(t("centre.save"), icon="save", on_click=self.save).props(
                "data-testid=save"
            )
        ui.label(t("centre.yaml_note")).classes("text-caption text-grey-7")
        with ui.tabs().classes("w-full").props("align=left dense no-caps") as self.tabs:
            for name in TABS:
                with ui.tab(name, t(f"centre.tab.{name}"), icon=TAB_ICONS[name]).props(
                    f"data-testid=tab-{name}"
                ):
                    self.badges[name] = ui.badge("", color="negative").props("floating")
                    self.badges[name].set_visibility(False)
        with ui.tab_panels(self.tabs, value="general").classes("w-full") as self.tab_panels:
            for name in TABS:
                with ui.tab_panel(name).props(f"data-testid=panel-{name}"):
                    self.panels[name] = ui.refreshable(self._panel)
                    self.panels[name](name)

    def _panel(self, name: str) -> None:
        if self.said:
            problems_banner([(p.where, p.msg) for p in self.said.on(name)], self.t)
        DRAW[name](self)

    def changed(self, tab: str | None) -> None:
        """The form changed; `tab`: redraw it (its tables), None: its inputs show it."""
        self.dirty.set_visibility(self.form.dirty)
        if tab:
            self.panels[tab].refresh()

    def redraw(self) -> None:
        by_tab = self.said.by_tab() if self.said else {}
        for name in TABS:
            self.badges[name].set_text(str(by_tab.get(name, "")))
            self.badges[name].set_visibility(name in by_tab)
            self.panels[name].refresh()
        self.dirty.set_visibility(self.form.dirty)

    # -- saving ------------------------------------------------------------------------------
    async def save(self, waiting: str | None = None) -> None:
        sent = self.form.body()
        self.save_button.props("loading")
        try:
            status, body = 200, await self.s.api().put_centre(sent, waiting)
        except Unauthorized:
            self.s.forget()
            ui.navigate.to(LOGIN_PATH)
            return
        except ApiProblem as p:
            status, body = p.status, p.body
        finally:
            self.save_button.props(remove="loading")
        said = outcome(status, body, sent, self.form.saved, self.lang)
        if isinstance(said, Saved):
            centre = said.centre or await self.s.call(lambda api: api.centre())
            self.form.mark_saved(centre)
            self.said = None
            self.redraw()
            ui.notify(self.t("centre.saved"), type="positive")
        elif isinstance(said, Invalid):
            self.said = said
            self.redraw()
            first = next((n for n in TABS if n in said.by_tab()), None)
            if first:
                self.tabs.set_value(first)
            ui.notify(self.t("centre.refused", n=len(said.problems)), type="negative")
        elif isinstance(said, InUse):
            self.in_use_dialog(said)
        elif isinstance(said, Failed):
            ui.notify(f"{said.title} {said.detail}".strip(), type="negative", multi_line=True)

    def in_use_dialog(self, said: InUse) -> None:
        t = self.t
        choice = {"how": "move", "to": next(iter(said.targets), None)}
        with self.host, ui.dialog() as dialog, ui.card().classes("w-[640px] max-w-full"):
            dialog.props("persistent data-testid=in-use")
            ui.label(t("centre.in_use.title")).classes("text-h6")
            for fid, name, n in said.fields:
                ui.label(t("centre.in_use.line", name=name, id=fid, n=n)).classes(
                    "text-body1 text-weight-medium"
                )
            radio = ui.radio(
                {"cancel": t("centre.in_use.cancel"), "move": t("centre.in_use.move")},
                value=choice["how"],
            ).bind_value(choice, "how")
            radio.props("data-testid=in-use-choice")
            targets = {k: f"{v} ({k})" for k, v in said.targets.items()}
            ui.select(targets, label=t("centre.in_use.to"), with_input=True).bind_value(
                choice, "to"
            ).bind_enabled_from(choice, "how", lambda h: h == "move").classes("w-full").props(
                "outlined dense data-testid=in-use-target"
            )

            async def go() -> None:
                dialog.close()
                await self.save(waiting_param(str(choice["how"]), choice["to"]))

            with ui.row().classes("w-full justify-end"):
                ui.button(t("centre.in_use.back"), on_click=dialog.close).props("flat")
                ui.button(t("centre.in_use.go"), on_click=go).props("data-testid=in-use-go")
        dialog.on("hide", dialog.delete)
        dialog.open()

    async def download(self) -> None:
        content = await self.s.call(lambda api: api.centre_yaml())
        if content is not None:
            site = self.form.saved.get("site") or "centre"
            ui.download.content(content, f"{site}.yaml", "application/yaml")
