"""The sender with a fake clock and fake channels: a failed try waits 10 s, 20 s, 40 s…
(never before), a message that keeps failing ends `failed` with its last error after 5
tries, one that fails twice is sent on the third, a subscription gone (410) is given up at
once, and a claimed message whose sender died is taken again only when its lease ends."""

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import pytest

from protocol.notify import NotifyChannel, NotifyKind, PushSubscribe
from server.notify import outbox
from server.notify.channels import SendFailed
from server.notify.sender import Retry, Sender
from server.store.convert import utc
from tests.server.notify.support import SUB_KEYS, FakeGateway, FakePush, Phones, rows
from tests.support.inproc import InProc


@pytest.fixture
def app(inproc_any: InProc) -> Iterator[InProc]:
    inproc_any.client.portal.call(inproc_any.app.state.notifier.stop)  # this test sends, alone
    yield inproc_any


def queue(app: InProc, channel: NotifyChannel = NotifyChannel.PUSH) -> int:
    t = app.issue()
    now = app.clock.now()
    with app.ctx.uow() as uow:
        conn = uow.session.connection()
        if channel == NotifyChannel.PUSH:
            body = PushSubscribe(endpoint="https://push.example.net/x", keys=SUB_KEYS)
            outbox.subscribe(conn, "trung-tam-tinh", t["id"], body, now)
        outbox.queue(conn, [
            {"site": "trung-tam-tinh", "day": now.date(), "ticket_id": t["id"],
             "number": t["number"], "service_id": "dat-dai", "kind": NotifyKind.CALLED.value,
             "channel": channel.value, "lang": "vi", "text": "Mời công dân", "status": "queued",
             "tries": 0, "next_at": utc(now), "created_at": utc(now)},
        ])  # fmt: skip
        uow.commit()
    return int(t["id"])


def step(sender: Sender) -> int:
    async def go() -> int:
        n = await sender.round()
        await asyncio.gather(*list(sender.inflight))
        return n

    return asyncio.run(go())


def one(app: InProc) -> object:
    (row,) = rows(app.ctx)
    return row


def test_backoff_then_sent_on_the_third_try(app: InProc) -> None:
    push = FakePush()
    fails = [SendFailed("push service answered 503"), SendFailed("push service answered 503")]
    push.fail = lambda: fails.pop() if fails else None
    sender = Sender(app.ctx, push, None, Phones(), Retry(5, 10.0))  # type: ignore[arg-type]
    queue(app)
    assert step(sender) == 1
    row = one(app)
    assert (row.status, row.tries, row.last_error) == ("queued", 1, "push service answered 503")
    assert row.next_at == app.clock.now() + timedelta(seconds=10)
    app.clock.advance(seconds=9)
    assert step(sender) == 0  # not before its time
    app.clock.advance(seconds=1)
    assert step(sender) == 1
    assert one(app).next_at == app.clock.now() + timedelta(seconds=20)
    app.clock.advance(seconds=20)
    assert step(sender) == 1
    row = one(app)
    assert (row.status, row.tries, row.sent_at) == ("sent", 3, app.clock.now())
    assert len(push.sent) == 1
    app.clock.advance(hours=1)
    assert step(sender) == 0  # sent is sent


def test_always_failing_ends_failed_after_five_tries(app: InProc) -> None:
    gateway = FakeGateway()
    gateway.fail = lambda: SendFailed("gateway answered 500")
    sender = Sender(app.ctx, None, gateway, Phones(), Retry(5, 10.0))
    tid = queue(app, NotifyChannel.SMS)
    sender.contacts = Phones({tid: "0912345678"})
    waits = []
    for _ in range(5):
        assert step(sender) == 1
        row = one(app)
        if row.status == "queued":
            waits.append((row.next_at - app.clock.now()).total_seconds())
            app.clock.advance(seconds=waits[-1])
    row = one(app)
    assert waits == [10, 20, 40, 80]
    assert (row.status, row.tries, row.last_error) == ("failed", 5, "gateway answered 500")
    app.clock.advance(hours=1)
    assert step(sender) == 0


def test_a_gone_subscription_or_a_missing_phone_is_given_up_at_once(app: InProc) -> None:
    push = FakePush()
    push.fail = lambda: SendFailed("push service answered 410", final=True)
    sender = Sender(app.ctx, push, FakeGateway(), Phones(), Retry(5, 10.0))  # type: ignore[arg-type]
    queue(app)
    queue(app, NotifyChannel.SMS)  # no phone number any more (purged)
    assert step(sender) == 2
    assert [(r.status, r.tries, r.last_error) for r in rows(app.ctx)] == [
        ("failed", 1, "push service answered 410"),
        ("failed", 1, "no phone number (deleted)"),
    ]


def test_a_claim_whose_sender_died_is_taken_again_when_the_lease_ends(app: InProc) -> None:
    queue(app)
    now = app.clock.now()
    with app.ctx.uow() as uow:  # a process claims it, then dies before saying how it went
        (claimed,) = outbox.claim(uow.session.connection(), now, now + timedelta(seconds=40), 10)
        uow.commit()
    push = FakePush()
    sender = Sender(app.ctx, push, None, Phones(), Retry(5, 10.0), timeout_s=10)  # type: ignore[arg-type]
    assert step(sender) == 0
    app.clock.advance(seconds=40)
    assert step(sender) == 1
    row = one(app)
    assert (row.status, row.tries) == ("sent", 2) and len(push.sent) == 1
