"""One browser's console session, kept server-side in NiceGUI's `app.storage.user`
(keyed by the signed session cookie): the bearer token, who logged in, the language.
`ConsoleSession.call` runs an API call for a page: a problem is shown as the server's
Vietnamese title (and detail), a lost session sends the browser back to the login page."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from nicegui import app, ui
from pydantic import ValidationError
from starlette.requests import Request

from protocol.commands import LoginResponse
from protocol.enums import Role
from protocol.snapshot import Catalog
from server.console import i18n
from server.console.client import ApiProblem, ConsoleApi, Unauthorized
from server.console.mount import APP_KEY

T = TypeVar("T")
MANAGERS = (Role.ADMIN, Role.SUPERVISOR)
# Paths inside the console: ui.navigate.to adds the mount's /console itself (a
# RedirectResponse does not: CONSOLE_PATH + path).
LOGIN_PATH = "/login"


class ConsoleSession:
    def __init__(self, request: Request) -> None:
        self.app = request.scope[APP_KEY]
        self.host = request.client.host if request.client else "127.0.0.1"
        self.store: Any = app.storage.user  # kept: event handlers run outside the request
        self.catalog: Catalog | None = None  # the centre, read once per page (layout.enter)

    # -- what the browser holds ---------------------------------------------------------
    @property
    def lang(self) -> i18n.Lang:
        return i18n.lang_of(self.store.get("lang"))

    def set_lang(self, lang: str) -> None:
        self.store["lang"] = i18n.lang_of(lang)

    @property
    def site(self) -> str | None:
        """The centre a province user picked in the header (None: their own)."""
        value = self.store.get("site")
        return value if isinstance(value, str) else None

    def set_site(self, site: str | None) -> None:
        if site:
            self.store["site"] = site
        else:
            self.store.pop("site", None)

    @property
    def token(self) -> str | None:
        value = self.store.get("token")
        return value if isinstance(value, str) else None

    @property
    def user(self) -> LoginResponse | None:
        raw = self.store.get("user")
        if not self.token or not isinstance(raw, dict):
            return None
        try:
            return LoginResponse.model_validate({**raw, "token": self.token})
        except ValidationError:
            return None

    def remember(self, login: LoginResponse) -> None:
        self.store["token"] = login.token
        self.store["user"] = login.model_dump(mode="json", exclude={"token"})

    def forget(self) -> None:
        self.store.pop("token", None)
        self.store.pop("user", None)
        self.store.pop("seen_alerts", None)
        self.store.pop("site", None)

    # -- helpers for pages --------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)

    def api(self) -> ConsoleApi:
        return ConsoleApi(self.app, self.token, self.host, self.site)

    def service_name(self, service_id: str) -> str:
        """A field's name in the page's language (the catalog's words)."""
        for svc in self.catalog.services if self.catalog is not None else ():
            if svc.id == service_id:
                return (svc.name_en or svc.name) if self.lang == "en" else svc.name
        return service_id

    def now(self) -> datetime:
        """The server's time (its clock: what the alerts and waits are measured with)."""
        services = getattr(getattr(self.app, "state", None), "services", None)
        return services.ctx.now() if services is not None else datetime.now(UTC)

    def is_admin(self) -> bool:
        user = self.user
        return user is not None and user.role == Role.ADMIN

    async def call(self, fn: Callable[[ConsoleApi], Awaitable[T]], quiet: bool = False) -> T | None:
        """`fn(api)`; None after a problem (shown unless `quiet`), or after a lost session
        (the browser goes to the login page)."""
        try:
            return await fn(self.api())
        except Unauthorized:
            self.forget()
            ui.navigate.to(LOGIN_PATH)
        except ApiProblem as p:
            if not quiet:
                self.show_problem(p)
        except ValidationError:
            if not quiet:
                ui.notify(self.t("invalid_input"), type="negative")
        return None

    def problem_text(self, p: ApiProblem) -> str:
        text = p.title + (f" — {p.detail}" if p.detail else "")
        if p.retry_after and p.status == 429:
            text += " " + self.t("retry_in", s=p.retry_after)
        return text

    def show_problem(self, p: ApiProblem) -> None:
        ui.notify(self.problem_text(p), type="negative", multi_line=True, timeout=8000)
