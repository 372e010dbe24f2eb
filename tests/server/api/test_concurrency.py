"""40 counters pressing "next" at once on 1,000 tickets: every ticket called exactly once,
no duplicate number (a real server process, SQLite and PostgreSQL)."""

import threading
from collections import Counter

import httpx

from tests.support.live_server import LiveServer

CALLERS = 40
TICKETS = 1000


def test_concurrent_callers_never_share_a_ticket(process_server_any: LiveServer) -> None:
    srv = process_server_any
    admin = srv.admin_token
    services = ["dat-dai", "tu-phap", "dang-ky-kinh-doanh", "giao-thong-van-tai"]
    issued: list[dict] = []
    lock = threading.Lock()

    def issue(worker: int) -> None:
        with httpx.Client(
            base_url=srv.url + "/api/v1", timeout=30, headers={"Authorization": f"Bearer {admin}"}
        ) as c:
            for i in range(worker, TICKETS, 8):
                r = c.post(
                    "/tickets",
                    json={"service_id": services[i % len(services)]},
                    headers={"Idempotency-Key": f"load-{i}"},
                )
                assert r.status_code == 201, r.text
                with lock:
                    issued.append(r.json())

    threads = [threading.Thread(target=issue, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(issued) == TICKETS
    numbers = Counter((t["service_id"], t["number"]) for t in issued)
    assert max(numbers.values()) == 1, "duplicate ticket number"

    # 40 callers: counters 1..21 by the supervisor, some twice (two consoles, one counter
    # is not allowed to double-call, so callers share counters only through the server).
    sup = srv.login("giamsat")
    for cid in range(1, 22):
        assert srv.api("POST", f"/counters/{cid}/open", sup).status_code == 200
    called: list[int] = []
    errors: list[str] = []

    def caller(cid: int) -> None:
        with httpx.Client(
            base_url=srv.url + "/api/v1", timeout=30, headers={"Authorization": f"Bearer {sup}"}
        ) as c:
            while True:
                r = c.post(f"/counters/{cid}/call-next")
                if r.status_code == 409 and r.json()["type"] == "queue-empty":
                    return
                if r.status_code == 409 and r.json()["type"] == "counter-busy":
                    # the other caller on this counter got one: let it finish, try again
                    continue
                if r.status_code != 200:
                    errors.append(r.text)
                    return
                ticket = r.json()["current"]
                with lock:
                    called.append(ticket["id"])
                fin = c.post(f"/counters/{cid}/no-show")
                if fin.status_code != 200 and fin.json()["type"] != "counter-idle":
                    errors.append(fin.text)
                    return

    counter_ids = [1 + (i % 21) for i in range(CALLERS)]
    threads = [threading.Thread(target=caller, args=(cid,)) for cid in counter_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert len(called) == TICKETS, f"{len(called)} calls for {TICKETS} tickets"
    assert len(set(called)) == TICKETS, "a ticket was called twice"
    state = srv.api("GET", "/state", sup).json()
    assert state["waiting"] == [] and state["now_serving"] == []
