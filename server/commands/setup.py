"""Installing a centre: load the centre file, book appointments. Users and devices are
server.commands.accounts and server.commands.devices (re-exported here for old callers)."""

import secrets
import uuid
from datetime import UTC

from sqlalchemy import select

from protocol.commands import AppointmentCreate, AppointmentPublic
from protocol.errors import ErrorCode
from server.centre import CentreConfig
from server.commands.accounts import add_user, disable_user, list_users
from server.commands.centre import change_centre
from server.commands.context import Context, load_site
from server.commands.devices import add_device, list_devices, revoke_device, set_device_pin
from server.domain.clock import business_day
from server.domain.errors import DomainError
from server.principal import SYSTEM, Principal
from server.store.convert import aware, utc
from server.store.site_config import add_counters
from server.store.tables import Appointment, Site
from server.store.uow import UnitOfWork

__all__ = [
    "CentreChangeRefused",
    "add_device",
    "add_user",
    "create_appointment",
    "disable_user",
    "list_devices",
    "list_users",
    "load_centre",
    "revoke_device",
    "set_device_pin",
]


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
