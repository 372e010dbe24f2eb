"""kill -9 the server in the middle of ticket issues and calls, start it again:
- every ticket whose issue was answered 2xx still exists, with its number;
- numbering goes on without a duplicate (and without a hole);
- a websocket client resumes from its last seq and receives every event exactly once."""

import time
from pathlib import Path

import pytest

from tests.server.reliability.dbcheck import check_consistent, ticket_numbers
from tests.server.reliability.load import SERVICES, Load
from tests.server.reliability.streams import Recorder
from tests.support.live_server import serving


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_kill9_under_load_loses_nothing(kind: str, tmp_path: Path) -> None:
    with serving(kind, tmp_path) as srv:
        sup = srv.login("giamsat")
        for cid in (1, 8):  # dat-dai and tu-phap
            assert srv.api("POST", f"/counters/{cid}/open", sup).status_code == 200
        rec = Recorder(srv.ws_url, srv.display_token).start()
        load = Load(srv.url + "/api/v1", srv.admin_token, clerks={1: sup, 8: sup}).start()
        try:
            deadline = time.monotonic() + 30
            while len(load.acked) < 40 and time.monotonic() < deadline:
                time.sleep(0.05)
            srv.stop(kill=True)  # SIGKILL: no shutdown, no flush, mid-request
            acked_before = len(load.acked)
            srv.start()
            deadline = time.monotonic() + 30
            while len(load.acked) < acked_before + 40 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            load.stop()
        assert acked_before >= 40 and len(load.acked) >= acked_before + 40, load.statuses
        assert not [p for p in load.problems if p["status"] != 503], load.problems[:3]

        # Every acknowledged ticket is there with the number it was given.
        stored = ticket_numbers(srv.db_url)
        lost = [a for a in load.acked if stored.get(a.id) != a.number]
        assert lost == [], f"{len(lost)} acknowledged tickets lost or renumbered: {lost[:3]}"
        # A retry of an acknowledged issue (same Idempotency-Key) gets the same ticket.
        first = load.acked[0]
        again = srv.api(
            "POST",
            "/tickets",
            srv.admin_token,
            json={"service_id": first.service_id},
            headers={"Idempotency-Key": first.key},
        )
        assert again.status_code == 201 and again.json()["id"] == first.id
        # Numbering goes on after the highest number, per service, with no duplicate.
        for svc in SERVICES:
            numbers = [int(a.number) for a in load.acked if a.service_id == svc]
            r = srv.api("POST", "/tickets", srv.admin_token, json={"service_id": svc})
            assert r.status_code == 201
            assert int(r.json()["number"]) > max(numbers, default=0)
        check_consistent(srv.db_url)

        # The websocket client saw the drop, resumed with its last seq, missed nothing.
        head = srv.api("GET", "/state", srv.admin_token).json()["seq"]
        assert rec.wait_for(head), f"stream stuck at {rec.last} of {head}"
        rec.stop()
        assert rec.connects >= 2, "the client never had to resume"
        assert rec.kinds == [], "resume sent a snapshot instead of the missed events"
        assert rec.seqs == list(range(1, head + 1)), "events missing, repeated or out of order"
