"""Devices: list, register (token shown once), revoke, a kiosk's admin PIN. One
implementation for the console's API (server.api.admin_accounts) and the installer
(`motcua device …`). Each change writes its `device.changed` event in the same
transaction; a revoked or re-keyed device's old token is refused at once by every
server process (its hub forgets the cached token when the event arrives)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from protocol.admin import DeviceCreate, DeviceCreated, DevicePublic
from protocol.enums import Role
from protocol.errors import ErrorCode
from protocol.events import EventType
from protocol.inputs import clean_text
from protocol.pin import hash_pin, pin_problem
from server.commands.auth import forget_named
from server.commands.context import Context, load_site
from server.domain.accounts import check_device, is_online
from server.domain.errors import DomainError
from server.principal import Principal
from server.security import new_token, token_hash
from server.store.convert import aware
from server.store.tables import Device, Site
from server.store.uow import UnitOfWork

SYSTEM_ACTOR = "system"  # the installer's command line


@dataclass(frozen=True)
class DeviceEntry:
    """One device as listed: what the console shows, plus the installer's columns."""

    site: str
    device: DevicePublic
    admin_pin: bool


def list_devices(ctx: Context, site: str | None = None) -> list[DeviceEntry]:
    """The devices of `site` (None: of every centre), with when each was last seen and
    whether that is recent enough to count as online (the centre's alert limit)."""
    q = select(Device).order_by(Device.site, Device.name)
    if site is not None:
        q = q.where(Device.site == site)
    now, limits = ctx.now(), {}
    with Session(ctx.db.reader) as s:
        rows = list(s.execute(q).scalars())
        for code in {d.site for d in rows}:
            row = s.get(Site, code)
            limits[code] = ctx.config_of(row).alerts.device_offline_s if row else 0
    return [
        DeviceEntry(d.site, _public(d, now, limits[d.site]), d.admin_pin_hash is not None)
        for d in rows
    ]


def create_device(ctx: Context, who: Principal, site: str, body: DeviceCreate) -> DeviceCreated:
    """`POST /admin/devices`: a new device of `site`; its token, shown this once."""
    token = new_token()
    _register(ctx, site, body.name, body.role, body.counter, token, False, None, who.actor)
    return DeviceCreated(name=body.name, role=body.role, counter=body.counter, token=token)


def add_device(
    ctx: Context,
    site: str,
    name: str,
    role: Role,
    counter_id: int | None = None,
    token: str | None = None,
    rekey: bool = True,
    admin_pin: str | None = None,
    audit: bool = True,
) -> str:
    """The installer's `motcua device add`: register (or, with `rekey`, re-key) a device;
    returns its new token, shown once. Without `rekey` a name that exists is refused: a
    typo must not cut a kiosk off. `admin_pin` (kiosks): the PIN of its settings, kept
    hashed (see `set_device_pin`); re-keying without one keeps the PIN the device had.
    `audit=False` writes no event (the demo's fresh centre starts with an empty log)."""
    if role.is_user:
        raise ValueError(f"{role} is a user role")
    pin_hash = _pin_hash(role, admin_pin) if admin_pin is not None else None
    token = token or new_token()
    name = _clean("device name", name, 64)
    actor = SYSTEM_ACTOR if audit else None
    _register(ctx, site, name, role, counter_id, token, rekey, pin_hash, actor)
    return token


def revoke_device(
    ctx: Context, name: str, site: str | None = None, actor: str = SYSTEM_ACTOR
) -> DevicePublic:
    """Revoke a device (of `site`, when given): its token stops working at once."""

    def cmd(uow: UnitOfWork) -> DevicePublic:
        dev = _find(uow.session, name)
        if dev is None or (site is not None and dev.site != site):
            raise DomainError(ErrorCode.UNKNOWN_DEVICE, f"no device {name!r}")
        if dev.active:
            dev.active = False
            dev.token_hash = token_hash(new_token())  # the old token is gone, not paused
            _emit(uow, ctx, dev, "revoked", actor)
        uow.commit()
        return _public(dev, ctx.now(), 0)

    done = ctx.run(cmd)
    forget_named("device", name)
    return done


def set_device_pin(ctx: Context, name: str, pin: str | None) -> None:
    """Set (None: remove) the admin PIN the server keeps for kiosk `name`. The kiosk
    takes it at its next `GET /auth/me` (start, or back on line) unless its command line
    gives `--admin-pin`; removed, the kiosk keeps the last one it had."""

    def cmd(uow: UnitOfWork) -> None:
        dev = _find(uow.session, name)
        if dev is None:
            raise ValueError(f"no device {name!r} (see motcua device list)")
        dev.admin_pin_hash = _pin_hash(dev.role, pin) if pin is not None else None
        uow.commit()

    ctx.run(cmd)


# -- the one place a device is registered ----------------------------------------------
def _register(
    ctx: Context,
    site: str,
    name: str,
    role: Role,
    counter_id: int | None,
    token: str,
    rekey: bool,
    pin_hash: str | None,
    actor: str | None,
) -> None:
    def cmd(uow: UnitOfWork) -> None:
        s = uow.session
        cfg = ctx.config_of(load_site(s, site))
        check_device(role, counter_id, (c.id for c in cfg.counters))
        dev = _find(s, name)
        if dev is not None and not rekey:
            raise DomainError(
                ErrorCode.NAME_TAKEN,
                f"device {name!r} exists ({dev.role}"
                + (f", counter {dev.counter_id}" if dev.counter_id else "")
                + ("" if dev.active else ", revoked")
                + ")",
            )
        if dev is None:
            dev = Device(site=site, name=name, role=role.value, token_hash=token_hash(token))
            s.add(dev)
        elif pin_hash is None and role != Role.KIOSK:
            dev.admin_pin_hash = None
        dev.role, dev.token_hash, dev.counter_id, dev.site = (
            role.value, token_hash(token), counter_id, site,
        )  # fmt: skip
        dev.admin_pin_hash = pin_hash or dev.admin_pin_hash
        dev.active = True
        _emit(uow, ctx, dev, "added", actor)
        uow.commit()

    ctx.run(cmd)
    forget_named("device", name)  # re-keyed: the old token is refused at once


def _emit(uow: UnitOfWork, ctx: Context, dev: Device, change: str, actor: str | None) -> None:
    if actor is not None:
        data = {"name": dev.name, "change": change, "role": dev.role}
        uow.emit(dev.site, EventType.DEVICE_CHANGED, data, actor, ctx.now())


def _find(s: Session, name: str) -> Device | None:
    return s.execute(select(Device).where(Device.name == name)).scalar_one_or_none()


def _public(d: Device, now: datetime, offline_after_s: int) -> DevicePublic:
    seen = aware(d.last_seen)
    return DevicePublic(
        name=d.name,
        role=Role(d.role),
        counter=d.counter_id,
        active=d.active,
        last_seen=seen,
        online=d.active and is_online(seen, now, offline_after_s),
        printer_error=d.printer_error,
        printer_error_at=aware(d.printer_error_at),
    )


def _pin_hash(role: Role | str, pin: str) -> str:
    if role != Role.KIOSK:
        raise ValueError(f"an admin PIN is for kiosks only, not a {role} device")
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    return hash_pin(pin)


def _clean(what: str, value: str, max_length: int, strip: bool = True) -> str:
    try:
        return clean_text(value, max_length, strip=strip)
    except ValueError as e:
        raise ValueError(f"{what}: {e}") from None
