"""The login throttle's memory: failed logins in the database (table loginfailure), so
that every server process, and a restarted one, counts the same. The rule itself is
server.domain.throttle.

A refused attempt is not counted as a failure (the wait would never end); the first
refusal of a lock-out writes an `auth.login_refused` event in the user's centre (when the
username is known) and every one a log line, never with the password. An attacker
hammering one name fills neither the log table nor the hall's stream: one event per
lock-out."""

import logging
from datetime import datetime

from sqlalchemy import delete, or_, select, text

from protocol.errors import ErrorCode
from protocol.events import EventType
from server.domain.errors import DomainError
from server.domain.throttle import WINDOW, refusal
from server.store.convert import aware, utc
from server.store.tables import LoginFailure, User
from server.store.uow import UnitOfWork

log = logging.getLogger(__name__)
PENDING = ""  # the address of an attempt still being checked (not yet a failure)


def admit(uow: UnitOfWork, username: str, address: str, now: datetime) -> int:
    """Let one attempt go ahead, counting it as a failure of `username` until it succeeds
    (`cleared`): parallel guesses at one name cannot all slip through before the first is
    counted. It counts for the address only once it has failed (`failed`): a morning's
    burst of clerks logging in from one address (a reverse proxy, a NAT) is not a
    lock-out. Returns the attempt's row id. Refused: DomainError too-many-logins with the
    wait. Commits."""
    s = uow.session
    if s.get_bind().dialect.name == "postgresql":  # one username's attempts in turn
        s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:u))"), {"u": username})
    since = utc(now - WINDOW)
    s.execute(delete(LoginFailure).where(LoginFailure.at < since))  # pruned as it goes
    rows = s.execute(
        select(LoginFailure.username, LoginFailure.address, LoginFailure.at, LoginFailure.refused)
        .where(LoginFailure.at >= since)
        .where(or_(LoginFailure.username == username, LoginFailure.address == address))
    ).all()
    failed = [r for r in rows if not r.refused]
    wait = refusal(
        [aware(r.at) for r in failed if r.username == username],  # type: ignore[misc]
        [aware(r.at) for r in failed if r.address == address],  # type: ignore[misc]
        now,
    )
    if wait is None:
        attempt = LoginFailure(username=username, address=PENDING, at=utc(now))
        s.add(attempt)
        uow.commit()
        assert attempt.id is not None
        return attempt.id
    log.warning(
        "login refused: too many failed attempts for %r or from %s; retry in %d s",
        username,
        address,
        wait,
    )
    if not any(r.refused and r.username == username for r in rows):
        s.add(LoginFailure(username=username, address=address, at=utc(now), refused=True))
        user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is not None:
            data = {"username": username, "address": address, "retry_after_s": wait}
            uow.emit(user.site, EventType.LOGIN_REFUSED, data, "system", now)
        uow.commit()
    raise DomainError(ErrorCode.TOO_MANY_LOGINS, f"retry in {wait} s", retry_after_s=wait)


def failed(uow: UnitOfWork, attempt_id: int, address: str) -> None:
    """The attempt failed: it now counts for its address too. Commits."""
    row = uow.session.get(LoginFailure, attempt_id)
    if row is not None:
        row.address = address
        uow.commit()


def cleared(uow: UnitOfWork, username: str) -> None:
    """A successful login forgets that username's failures (the caller commits)."""
    uow.session.execute(delete(LoginFailure).where(LoginFailure.username == username))
