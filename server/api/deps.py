"""FastAPI dependencies: the app's services, the caller, role checks, the centre a
manager acts on."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text

from protocol.enums import Role
from protocol.errors import ErrorCode
from server.commands.auth import TokenResolver
from server.commands.context import Context
from server.commands.last_seen import LastSeen
from server.domain.accounts import managed_site
from server.domain.errors import DomainError
from server.principal import Principal
from server.realtime.hub import Hub
from server.realtime.stream import StreamDeps
from server.settings import Settings


@dataclass
class Services:
    """Everything the routes need, built once by create_app."""

    settings: Settings
    ctx: Context
    tokens: TokenResolver
    hub: Hub
    stream: StreamDeps
    seen: LastSeen


async def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]
_bearer = HTTPBearer(auto_error=False)
_SITE_EXISTS = text("SELECT 1 FROM site WHERE code = :code")


async def current_principal(
    services: ServicesDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if creds is None or not creds.credentials:
        raise DomainError(ErrorCode.UNAUTHENTICATED)
    who = services.tokens.cached(creds.credentials)
    if who is None:  # not seen lately: ask the database, off the event loop
        who = await asyncio.to_thread(services.tokens.resolve, creds.credentials)
    if who is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED)
    services.seen.seen(who)  # a device's last_seen: in memory now, written later
    return who


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    allowed = frozenset(roles)

    async def check(who: CurrentPrincipal) -> Principal:
        if who.role not in allowed:
            raise DomainError(ErrorCode.FORBIDDEN)
        return who

    return check


STAFF = (Role.ADMIN, Role.SUPERVISOR, Role.CLERK)
MANAGERS = (Role.ADMIN, Role.SUPERVISOR)
Staff = Annotated[Principal, Depends(require(*STAFF))]
Managers = Annotated[Principal, Depends(require(*MANAGERS))]
Admin = Annotated[Principal, Depends(require(Role.ADMIN))]
KioskOrAdmin = Annotated[Principal, Depends(require(Role.KIOSK, Role.ADMIN))]
RatingPadOrAdmin = Annotated[Principal, Depends(require(Role.RATING_PAD, Role.ADMIN))]
StaffOrKiosk = Annotated[Principal, Depends(require(*STAFF, Role.KIOSK))]


def _site_exists(ctx: Context, code: str) -> bool:
    with ctx.db.reader.connect() as conn:
        return conn.execute(_SITE_EXISTS, {"code": code}).first() is not None


async def scoped_site(
    who: Managers,
    services: ServicesDep,
    site: Annotated[
        str | None,
        Query(max_length=64, description="province users: the centre to act on"),
    ] = None,
) -> str:
    """The centre a manager's route acts on: a centre user's own (asking for another:
    403 `forbidden`), or for a province user the `?site=` asked for (unknown: 404) or
    their home centre."""
    exists = False
    if site is not None and site != who.site and who.province:
        exists = await asyncio.to_thread(_site_exists, services.ctx, site)
    return managed_site(who, site, exists)


ManagedSite = Annotated[str, Depends(scoped_site)]


async def viewed_site(
    who: CurrentPrincipal,
    services: ServicesDep,
    site: Annotated[
        str | None,
        Query(max_length=64, description="province managers: the centre to read"),
    ] = None,
) -> str:
    """The centre a route every client reads (catalog, snapshot) answers for: the
    caller's own, or for a manager what `scoped_site` allows (devices and clerks asking
    for another centre: 403 `forbidden`)."""
    if site is None or site == who.site:
        return who.site
    if who.role not in MANAGERS:
        raise DomainError(ErrorCode.FORBIDDEN, f"centre {site}: not yours")
    return await scoped_site(who, services, site)


ViewedSite = Annotated[str, Depends(viewed_site)]


def _acting_at(who: Principal, site: str) -> Principal:
    return who if site == who.site else replace(who, site=site)


async def centre_manager(who: Managers, site: ManagedSite) -> Principal:
    """A supervisor or admin acting at the centre of `scoped_site` (a province user's
    `?site=`): every command and query then reads `who.site` as usual."""
    return _acting_at(who, site)


async def centre_admin(who: Admin, site: ManagedSite) -> Principal:
    return _acting_at(who, site)


CentreManager = Annotated[Principal, Depends(centre_manager)]
CentreAdmin = Annotated[Principal, Depends(centre_admin)]
