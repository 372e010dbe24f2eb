"""Who may manage which accounts and devices, and what keeps a centre manageable.

Users are admins, supervisors or clerks; devices are kiosks, displays (a hall TV, or a
counter-top one bound to a counter) and rating pads (always bound to a counter). A user
belongs to one centre or to the province: a province user keeps a home centre but may
act on any centre. A centre always keeps one active admin."""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from protocol.enums import Role
from protocol.errors import ErrorCode
from server.domain.actor import Principal
from server.domain.errors import DomainError

USER_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CLERK})
DEVICE_ROLES = frozenset({Role.KIOSK, Role.DISPLAY, Role.RATING_PAD})
# A device's `last_seen` is written at most this often (server.commands.last_seen), so
# it may lag the truth by this much: "online" allows for it.
SEEN_EVERY_S = 30


def managed_site(who: Principal, asked: str | None, exists: bool) -> str:
    """The centre a manager acts on: a centre user their own (another one: forbidden), a
    province user the one asked for when it exists (else not found), or their home."""
    if asked is None or asked == who.site:
        return who.site
    if not who.province:
        raise DomainError(ErrorCode.FORBIDDEN, f"centre {asked}: not yours")
    if not exists:
        raise DomainError(ErrorCode.NOT_FOUND, f"centre {asked}")
    return asked


def check_user_role(role: Role) -> None:
    if role not in USER_ROLES:
        raise DomainError(ErrorCode.VALIDATION, f"role {role}: a user is admin|supervisor|clerk")


def check_may_touch_user(who: Principal, province_user: bool) -> None:
    """Only a province admin creates or changes a province user."""
    if province_user and not who.province:
        raise DomainError(ErrorCode.FORBIDDEN, "a province account needs a province admin")


def check_keeps_an_admin(
    was_active_admin: bool, stays_active_admin: bool, active_admins: Callable[[], int], who: str
) -> None:
    """Refuse to disable or demote the centre's last active admin (oneself included).
    `active_admins` counts them (asked only when the change would lose one)."""
    if was_active_admin and not stays_active_admin and active_admins() <= 1:
        raise DomainError(ErrorCode.LAST_ADMIN, f"{who} is the centre's last active admin")


def check_device(role: Role, counter: int | None, counters: Iterable[int]) -> None:
    """A rating pad needs a counter of the centre; a display may have one (counter-top
    mode); a kiosk has none."""
    if role not in DEVICE_ROLES:
        raise DomainError(
            ErrorCode.VALIDATION, f"role {role}: a device is kiosk|display|rating-pad"
        )
    if role == Role.RATING_PAD and counter is None:
        raise DomainError(ErrorCode.VALIDATION, "a rating pad needs its counter")
    if role == Role.KIOSK and counter is not None:
        raise DomainError(ErrorCode.VALIDATION, "a kiosk serves the hall, not one counter")
    if counter is not None and counter not in set(counters):
        raise DomainError(
            ErrorCode.UNKNOWN_COUNTER, f"counter {counter} is not in the centre's configuration"
        )


def user_changes(
    details: bool, password: bool, disabled: bool | None, was_active: bool
) -> list[str]:
    """The `user.changed` kinds one patch makes, in the order they are logged."""
    out: list[str] = []
    if disabled is True and was_active:
        out.append("disabled")
    if disabled is False and not was_active:
        out.append("enabled")
    if password:
        out.append("password")
    if details:  # role or full name
        out.append("updated")
    return out


def is_online(last_seen: datetime | None, now: datetime, offline_after_s: int) -> bool:
    """Seen within the centre's `alerts.device_offline_s` (plus the write interval)."""
    if last_seen is None:
        return False
    return now - last_seen <= timedelta(seconds=offline_after_s + SEEN_EVERY_S)
