"""The SMS/Zalo webhook against a real server and a local fake gateway: a number taken
from a phone with consent, where the centre turns SMS on, gets `{to, text,
ticket_number, kind}` for "near" and "called"; a gateway that fails twice is tried a
third time and the message is sent; one that always fails ends `failed` and is listed
so; and a gateway that hangs does not hold the counter's call-next."""

import json
from pathlib import Path

from tests.server.notify.fakes import fake_http
from tests.server.notify.live import messages, notify_server, phone_ticket, sms_on
from tests.server.notify.support import wait_until


def test_the_gateway_gets_near_and_called_with_the_full_number(tmp_path: Path) -> None:
    with fake_http(default=200) as gw, notify_server(tmp_path, gw.url) as srv:
        sms_on(srv)
        mine = phone_ticket(srv)
        path, headers, body = gw.next()  # first in line: near at once
        assert path == "/sms" and headers["content-type"] == "application/json"
        assert json.loads(body) == {
            "to": "0912345678",
            "text": f"Số {mine['number']} (Đất đai): bạn là người tiếp theo. Mời bạn về gần quầy.",
            "ticket_number": mine["number"],
            "kind": "near",
        }
        clerk = srv.login("canbo2")
        assert srv.api("POST", "/counters/2/open", clerk).status_code == 200
        assert srv.api("POST", "/counters/2/call-next", clerk).status_code == 200
        called = json.loads(gw.next()[2])
        assert (called["kind"], called["to"]) == ("called", "0912345678")
        assert called["text"] == f"Mời công dân có số thứ tự {mine['number']} đến quầy số 2"
        listed = wait_until(lambda: (m := messages(srv))["sent"] == 2 and m, what="sent")
        assert {i["to"] for i in listed["items"]} == {"09xx xxx 678"}  # masked for supervisors
        assert "0912345678" not in json.dumps(listed)


def test_retried_after_two_failures_and_failed_when_it_always_fails(tmp_path: Path) -> None:
    with fake_http(default=200) as gw, notify_server(tmp_path, gw.url) as srv:
        sms_on(srv)
        gw.answer(500, 503, default=200)
        first = phone_ticket(srv)
        for _ in range(3):
            assert json.loads(gw.next()[2])["ticket_number"] == first["number"]
        item = wait_until(
            lambda: [i for i in messages(srv)["items"] if i["status"] == "sent"], what="sent"
        )[0]
        assert (item["tries"], item["last_error"]) == (3, None)

        gw.answer(default=500)  # from now on the gateway always fails (3 tries here)
        second = phone_ticket(srv, "0987 654 321")
        for _ in range(3):
            assert json.loads(gw.next()[2])["ticket_number"] == second["number"]
        failed = wait_until(lambda: (m := messages(srv))["failed"] == 1 and m, what="failed")
        (item,) = [i for i in failed["items"] if i["status"] == "failed"]
        assert (item["number"], item["tries"], item["to"]) == (second["number"], 3, "09xx xxx 321")
        assert item["last_error"] == "gateway answered 500"


def test_a_hanging_gateway_does_not_hold_call_next(tmp_path: Path) -> None:
    with (
        fake_http(default=200) as gw,
        notify_server(tmp_path, gw.url, MOTCUA_NOTIFY_TIMEOUT_S="60") as srv,
    ):
        sms_on(srv)
        gw.hang()
        mine = phone_ticket(srv)
        assert json.loads(gw.next()[2])["kind"] == "near"  # the gateway holds it now
        clerk = srv.login("canbo1")
        assert srv.api("POST", "/counters/1/open", clerk).status_code == 200
        r = srv.api("POST", "/counters/1/call-next", clerk)  # the client waits 10 s at most
        assert r.status_code == 200 and r.json()["current"]["number"] == mine["number"]
        assert json.loads(gw.next()[2])["kind"] == "called"  # also sent, also held
        assert [i["status"] for i in messages(srv)["items"]] == ["queued", "queued"]
        gw.release()
        wait_until(lambda: messages(srv)["sent"] == 2, what="sent once the gateway answers")
