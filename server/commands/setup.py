"""Installing a centre: load the centre file, add users and devices, book appointments."""

import secrets
import uuid
from datetime import UTC

from sqlalchemy import select

from protocol.commands import AppointmentCreate, AppointmentPublic
from protocol.enums import Role
from protocol.errors import ErrorCode
from protocol.inputs import clean_text
from protocol.pin import hash_pin, pin_problem
from server.centre import CentreConfig
from server.commands.auth import forget_principal
from server.commands.centre import change_centre
from server.commands.context import Context, load_site
from server.domain.clock import business_day
from server.domain.errors import DomainError
from server.principal import SYSTEM, Principal
from server.security import hash_password, new_token, token_hash
from server.store.convert import aware, utc
from server.store.site_config import add_counters
from server.store.tables import Appointment, Device, LoginSession, Site, User
from server.store.uow import UnitOfWork


class CentreChangeRefused(ValueError):
    """A centre file that would hurt the running hall; the message says what to do."""

    def __init__(self, message: str, in_use: dict[str, int] | None = None) -> None:
        super().__init__(message)
        self.in_use = in_use or {}


def load_centre(ctx: Context, cfg: CentreConfig, new_site: bool = False) -> str:
    """Create the site or update its configuration; safe to run again. Returns what it did.

    Refused (CentreChangeRefused): a file for another site when the database holds one
    already, unless `new_site` (a renamed `site:` would silently start a second centre);
    a file that drops a field with citizens still waiting today."""
    with ctx.db.reader.connect() as conn:
        codes = list(conn.execute(select(Site.code)).scalars())
    if codes and cfg.site not in codes and not new_site:
        raise CentreChangeRefused(
            f"site {cfg.site!r} is not in this database, which holds {', '.join(codes)}: "
            f"changing `site:` would start a second, empty centre. Put back "
            f"`site: {codes[0]}`, or give --new-site to really add another centre"
        )
    if cfg.site not in codes:
        return _create_site(ctx, cfg)
    try:
        version = change_centre(ctx, SYSTEM, cfg)
    except DomainError as e:
        if e.code != ErrorCode.FIELD_IN_USE:
            raise
        in_use: dict[str, int] = e.extra["in_use"]
        waits = ", ".join(f"{sid!r} has {n} citizen(s) waiting" for sid, n in in_use.items())
        raise CentreChangeRefused(
            f"the file removes or renames fields that are in use today: {waits}. "
            "Keep them in the file until the day closes (run init again tomorrow), "
            "or serve or cancel those tickets first",
            in_use,
        ) from None
    return "unchanged" if version is None else "updated"


def _create_site(ctx: Context, cfg: CentreConfig) -> str:
    def cmd(uow: UnitOfWork) -> str:
        s = uow.session
        now = ctx.now()
        s.add(
            Site(
                code=cfg.site,
                name=cfg.name,
                epoch=uuid.uuid4().hex[:12],
                seq=0,
                business_day=business_day(now, cfg.tz),
                config=cfg.model_dump(mode="json"),
                updated_at=utc(now),
            )
        )
        s.flush()
        add_counters(s.connection(), cfg)
        uow.commit()
        return "created"

    return ctx.run(cmd)


def add_user(
    ctx: Context,
    site: str,
    username: str,
    role: Role,
    password: str,
    full_name: str | None = None,
    password_hash: str | None = None,
) -> None:
    """Add a user or reset their password and role. `password_hash` lets the demo hash its
    one shared password once instead of once per account (Argon2 is slow on purpose)."""
    if not role.is_user:
        raise ValueError(f"{role} is a device role")
    # As login reads them (protocol.commands.LoginRequest): NFC, no invisible characters.
    username = _clean("username", username, 64)
    full_name = _clean("full name", full_name, 128) if full_name else None
    password = _clean("password", password, 256, strip=False)
    if len(password) < 8:
        raise ValueError("mật khẩu cần ít nhất 8 ký tự (password needs at least 8 characters)")
    hashed = password_hash or hash_password(password)

    def cmd(uow: UnitOfWork) -> None:
        s = uow.session
        load_site(s, site)
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            s.add(
                User(
                    site=site,
                    username=username,
                    role=role.value,
                    full_name=full_name,
                    password_hash=hashed,
                )
            )
        else:  # re-adding a user resets the password and role: the installer's fix-up path
            user.role, user.password_hash, user.site = role.value, hashed, site
            user.full_name = full_name or user.full_name
            user.active = True
        uow.commit()

    ctx.run(cmd)


def add_device(
    ctx: Context,
    site: str,
    name: str,
    role: Role,
    counter_id: int | None = None,
    token: str | None = None,
    rekey: bool = True,
    admin_pin: str | None = None,
) -> str:
    """Register (or, with `rekey`, re-key) a device; returns its new token, shown once.
    Without `rekey` a name that exists is refused: a typo must not cut a kiosk off.
    `admin_pin` (kiosks): the PIN of its settings, kept hashed (see `set_device_pin`);
    re-keying without one keeps the PIN the device had."""
    if role.is_user:
        raise ValueError(f"{role} is a user role")
    pin_hash = _pin_hash(role, admin_pin) if admin_pin is not None else None
    token = token or new_token()
    name = _clean("device name", name, 64)

    def cmd(uow: UnitOfWork) -> None:
        s = uow.session
        cfg = ctx.config_of(load_site(s, site))
        if counter_id is not None and cfg.counter(counter_id) is None:
            raise ValueError(f"counter {counter_id} is not in the centre file")
        dev = s.execute(select(Device).where(Device.name == name)).scalar_one_or_none()
        if dev is not None and not rekey:
            raise ValueError(
                f"device {name!r} exists ({dev.role}"
                + (f", counter {dev.counter_id}" if dev.counter_id else "")
                + ("" if dev.active else ", revoked")
                + "): choose another name, or give --rekey to issue it a new token "
                "(its old token stops working)"
            )
        if dev is None:
            s.add(
                Device(
                    site=site,
                    name=name,
                    role=role.value,
                    token_hash=token_hash(token),
                    counter_id=counter_id,
                    admin_pin_hash=pin_hash,
                )
            )
        else:
            if pin_hash is not None:
                dev.admin_pin_hash = pin_hash
            elif role != Role.KIOSK:
                dev.admin_pin_hash = None
            dev.role, dev.token_hash, dev.counter_id, dev.site = (
                role.value,
                token_hash(token),
                counter_id,
                site,
            )
            dev.active = True
        uow.commit()

    ctx.run(cmd)
    return token


def _pin_hash(role: Role | str, pin: str) -> str:
    if role != Role.KIOSK:
        raise ValueError(f"an admin PIN is for kiosks only, not a {role} device")
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    return hash_pin(pin)


def set_device_pin(ctx: Context, name: str, pin: str | None) -> None:
    """Set (None: remove) the admin PIN the server keeps for kiosk `name`. The kiosk
    takes it at its next `GET /auth/me` (start, or back on line) unless its command line
    gives `--admin-pin`; removed, the kiosk keeps the last one it had."""

    def cmd(uow: UnitOfWork) -> None:
        s = uow.session
        dev = s.execute(select(Device).where(Device.name == name)).scalar_one_or_none()
        if dev is None:
            raise ValueError(f"no device {name!r} (see motcua device list)")
        dev.admin_pin_hash = _pin_hash(dev.role, pin) if pin is not None else None
        uow.commit()

    ctx.run(cmd)


def list_users(ctx: Context) -> list[dict[str, object]]:
    with ctx.uow() as uow:
        rows = uow.session.execute(select(User).order_by(User.site, User.username)).scalars()
        return [
            {
                "name": u.username,
                "role": u.role,
                "site": u.site,
                "full_name": u.full_name or "",
                "active": u.active,
            }
            for u in rows
        ]


def list_devices(ctx: Context) -> list[dict[str, object]]:
    with ctx.uow() as uow:
        rows = uow.session.execute(select(Device).order_by(Device.site, Device.name)).scalars()
        return [
            {
                "name": d.name,
                "role": d.role,
                "site": d.site,
                "counter": d.counter_id,
                "active": d.active,
                "last_seen": aware(d.last_seen),
                "admin_pin": d.admin_pin_hash is not None,
            }
            for d in rows
        ]


def disable_user(ctx: Context, username: str) -> tuple[int, int]:
    """Disable a user and end their sessions at once. Returns (user id, sessions ended)."""

    def cmd(uow: UnitOfWork) -> tuple[int, int]:
        s = uow.session
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise ValueError(f"no user {username!r} (see motcua user list)")
        assert user.id is not None
        user.active = False
        ended = 0
        for sess in s.execute(select(LoginSession).where(LoginSession.user_id == user.id)):
            s.delete(sess[0])
            ended += 1
        uow.commit()
        return user.id, ended

    done = ctx.run(cmd)
    forget_principal("user", done[0])
    return done


def revoke_device(ctx: Context, name: str) -> int:
    """Revoke a device: its token stops working. Returns the device's id."""

    def cmd(uow: UnitOfWork) -> int:
        s = uow.session
        dev = s.execute(select(Device).where(Device.name == name)).scalar_one_or_none()
        if dev is None:
            raise ValueError(f"no device {name!r} (see motcua device list)")
        assert dev.id is not None
        dev.active = False
        dev.token_hash = token_hash(new_token())  # the old token is gone, not just paused
        uow.commit()
        return dev.id

    id_ = ctx.run(cmd)
    forget_principal("device", id_)
    return id_


def _clean(what: str, value: str, max_length: int, strip: bool = True) -> str:
    try:
        return clean_text(value, max_length, strip=strip)
    except ValueError as e:
        raise ValueError(f"{what}: {e}") from None


def create_appointment(ctx: Context, who: Principal, body: AppointmentCreate) -> AppointmentPublic:
    def cmd(uow: UnitOfWork) -> AppointmentPublic:
        s = uow.session
        cfg = ctx.config_of(load_site(s, who.site))
        if cfg.service(body.service_id) is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, body.service_id)
        start = (
            body.slot_start if body.slot_start.tzinfo else body.slot_start.replace(tzinfo=cfg.tz)
        )
        end = body.slot_end
        if end is not None and end.tzinfo is None:
            end = end.replace(tzinfo=cfg.tz)
        code = (body.code or _appointment_code()).strip().upper()
        if s.get(Appointment, (who.site, code)) is not None:
            raise DomainError(ErrorCode.CONFLICT, f"appointment {code} exists")
        a = Appointment(
            site=who.site,
            code=code,
            service_id=body.service_id,
            slot_start=utc(start.astimezone(UTC)),
            slot_end=utc(end.astimezone(UTC)) if end else None,
        )
        s.add(a)
        uow.commit()
        return AppointmentPublic(
            code=code,
            service_id=a.service_id,
            slot_start=aware(a.slot_start),
            slot_end=aware(a.slot_end),
            ticket_id=None,
        )

    return ctx.run(cmd, attempts=1)


def _appointment_code() -> str:
    # No 0/O or 1/I: the code is read aloud and typed by citizens.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))
