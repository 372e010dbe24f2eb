"""Login and bearer-token resolution (users' sessions and devices' tokens)."""

import time
import weakref
from datetime import timedelta
from functools import cache

from sqlalchemy import select
from sqlmodel import Session

from protocol.commands import LoginRequest, LoginResponse
from protocol.enums import Role
from protocol.errors import ErrorCode
from server.commands import login_throttle
from server.commands.context import Context
from server.domain.errors import DomainError
from server.principal import Principal
from server.security import hash_password, new_token, token_hash, verify_password
from server.store.convert import aware, utc
from server.store.tables import Device, LoginSession, User

SESSION_HOURS = 14  # a clerk's day, with margin; the app logs in again next morning
_CACHE_S = 30.0  # a revoked token stops working within this many seconds
_RESOLVERS: "weakref.WeakSet[TokenResolver]" = weakref.WeakSet()


def forget_named(kind: str, name: str) -> None:
    """A user or device changed (disabled, new password, revoked, re-keyed): every
    resolver of this process drops its cached tokens at once. Other processes do the same
    when the change's event reaches their hub (server.app wires it)."""
    for r in list(_RESOLVERS):
        r.forget_named(kind, name)


class TokenResolver:
    """Token -> Principal, with a short in-memory cache: every request needs it."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._cache: dict[str, tuple[float, Principal | None]] = {}
        _RESOLVERS.add(self)

    def resolve(self, token: str) -> Principal | None:
        h = token_hash(token)
        hit = self._cache.get(h)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        who = self._lookup(h)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[h] = (time.monotonic() + _CACHE_S, who)
        return who

    def cached(self, token: str) -> Principal | None:
        """The principal if this token was resolved lately (no database), else None."""
        hit = self._cache.get(token_hash(token))
        return hit[1] if hit is not None and hit[0] > time.monotonic() else None

    def forget(self, token: str) -> None:
        self._cache.pop(token_hash(token), None)

    def forget_named(self, kind: str, name: str) -> None:
        for h, (_, who) in list(self._cache.items()):
            if who is not None and who.kind == kind and who.name == name:
                self._cache.pop(h, None)

    def _lookup(self, h: str) -> Principal | None:
        # A read: the reader connection, never behind the writers' lock.
        with Session(self.ctx.db.reader) as s:
            dev = s.execute(select(Device).where(Device.token_hash == h)).scalar_one_or_none()
            if dev is not None:
                if not dev.active:
                    return None
                assert dev.id is not None
                return Principal(
                    "device", dev.id, dev.name, Role(dev.role), dev.site, counter_id=dev.counter_id
                )
            sess = s.get(LoginSession, h)
            if sess is None or aware(sess.expires_at) <= self.ctx.now():
                return None
            user = s.get(User, sess.user_id)
            if user is None or not user.active:
                return None
            assert user.id is not None
            return Principal(
                "user",
                user.id,
                user.username,
                Role(user.role),
                user.site,
                full_name=user.full_name,
                province=user.province,
            )


def device_pin_hash(ctx: Context, who: Principal) -> str | None:
    """The admin PIN hash the server keeps for this device (read fresh: a `set-pin`
    applies at the kiosk's next `GET /auth/me`), for its own `me` only."""
    if who.kind != "device":
        return None
    with ctx.uow() as uow:
        dev = uow.session.get(Device, who.id)
        return dev.admin_pin_hash if dev is not None and dev.site == who.site else None


def login(ctx: Context, body: LoginRequest, address: str = "unknown") -> LoginResponse:
    """A session for the right password, unless too many attempts failed lately
    (server.domain.throttle): then 429 `too-many-logins`, the right password too."""
    with ctx.uow() as uow:  # refused, or counted as a failure until it succeeds
        attempt = login_throttle.admit(uow, body.username, address[:64], ctx.now())
    with Session(ctx.db.reader) as s:
        user = s.execute(select(User).where(User.username == body.username)).scalar_one_or_none()
    # Argon2 outside any lock; a dummy hash for an unknown user, so timing tells nothing.
    ok = verify_password(user.password_hash if user else _dummy_hash(), body.password)
    if user is None or not ok or not user.active:
        with ctx.uow() as uow:
            login_throttle.failed(uow, attempt, address[:64])
        raise DomainError(ErrorCode.BAD_CREDENTIALS)
    token = new_token()
    now = ctx.now()
    expires = now + timedelta(hours=SESSION_HOURS)
    assert user.id is not None
    with ctx.uow() as uow:
        now_row = uow.session.get(User, user.id)  # disabled or re-keyed meanwhile: no
        if now_row is None or not now_row.active or now_row.password_hash != user.password_hash:
            raise DomainError(ErrorCode.BAD_CREDENTIALS)
        login_throttle.cleared(uow, user.username)
        uow.session.add(
            LoginSession(
                token_hash=token_hash(token),
                user_id=user.id,
                created_at=utc(now),
                expires_at=utc(expires),
            )
        )
        uow.commit()
    return LoginResponse(
        token=token,
        role=Role(user.role),
        username=user.username,
        full_name=user.full_name,
        site=user.site,
        expires_at=expires,
    )


def logout(ctx: Context, token: str) -> None:
    with ctx.uow() as uow:
        sess = uow.session.get(LoginSession, token_hash(token))
        if sess is not None:
            uow.session.delete(sess)
            uow.commit()


@cache
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")
