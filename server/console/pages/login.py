"""`/console/login`: username and password; the API's answer as it says it (wrong
password, too many attempts and how long to wait); a clerk is told the console is not for
them."""

import contextlib

from nicegui import ui
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse

from server.console.client import ApiProblem
from server.console.mount import CONSOLE_PATH, PAGE_BUILD_S
from server.console.session import MANAGERS, ConsoleSession


@ui.page("/login", response_timeout=PAGE_BUILD_S)
async def login_page(request: Request) -> RedirectResponse | None:
    s = ConsoleSession(request)
    user = s.user
    if user is not None and user.role in MANAGERS:
        return RedirectResponse(f"{CONSOLE_PATH}/")
    ui.page_title(f"{s.t('login.title')} — MotCua")

    def switch(e: object) -> None:
        s.set_lang(getattr(e, "value", "vi"))
        ui.navigate.reload()

    with ui.column().classes("absolute-center items-stretch gap-3").style("width: 360px"):
        with ui.row().classes("items-center justify-between"):
            ui.label("MotCua · " + s.t("console")).classes("text-h5 text-blue-9")
            ui.toggle({"vi": "VI", "en": "EN"}, value=s.lang, on_change=switch).props(
                'dense data-testid="lang"'
            )
        with ui.card().classes("w-full q-pa-lg"):
            ui.label(s.t("login.title")).classes("text-h6")
            username = (
                ui.input(s.t("login.username"))
                .props('outlined autofocus data-testid="username" autocomplete=username')
                .classes("w-full")
            )
            password = (
                ui.input(s.t("login.password"), password=True)
                .props('outlined data-testid="password" autocomplete=current-password')
                .classes("w-full")
            )
            error = ui.label("").classes("text-negative").props('data-testid="login-error"')
            error.set_visibility(False)

            def say(text: str) -> None:
                error.set_text(text)
                error.set_visibility(True)

            async def submit() -> None:
                name, secret = (username.value or "").strip(), password.value or ""
                if not name or not secret:
                    say(s.t("login.required"))
                    return
                api = s.api()
                try:
                    answer = await api.login(name, secret)
                except ApiProblem as p:
                    say(s.problem_text(p))
                    return
                except ValidationError:
                    say(s.t("invalid_input"))
                    return
                if answer.role not in MANAGERS:
                    api.token = answer.token  # not kept: end that session at once
                    with contextlib.suppress(ApiProblem):
                        await api.logout()
                    say(s.t("login.clerk"))
                    return
                s.remember(answer)
                ui.navigate.to("/")

            password.on("keydown.enter", submit)
            ui.button(s.t("login.submit"), on_click=submit).props(
                'unelevated color=blue-9 data-testid="login"'
            ).classes("w-full")
    return None
