"""The console's accounts and devices (admins only). A centre admin sees and changes
their own centre's; a province admin any centre's, chosen with `?site=CODE`."""

from fastapi import APIRouter, Path

from protocol.admin import (
    DeviceCreate,
    DeviceCreated,
    DevicePublic,
    UserCreate,
    UserPatch,
    UserPublic,
)
from server.api.deps import Admin, ManagedSite, ServicesDep
from server.commands.accounts import create_user, list_users, patch_user
from server.commands.devices import create_device, list_devices, revoke_device

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/users")
def get_users(who: Admin, site: ManagedSite, svc: ServicesDep) -> list[UserPublic]:
    return list_users(svc.ctx, site)


@router.post("/users", status_code=201)
def post_user(body: UserCreate, who: Admin, site: ManagedSite, svc: ServicesDep) -> UserPublic:
    """A new account; `province: true` (an account of every centre) needs a province
    admin."""
    return create_user(svc.ctx, who, site, body)


@router.patch("/users/{username}")
def patch_one_user(
    body: UserPatch,
    who: Admin,
    site: ManagedSite,
    svc: ServicesDep,
    username: str = Path(max_length=64),
) -> UserPublic:
    """Change what the body gives. A new password or `disabled: true` ends the user's
    sessions at once; the centre's last active admin cannot be disabled or demoted."""
    return patch_user(svc.ctx, who, site, username, body)


@router.get("/devices")
def get_devices(who: Admin, site: ManagedSite, svc: ServicesDep) -> list[DevicePublic]:
    """With when each was last seen, whether it is online (seen within the centre's
    `alerts.device_offline_s`) and its printer's state."""
    return [e.device for e in list_devices(svc.ctx, site)]


@router.post("/devices", status_code=201)
def post_device(
    body: DeviceCreate, who: Admin, site: ManagedSite, svc: ServicesDep
) -> DeviceCreated:
    """A new device and its token, shown this once (the server keeps only its hash)."""
    return create_device(svc.ctx, who, site, body)


@router.delete("/devices/{name}")
def delete_device(
    who: Admin,
    site: ManagedSite,
    svc: ServicesDep,
    name: str = Path(max_length=64),
) -> DevicePublic:
    """Revoke a device: its token is refused at once, its open stream closes."""
    return revoke_device(svc.ctx, name, site, who.actor)
