"""What the notify tests share: a push channel and a gateway that record what they are
given (and fail when told), the outbox's rows, and a deadline loop."""

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from server.notify.channels import SendFailed, Sms
from server.store.context import Context
from server.store.notify_tables import Notification, PushSubscription

SUB_KEYS = {
    # A real P-256 point and auth secret (what a browser sends); nothing decrypts here.
    "p256dh": "BF3SSs35qJHdw2z1LOqOR5BKWk_F7pHh3d0umNKE4BZx_bgR40By91"
    "plrUsmWvUHEyZ5oN5e9LYNd019nf9FU7U",
    "auth": "tBHItJI5svbpez7KI4CCXg",
}


class FakePush:
    def __init__(self) -> None:
        self.sent: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self.fail: Callable[[], SendFailed | None] = lambda: None

    async def send(self, subscription: dict[str, Any], payload: dict[str, Any]) -> None:
        error = self.fail()
        if error is not None:
            raise error
        self.sent.append((subscription, payload))

    async def close(self) -> None:
        return None


class FakeGateway:
    name = "fake"

    def __init__(self) -> None:
        self.sent: list[Sms] = []
        self.fail: Callable[[], SendFailed | None] = lambda: None

    async def send(self, sms: Sms) -> None:
        error = self.fail()
        if error is not None:
            raise error
        self.sent.append(sms)

    async def close(self) -> None:
        return None


class Phones:
    """A ContactBook: the tickets whose citizen gave a phone number with consent."""

    def __init__(self, by_ticket: dict[int, str] | None = None) -> None:
        self.by_ticket = by_ticket or {}

    def phones(self, conn: Any, ticket_ids: Any) -> dict[int, str]:
        return {t: self.by_ticket[t] for t in ticket_ids if t in self.by_ticket}


def rows(ctx: Context, ticket_id: int | None = None) -> list[Any]:
    q = select(Notification).order_by(Notification.id)
    if ticket_id is not None:
        q = q.where(Notification.ticket_id == ticket_id)
    with ctx.db.reader.connect() as conn:
        return list(conn.execute(q).all())


def subscriptions(ctx: Context) -> list[int]:
    with ctx.db.reader.connect() as conn:
        return [r.ticket_id for r in conn.execute(select(PushSubscription)).all()]


def wait_until(cond: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    end = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"not within {timeout} s: {what or cond}")
        time.sleep(0.02)
