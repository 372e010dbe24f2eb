"""Messages across a restart: what was sent is not sent again, what was still waiting
for its next try is sent by the new process, and the VAPID key stays the same."""

import json
from pathlib import Path

from tests.server.notify.fakes import fake_http
from tests.server.notify.live import messages, notify_server, phone_ticket, sms_on
from tests.server.notify.support import wait_until


def test_sent_stays_sent_and_unsent_is_sent_after_a_restart(tmp_path: Path) -> None:
    with (
        fake_http(default=200) as gw,
        notify_server(
            tmp_path, gw.url, MOTCUA_NOTIFY_BACKOFF_S="2", MOTCUA_NOTIFY_TRIES="5"
        ) as srv,
    ):
        sms_on(srv)
        key = srv.api("GET", "/public/push-key").json()["public_key"]
        first = phone_ticket(srv)
        assert json.loads(gw.next()[2])["ticket_number"] == first["number"]  # near, sent
        wait_until(lambda: messages(srv)["sent"] == 1, what="marked sent")
        gw.answer(default=500)
        second = phone_ticket(srv, "0987 654 321")
        assert json.loads(gw.next()[2])["ticket_number"] == second["number"]  # failed once
        wait_until(lambda: messages(srv)["items"][0]["tries"] == 1, what="one try recorded")

        srv.stop()
        gw.answer(default=200)
        srv.start()

        assert srv.api("GET", "/public/push-key").json()["public_key"] == key
        again = json.loads(gw.next()[2])  # the waiting one, by the new process
        assert (again["ticket_number"], again["kind"]) == (second["number"], "near")
        clerk = srv.login("canbo1")
        assert srv.api("POST", "/counters/1/open", clerk).status_code == 200
        assert srv.api("POST", "/counters/1/call-next", clerk).status_code == 200
        called = json.loads(gw.next()[2])  # events after the restart: the call only
        assert (called["ticket_number"], called["kind"]) == (first["number"], "called")
        listed = wait_until(lambda: (m := messages(srv))["sent"] == 3 and m, what="all sent")
        assert sorted((i["number"], i["kind"], i["tries"]) for i in listed["items"]) == [
            (first["number"], "called", 1),
            (first["number"], "near", 1),
            (second["number"], "near", 2),
        ]
        assert gw.pending() == 0  # nothing sent twice
