"""Live supervision: the alert check of every site, acknowledging an alert, and the
supervisors' actions on the waiting list. Each decision runs inside the site's unit of
work (the hall caught up from the log, under its lock), so two server processes never
raise the same alert twice nor act on a stale waiting list."""

from sqlalchemy import bindparam, select

from protocol.admin import AlertPublic
from protocol.enums import Role
from protocol.errors import ErrorCode
from protocol.snapshot import TicketPublic, WaitingTicket
from server.domain import supervise, views
from server.domain.actor import Principal
from server.domain.alerts import AlertChanges, DeviceSeen
from server.domain.errors import DomainError
from server.store.context import Context
from server.store.convert import aware
from server.store.halls import HallTx
from server.store.tables import Device, Site

_DEVICES = select(
    Device.name,
    Device.role,
    Device.last_seen,
    Device.printer_error,
    Device.printer_error_at,
    Device.active,
).where(Device.site == bindparam("site"))


def _devices(tx: HallTx) -> list[DeviceSeen]:
    rows = tx.conn.execute(_DEVICES, {"site": tx.hall.site}).all()
    return [
        DeviceSeen(name, Role(role), aware(seen), error, aware(error_at), bool(active))
        for name, role, seen, error, error_at, active in rows
    ]


def check_alerts(ctx: Context, site: str) -> AlertChanges:
    """Raise and clear one site's alerts as they hold now."""

    def cmd(tx: HallTx) -> AlertChanges:
        return supervise.check_alerts(tx.hall, _devices(tx), tx.now)

    return ctx.halls.write(site, cmd)  # type: ignore[no-any-return]


def check_all_sites(ctx: Context) -> int:
    """The background check: every site; returns how many alerts changed."""
    with ctx.db.reader.connect() as conn:
        codes = list(conn.execute(select(Site.code)).scalars())
    changed = 0
    for code in codes:
        found = check_alerts(ctx, code)
        changed += len(found.raised) + len(found.cleared)
    return changed


def list_alerts(ctx: Context, who: Principal, active_only: bool) -> list[AlertPublic]:
    with ctx.halls.read(who.site) as hall:
        return supervise.alert_list(hall, active_only)


def ack_alert(ctx: Context, who: Principal, alert_id: str) -> AlertPublic:
    return ctx.halls.write(  # type: ignore[no-any-return]
        who.site, lambda tx: supervise.ack_alert(tx.hall, who, alert_id, tx.now)
    )


def move_to_front(ctx: Context, who: Principal, ticket_id: int, reason: str) -> TicketPublic:
    return ctx.halls.write(  # type: ignore[no-any-return]
        who.site, lambda tx: supervise.move_to_front(tx.hall, who, ticket_id, reason, tx.now)
    )


def transfer_waiting(ctx: Context, who: Principal, ticket_id: int, service_id: str) -> TicketPublic:
    return ctx.halls.write(  # type: ignore[no-any-return]
        who.site,
        lambda tx: supervise.transfer_waiting(tx.hall, who, ticket_id, service_id, tx.now),
    )


def waiting_by_field(
    ctx: Context, who: Principal, service_id: str | None = None
) -> list[WaitingTicket]:
    with ctx.halls.read(who.site) as hall:
        if service_id is not None and hall.cfg.service(service_id) is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, service_id)
        return views.waiting_by_field(hall, ctx.now(), service_id)
