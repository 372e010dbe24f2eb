"""Users: list, create, change (role, name, password, disabled). One implementation for
the console's API (server.api.admin_accounts) and the installer (`motcua user …`).

Each change writes its `user.changed` event, with who did it, in the same transaction.
A new password or disabling ends the user's sessions at once: their rows go, and every
server process forgets the cached tokens when the event reaches its hub."""

from sqlalchemy import delete, select
from sqlmodel import Session

from protocol.admin import UserCreate, UserPatch, UserPublic
from protocol.enums import Role
from protocol.errors import ErrorCode
from protocol.events import EventType
from protocol.inputs import clean_text
from server.commands.auth import forget_named
from server.commands.context import Context, load_site
from server.domain.accounts import (
    check_keeps_an_admin,
    check_may_touch_user,
    check_user_role,
    managed_site,
    user_changes,
)
from server.domain.errors import DomainError
from server.principal import Principal
from server.security import hash_password
from server.store.tables import LoginSession, Site, User
from server.store.uow import UnitOfWork

SYSTEM_ACTOR = "system"  # the installer's command line


def list_users(ctx: Context, site: str | None = None) -> list[UserPublic]:
    """The users of `site` (None: of every centre, for the installer)."""
    q = select(User).order_by(User.site, User.username)
    if site is not None:
        q = q.where(User.site == site)
    with Session(ctx.db.reader) as s:
        return [_public(u) for u in s.execute(q).scalars()]


def create_user(ctx: Context, who: Principal, site: str, body: UserCreate) -> UserPublic:
    """`POST /admin/users`: a new account in `site` (or the body's `site`, within the
    admin's reach); a province account only by a province admin."""
    check_user_role(body.role)
    check_may_touch_user(who, body.province)
    hashed = hash_password(body.password)  # Argon2 is slow: outside the transaction

    def cmd(uow: UnitOfWork) -> UserPublic:
        s = uow.session
        target = site
        if body.site is not None:
            target = managed_site(who, body.site, s.get(Site, body.site) is not None)
        load_site(s, target)
        if _find(s, body.username) is not None:
            raise DomainError(ErrorCode.NAME_TAKEN, f"user {body.username}")
        user = User(
            site=target,
            username=body.username,
            full_name=body.full_name,
            role=body.role.value,
            password_hash=hashed,
            province=body.province,
        )
        s.add(user)
        _emit(uow, ctx, user, "created", who.actor)
        uow.commit()
        return _public(user)

    return ctx.run(cmd)


def patch_user(
    ctx: Context, who: Principal, site: str, username: str, body: UserPatch
) -> UserPublic:
    """`PATCH /admin/users/{username}`: what the body gives changes."""
    if body.role is not None:
        check_user_role(body.role)
    hashed = hash_password(body.password) if body.password is not None else None

    def cmd(uow: UnitOfWork) -> UserPublic:
        user = _find(uow.session, username)
        if user is None or user.site != site:
            raise DomainError(ErrorCode.UNKNOWN_USER, username)
        check_may_touch_user(who, user.province)
        _change(
            uow, ctx, user, who.actor, full_name=body.full_name, role=body.role,
            password_hash=hashed, disabled=body.disabled,
        )  # fmt: skip
        uow.commit()
        return _public(user)

    done = ctx.run(cmd)
    forget_named("user", username)
    return done


def add_user(
    ctx: Context,
    site: str,
    username: str,
    role: Role,
    password: str,
    full_name: str | None = None,
    password_hash: str | None = None,
    audit: bool = True,
    province: bool = False,
) -> None:
    """The installer's `motcua user add`: add a user, or reset an existing one's password
    and role and enable it again; `province`: a user of the province (the first province
    admin comes from here). `password_hash` lets the demo hash its one shared
    password once (Argon2 is slow on purpose); `audit=False` writes no event (the demo's
    fresh centre starts with an empty log)."""
    if not role.is_user:
        raise ValueError(f"{role} is a device role")
    # As login reads them (protocol.commands.LoginRequest): NFC, no invisible characters.
    username = _clean("username", username, 64)
    full_name = _clean("full name", full_name, 128) if full_name else None
    password = _clean("password", password, 256, strip=False)
    if len(password) < 8:
        raise ValueError("mật khẩu cần ít nhất 8 ký tự (password needs at least 8 characters)")
    hashed = password_hash or hash_password(password)
    actor = SYSTEM_ACTOR if audit else None

    def cmd(uow: UnitOfWork) -> None:
        s = uow.session
        load_site(s, site)
        user = _find(s, username)
        if user is None:
            user = User(
                site=site, username=username, role=role.value, full_name=full_name,
                password_hash=hashed, province=province,
            )  # fmt: skip
            s.add(user)
            _emit(uow, ctx, user, "created", actor)
        else:  # re-adding a user resets the password and role: the installer's fix-up path
            user.site, user.province = site, province
            _change(
                uow, ctx, user, actor, full_name=full_name, role=role, password_hash=hashed,
                disabled=False,
            )  # fmt: skip
        uow.commit()

    ctx.run(cmd)
    forget_named("user", username)


def disable_user(ctx: Context, username: str) -> tuple[int, int]:
    """`motcua user disable`: the user cannot log in, their sessions end now. Returns
    (user id, sessions ended)."""

    def cmd(uow: UnitOfWork) -> tuple[int, int]:
        user = _find(uow.session, username)
        if user is None:
            raise DomainError(
                ErrorCode.UNKNOWN_USER, f"no user {username!r} (see motcua user list)"
            )
        assert user.id is not None
        ended = _change(uow, ctx, user, SYSTEM_ACTOR, disabled=True)
        uow.commit()
        return user.id, ended

    done = ctx.run(cmd)
    forget_named("user", username)
    return done


# -- the one place a user changes ------------------------------------------------------
def _change(
    uow: UnitOfWork,
    ctx: Context,
    user: User,
    actor: str | None,
    *,
    full_name: str | None = None,
    role: Role | None = None,
    password_hash: str | None = None,
    disabled: bool | None = None,
) -> int:
    """Apply one change; write its events; end the sessions a new password or disabling
    ends. Returns how many sessions ended."""
    s = uow.session
    new_role = role.value if role is not None else user.role
    new_active = user.active if disabled is None else not disabled
    check_keeps_an_admin(
        user.active and user.role == Role.ADMIN,
        new_active and new_role == Role.ADMIN,
        lambda: _active_admins(s, user.site),
        user.username,
    )
    details = new_role != user.role or (full_name is not None and full_name != user.full_name)
    kinds = user_changes(details, password_hash is not None, disabled, user.active)
    user.role, user.active = new_role, new_active
    user.full_name = full_name if full_name is not None else user.full_name
    user.password_hash = password_hash or user.password_hash
    ended = 0
    if password_hash is not None or not new_active:
        assert user.id is not None
        ended = s.execute(delete(LoginSession).where(LoginSession.user_id == user.id)).rowcount
    for kind in kinds:
        _emit(uow, ctx, user, kind, actor)
    return int(ended or 0)


def _active_admins(s: Session, site: str) -> int:
    # FOR UPDATE: two admins disabling each other at once cannot both pass (PostgreSQL).
    q = select(User.id).where(User.site == site, User.role == Role.ADMIN.value, User.active)
    return len(s.execute(q.with_for_update()).all())


def _emit(uow: UnitOfWork, ctx: Context, user: User, change: str, actor: str | None) -> None:
    if actor is None:
        return
    data = {"username": user.username, "change": change, "role": user.role}
    uow.emit(user.site, EventType.USER_CHANGED, data, actor, ctx.now())


def _find(s: Session, username: str) -> User | None:
    return s.execute(select(User).where(User.username == username)).scalar_one_or_none()


def _public(u: User) -> UserPublic:
    return UserPublic(
        username=u.username,
        full_name=u.full_name,
        role=Role(u.role),
        site=u.site,
        province=u.province,
        disabled=not u.active,
    )


def _clean(what: str, value: str, max_length: int, strip: bool = True) -> str:
    try:
        return clean_text(value, max_length, strip=strip)
    except ValueError as e:
        raise ValueError(f"{what}: {e}") from None
