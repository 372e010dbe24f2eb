"""Which messages are queued, in the running app (in-process, fake clock): "near" once
when the ticket reaches its field's `notify_ahead` (3 in the sample's Đất đai), "called"
once when it is called; recalls, no-show and return, transfers add nothing; a ticket that
ends loses its subscription; an SMS only where the centre turns it on and the citizen
gave a number. On SQLite and PostgreSQL."""

from collections.abc import Iterator
from typing import Any

import pytest

from server.notify.service import Notifier
from tests.server.notify.support import (
    SUB_KEYS,
    FakeGateway,
    FakePush,
    Phones,
    rows,
    subscriptions,
    wait_until,
)
from tests.support.inproc import InProc


@pytest.fixture
def env(inproc_any: InProc) -> Iterator[tuple[InProc, FakePush]]:
    push = FakePush()
    notifier(inproc_any).use(push=push)
    yield inproc_any, push


def notifier(env: InProc) -> Notifier:
    return env.app.state.notifier  # type: ignore[no-any-return]


def subscribe(env: InProc, code: str, lang: str = "vi", **kw: Any) -> Any:
    body = {"endpoint": "https://push.example.net/send/abc", "keys": SUB_KEYS, "lang": lang, **kw}
    return env.api("POST", f"/public/tickets/{code}/push", json=body)


def kinds(env: InProc, ticket_id: int) -> list[tuple[str, str]]:
    return [(r.kind, r.channel) for r in rows(env.ctx, ticket_id)]


def expect(env: InProc, ticket_id: int, expected: list[tuple[str, str]]) -> None:
    """Every event seen and decided (the site planned once more, in step; the watcher's
    own task may be writing the same rows meanwhile), the ticket's messages are these."""
    notifier(env).watcher.plan("trung-tam-tinh")
    wait_until(lambda: kinds(env, ticket_id) == expected, what=f"{expected}")


def test_near_once_at_notify_ahead_then_called_once(env: tuple[InProc, FakePush]) -> None:
    app, push = env
    tickets = [app.issue() for _ in range(6)]
    mine = tickets[5]  # 5 ahead
    r = subscribe(app, mine["tracking_code"])
    assert r.status_code == 200, r.text
    assert r.json() == {"number": mine["number"], "lang": "vi"}
    app.counter(1, "open")
    for ahead in (4, 3, 2, 1, 0):
        app.counter(1, "call-next")
        app.counter(1, "start")
        app.counter(1, "finish")
        expect(app, mine["id"], [("near", "push")] if ahead <= 3 else [])
    app.counter(1, "call-next")
    app.counter(1, "recall")
    expect(app, mine["id"], [("near", "push"), ("called", "push")])
    texts = wait_until(lambda: [p["body"] for _, p in push.sent if p["number"] == mine["number"]]
                       if len(push.sent) == 2 else None, what="both pushed")  # fmt: skip
    assert texts == [
        f"Số {mine['number']} (Đất đai): sắp đến lượt, còn 3 người trước bạn. Mời bạn về gần quầy.",
        f"Mời công dân có số thứ tự {mine['number']} đến quầy số 1",
    ]
    sub, payload = push.sent[1]
    assert sub["endpoint"] == "https://push.example.net/send/abc"
    assert payload["title"] == f"Số thứ tự {mine['number']}"
    assert payload["url"] == f"/t/{mine['tracking_code']}?lang=vi"
    wait_until(lambda: {r.status for r in rows(app.ctx)} == {"sent"}, what="marked sent")
    app.counter(1, "start")
    app.counter(1, "finish")
    wait_until(lambda: subscriptions(app.ctx) == [], what="subscription deleted at the end")


def test_no_show_return_and_transfer_add_nothing(env: tuple[InProc, FakePush]) -> None:
    app, _ = env
    mine = app.issue()
    subscribe(app, mine["tracking_code"], lang="en")
    expect(app, mine["id"], [("near", "push")])  # first in line already
    app.counter(1, "open")
    app.counter(1, "call-next")
    app.counter(1, "recall")
    app.clock.advance(seconds=61)
    assert app.counter(1, "no-show").status_code == 200
    assert app.counter(1, "return", ticket_id=mine["id"]).status_code == 200
    app.counter(1, "call-next")
    app.counter(1, "start")
    assert app.counter(1, "transfer", service_id="xay-dung").status_code == 200
    app.counter(3, "open")
    app.counter(3, "call-next")
    expect(app, mine["id"], [("near", "push"), ("called", "push")])
    near, called = rows(app.ctx, mine["id"])
    assert (
        near.text == f"Number {mine['number']} (Land): you are next. Please come back to the hall."
    )
    assert called.text == f"Number {mine['number']}: please go to counter 1."


def test_sms_only_where_the_centre_turns_it_on_and_a_number_was_given(
    env: tuple[InProc, FakePush],
) -> None:
    app, _ = env
    gateway = FakeGateway()
    with_phone, without = app.issue(), app.issue()
    notifier(app).use(gateway=gateway, contacts=Phones({with_phone["id"]: "0912345678"}))
    app.counter(1, "open")
    app.counter(1, "call-next")
    expect(app, with_phone["id"], [])  # the sample centre sends no SMS
    admin = app.login("admin")
    centre = app.api("GET", "/admin/centre", admin).json()
    centre["phones"]["sms"] = True
    assert app.api("PUT", "/admin/centre", admin, json=centre).status_code == 200
    app.counter(1, "recall")
    expect(app, with_phone["id"], [("called", "sms")])
    (row,) = rows(app.ctx)
    assert (row.ticket_id, row.kind, row.channel, row.to_masked) == (
        with_phone["id"], "called", "sms", "09xx xxx 678"
    )  # fmt: skip
    sms = wait_until(lambda: gateway.sent, what="the gateway got it")
    assert (sms[0].to, sms[0].kind, sms[0].ticket_number) == ("0912345678", "called", "1001")
    assert kinds(app, without["id"]) == []


def test_a_bad_subscription_is_refused_and_changes_nothing(env: tuple[InProc, FakePush]) -> None:
    app, _ = env
    t = app.issue()
    code = t["tracking_code"]
    for body, status, type_ in [
        ({"endpoint": "http://push.example.net/x"}, 422, "validation-error"),  # not https
        ({"endpoint": "ftp://push.example.net/x"}, 422, "validation-error"),
        ({"keys": {"p256dh": "short", "auth": SUB_KEYS["auth"]}}, 422, "validation-error"),
        ({"lang": "fr"}, 422, "validation-error"),
    ]:
        r = subscribe(app, code, **body)
        assert (r.status_code, r.json()["type"]) == (status, type_), (body, r.text)
    r = subscribe(app, "nosuchticket123")
    assert (r.status_code, r.json()["type"]) == (404, "unknown-ticket")
    app.counter(1, "open")
    app.counter(1, "call-next")
    app.counter(1, "start")
    app.counter(1, "finish")
    r = subscribe(app, code)
    assert (r.status_code, r.json()["type"]) == (409, "ticket-not-waiting")
    assert subscriptions(app.ctx) == []


def test_supervisors_see_each_message_and_its_delivery(env: tuple[InProc, FakePush]) -> None:
    app, push = env
    t = app.issue()
    subscribe(app, t["tracking_code"])
    wait_until(lambda: push.sent, what="pushed")
    wait_until(lambda: rows(app.ctx)[0].status == "sent", what="marked sent")
    page = app.api("GET", "/admin/notifications", app.login("giamsat"))
    assert page.status_code == 200, page.text
    body = page.json()
    assert (body["queued"], body["sent"], body["failed"]) == (0, 1, 0)
    (item,) = body["items"]
    assert (item["number"], item["kind"], item["channel"], item["status"], item["tries"]) == (
        t["number"], "near", "push", "sent", 1
    )  # fmt: skip
    assert item["to"] is None and item["sent_at"]
    other_day = app.api("GET", "/admin/notifications?day=2020-01-01", app.login("giamsat"))
    assert other_day.json()["items"] == []
    assert app.api("GET", "/admin/notifications", app.login("canbo1")).status_code == 403
    bad = app.api("GET", "/admin/notifications?day=soon", app.login("giamsat"))
    assert bad.status_code == 422
