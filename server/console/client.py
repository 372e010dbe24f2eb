"""The console's only way to the server: its own HTTP API, called in-process
(`httpx.ASGITransport`), with the logged-in user's bearer token. Answers are parsed into
the protocol's models; a problem+json answer becomes `ApiProblem` (its Vietnamese `title`
and `detail` are what the page shows); a 401 becomes `Unauthorized` (back to login)."""

from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter
from starlette.types import ASGIApp

from protocol import API_PREFIX
from protocol.admin import (
    AlertPublic,
    AuditPage,
    DeviceCreate,
    DeviceCreated,
    DevicePublic,
    MoveToFrontBody,
    SiteRef,
    SupervisorTransferBody,
    UserCreate,
    UserPatch,
    UserPublic,
)
from protocol.commands import LoginRequest, LoginResponse
from protocol.errors import ERROR_TITLES, ErrorCode
from protocol.reports import Report
from protocol.snapshot import Catalog, Snapshot, TicketPublic, WaitingTicket
from protocol.views import Me, StatsToday

T = TypeVar("T")


class ApiProblem(Exception):
    """A refused or failed request: `title` (Vietnamese, as the server said it)."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str | None = None,
        retry_after: int | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {title}")
        self.status, self.code, self.title = status, code, title
        self.detail, self.retry_after = detail, retry_after
        self.body = body or {}  # the whole problem: its members (`errors`, `in_use` …)

    @classmethod
    def of(cls, r: httpx.Response) -> "ApiProblem":
        try:
            body = r.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        code = str(body.get("type") or ErrorCode.INTERNAL.value)
        title = str(body.get("title") or ERROR_TITLES[ErrorCode.INTERNAL])
        retry = r.headers.get("Retry-After")
        kind = Unauthorized if r.status_code == 401 and code != "bad-credentials" else cls
        return kind(
            r.status_code,
            code,
            title,
            body.get("detail"),
            int(retry) if retry and retry.isdigit() else None,
            body,
        )


class Unauthorized(ApiProblem):
    """The session is gone (expired, logged out, user disabled): log in again."""


class ConsoleApi:
    """One browser session's client of the API of `app` (the app serving the console)."""

    def __init__(
        self,
        app: ASGIApp,
        token: str | None,
        client_host: str = "127.0.0.1",
        site: str | None = None,
    ) -> None:
        """`site`: the centre a province user picked; sent as `?site=` on every call but
        the session's own (the server decides who may name it)."""
        self.app, self.token, self.client_host, self.site = app, token, client_host, site

    async def request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        if self.site and not path.startswith("/auth/"):
            kw["params"] = {**(kw.get("params") or {}), "site": self.site}
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        transport = httpx.ASGITransport(
            app=self.app, raise_app_exceptions=False, client=(self.client_host, 0)
        )
        async with httpx.AsyncClient(
            transport=transport, base_url="http://console" + API_PREFIX, headers=headers
        ) as http:
            r = await http.request(method, path, **kw)
        if r.status_code >= 400:
            raise ApiProblem.of(r)
        return r

    async def _get(self, path: str, kind: type[T], **params: Any) -> T:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        r = await self.request("GET", path, params=query)
        return TypeAdapter(kind).validate_python(r.json())

    async def _send(self, method: str, path: str, kind: type[T], body: BaseModel | None) -> T:
        json = body.model_dump(mode="json", exclude_unset=True) if body is not None else None
        r = await self.request(method, path, json=json)
        return TypeAdapter(kind).validate_python(r.json())

    # -- session ------------------------------------------------------------------------
    async def login(self, username: str, password: str) -> LoginResponse:
        body = LoginRequest(username=username, password=password)
        return await self._send("POST", "/auth/login", LoginResponse, body)

    async def logout(self) -> None:
        await self.request("POST", "/auth/logout")

    async def me(self) -> Me:
        return await self._get("/auth/me", Me)

    async def sites(self) -> list[SiteRef]:
        """The centres this user may pick (`?site=`): all of them for a province user."""
        return await self._get("/admin/sites", list[SiteRef])

    # -- the hall -----------------------------------------------------------------------
    async def catalog(self) -> Catalog:
        return await self._get("/catalog", Catalog)

    async def snapshot(self) -> Snapshot:
        return await self._get("/state", Snapshot)

    async def stats_today(self) -> StatsToday:
        return await self._get("/stats/today", StatsToday)

    async def waiting(self) -> list[WaitingTicket]:
        """Every waiting ticket, field by field, each field in its call order."""
        return await self._get("/waiting", list[WaitingTicket])

    async def cancel(self, ticket_id: int) -> TicketPublic:
        return await self._send("POST", f"/tickets/{ticket_id}/cancel", TicketPublic, None)

    async def transfer(self, ticket_id: int, service_id: str) -> TicketPublic:
        body = SupervisorTransferBody(service_id=service_id)
        return await self._send("POST", f"/tickets/{ticket_id}/transfer", TicketPublic, body)

    async def move_to_front(self, ticket_id: int, reason: str) -> TicketPublic:
        body = MoveToFrontBody(reason=reason)
        return await self._send("POST", f"/tickets/{ticket_id}/move-to-front", TicketPublic, body)

    # -- alerts and audit ---------------------------------------------------------------
    async def alerts(self) -> list[AlertPublic]:
        return await self._get("/alerts", list[AlertPublic])

    async def ack_alert(self, alert_id: str) -> AlertPublic:
        return await self._send("POST", f"/alerts/{alert_id}/ack", AlertPublic, None)

    async def audit(
        self,
        day: str | None = None,
        actor: str | None = None,
        counter: int | None = None,
        number: str | None = None,
        cursor: str | None = None,
    ) -> AuditPage:
        return await self._get(
            "/audit", AuditPage, day=day, actor=actor, counter=counter, number=number, cursor=cursor
        )

    # -- accounts and devices -----------------------------------------------------------
    async def users(self) -> list[UserPublic]:
        return await self._get("/admin/users", list[UserPublic])

    async def create_user(self, body: UserCreate) -> UserPublic:
        return await self._send("POST", "/admin/users", UserPublic, body)

    async def patch_user(self, username: str, body: UserPatch) -> UserPublic:
        return await self._send(
            "PATCH", f"/admin/users/{quote(username, safe='')}", UserPublic, body
        )

    async def devices(self) -> list[DevicePublic]:
        return await self._get("/admin/devices", list[DevicePublic])

    async def create_device(self, body: DeviceCreate) -> DeviceCreated:
        return await self._send("POST", "/admin/devices", DeviceCreated, body)

    async def revoke_device(self, name: str) -> DevicePublic:
        return await self._send("DELETE", f"/admin/devices/{name}", DevicePublic, None)

    # -- the centre's configuration (the centre file's JSON) -----------------------------
    async def centre(self) -> dict[str, Any]:
        r = await self.request("GET", "/admin/centre")
        return dict(r.json())

    async def put_centre(
        self, centre: dict[str, Any], waiting: str | None = None
    ) -> dict[str, Any]:
        """`waiting`: what becomes of removed fields' citizens ("cancel", "move:<id>")."""
        params = {"waiting": waiting} if waiting else None
        r = await self.request("PUT", "/admin/centre", json=centre, params=params)
        return dict(r.json())

    async def centre_yaml(self) -> bytes:
        return (await self.request("GET", "/admin/centre.yaml")).content

    # -- reports ------------------------------------------------------------------------
    async def report(self, first: str, last: str, by: str, site: str | None = None) -> Report:
        return await self._get("/reports", Report, to=last, by=by, site=site, **{"from": first})

    async def report_xlsx(
        self, first: str, last: str, by: str, site: str | None = None
    ) -> tuple[bytes, str]:
        """The Excel file and the name the server gives it."""
        params = {"from": first, "to": last, "by": by, "format": "xlsx"}
        r = await self.request(
            "GET", "/reports", params={**params, **({"site": site} if site else {})}
        )
        name = r.headers.get("content-disposition", "").partition('filename="')[2].rstrip('"')
        return r.content, name or f"bao-cao-{first}-{last}.xlsx"
