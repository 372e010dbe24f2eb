"""`/console/centre` (admin): the centre's configuration. A stub: the configuration
editor (server/console/pages/centre*.py, branch console-centre) replaces it."""

from nicegui import ui
from starlette.requests import Request
from starlette.responses import RedirectResponse

from server.console import layout
from server.console.session import ConsoleSession


@ui.page("/centre")
async def centre_page(request: Request) -> RedirectResponse | None:
    s = await layout.enter(request, "nav.centre")
    if not isinstance(s, ConsoleSession):
        return s
    if layout.admins_only(s):
        return None
    with ui.column().classes("console-main q-pa-md"):
        ui.label(s.t("centre.title")).classes("text-h5")
        ui.label(s.t("centre.soon"))
    return None
