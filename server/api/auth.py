"""Login for users; `me` for anyone holding a token."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials

from protocol.commands import LoginRequest, LoginResponse
from protocol.enums import Role
from protocol.views import Me
from server.api.deps import CurrentPrincipal, ServicesDep, _bearer
from server.commands.auth import device_pin_hash, login, logout

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login")
def post_login(body: LoginRequest, svc: ServicesDep, request: Request) -> LoginResponse:
    """After 5 failed attempts for one username (or 20 from one address) within 15
    minutes: 429 `too-many-logins` with Retry-After, even with the right password."""
    address = request.client.host if request.client else "unknown"
    return login(svc.ctx, body, address)


@router.post("/logout", status_code=204)
def post_logout(
    who: CurrentPrincipal,
    svc: ServicesDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Response:
    if creds is not None and who.kind == "user":
        logout(svc.ctx, creds.credentials)
        svc.tokens.forget(creds.credentials)
    return Response(status_code=204)


@router.get("/me")
def get_me(who: CurrentPrincipal, svc: ServicesDep) -> Me:
    pin_hash = device_pin_hash(svc.ctx, who) if who.role == Role.KIOSK else None
    return Me(
        name=who.name,
        kind=who.kind,  # type: ignore[arg-type]
        role=who.role,
        site=who.site,
        counter_id=who.counter_id,
        full_name=who.full_name,
        province=who.province,
        admin_pin_hash=pin_hash,
    )
