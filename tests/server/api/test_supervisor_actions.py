"""A supervisor's actions on the waiting list through the API (SQLite and PostgreSQL):
move to the front (the next call takes it, counters and the supervisor's list agree, a
server started afresh still knows), transfer a waiting ticket, and refusals that change
nothing."""

from typing import Any

import pytest

from tests.support.inproc import InProc


def waiting(env: InProc, counter: int) -> list[str]:
    r = env.api("GET", f"/counters/{counter}/waiting", env.login(f"canbo{counter}"))
    return [t["number"] for t in r.json()]


def board(env: InProc, **params: Any) -> list[tuple[str, str, int]]:
    r = env.api("GET", "/waiting", env.login("giamsat"), params=params)
    assert r.status_code == 200, r.text
    return [(t["service_id"], t["number"], t["position"]) for t in r.json()]


def move(env: InProc, ticket_id: int, reason: str = "Người khuyết tật", **kw: Any) -> Any:
    user = kw.pop("user", "giamsat")
    return env.api(
        "POST", f"/tickets/{ticket_id}/move-to-front", env.login(user), json={"reason": reason}
    )


def state(env: InProc) -> dict[str, Any]:
    return env.api("GET", "/state", env.display_token).json()  # type: ignore[no-any-return]


def test_move_to_front_is_the_next_call(inproc_any: InProc) -> None:
    env = inproc_any
    first, second, third = (env.issue("dat-dai") for _ in range(3))
    r = move(env, third["id"], "Người khuyết tật đi xe lăn")
    assert r.status_code == 200 and r.json()["number"] == third["number"]
    assert waiting(env, 1) == [third["number"], first["number"], second["number"]]
    assert board(env, service_id="dat-dai") == [
        ("dat-dai", third["number"], 1),
        ("dat-dai", first["number"], 2),
        ("dat-dai", second["number"], 3),
    ]
    assert env.api("GET", f"/tickets/{third['id']}", env.kiosk_token).json()["position"] == 1
    assert env.api("GET", f"/tickets/{first['id']}", env.kiosk_token).json()["position"] == 2
    env.counter(1, "open")
    assert env.counter(1, "call-next").json()["current"]["id"] == third["id"]
    env.counter(2, "open")
    assert env.counter(2, "call-next").json()["current"]["id"] == first["id"]


def test_several_moves_in_their_order_and_a_fresh_server_knows(inproc_any: InProc) -> None:
    env = inproc_any
    tickets = [env.issue("dat-dai") for _ in range(4)]
    move(env, tickets[3]["id"])
    move(env, tickets[2]["id"])
    order = [tickets[i]["number"] for i in (3, 2, 0, 1)]
    assert waiting(env, 1) == order
    # A server process started now loads its hall from the tables and the log.
    tokens = {"kiosk": env.kiosk_token, "display": env.display_token, "rating": env.rating_token}
    fresh = InProc(env.settings.database_url, tokens)
    try:
        fresh.clock.set(env.clock.now())
        assert waiting(fresh, 1) == order
        fresh.counter(1, "open")
        assert fresh.counter(1, "call-next").json()["current"]["id"] == tickets[3]["id"]
        # The call ended that move; the other one still holds after another fresh load.
        again = InProc(env.settings.database_url, tokens)
        try:
            again.clock.set(env.clock.now())
            assert waiting(again, 2) == order[1:]
        finally:
            again.close()
    finally:
        fresh.close()


def test_the_move_is_pushed_and_the_tv_takes_it(inproc: InProc) -> None:
    env = inproc
    a, b = env.issue("dat-dai"), env.issue("dat-dai")
    before = state(env)
    move(env, b["id"], "Ưu tiên theo chỉ đạo")
    after = state(env)
    assert after["seq"] == before["seq"] + 1
    with env.client.websocket_connect(
        f"/api/v1/stream?since={before['seq']}",
        headers={"Authorization": f"Bearer {env.display_token}"},
    ) as ws:
        while (msg := ws.receive_json())["kind"] != "event":
            pass
    event = msg["event"]
    assert event["type"] == "ticket.moved" and event["data"]["actor"] == "user:giamsat"
    assert event["data"]["reason"] == "Ưu tiên theo chỉ đạo"
    assert event["data"]["ticket"]["id"] == b["id"]
    assert [s["id"] for s in event["data"]["services"]] == ["dat-dai"]
    assert [t["id"] for t in after["waiting"]] == [a["id"], b["id"]]  # the board: by place


def test_transfer_a_waiting_ticket_keeps_its_place(inproc_any: InProc) -> None:
    env = inproc_any
    old = env.issue("xay-dung")
    env.clock.advance(minutes=5)
    newer = env.issue("dat-dai")
    r = env.api(
        "POST",
        f"/tickets/{old['id']}/transfer",
        env.login("giamsat"),
        json={"service_id": "dat-dai"},
    )
    assert r.status_code == 200
    moved = r.json()
    assert (moved["service_id"], moved["status"]) == ("dat-dai", "waiting")
    assert moved["queue_at"] == old["queue_at"]
    assert waiting(env, 1) == [old["number"], newer["number"]]
    services = {s["id"]: s["waiting"] for s in state(env)["services"]}
    assert (services["xay-dung"], services["dat-dai"]) == (0, 2)
    env.counter(1, "open")
    assert env.counter(1, "call-next").json()["current"]["id"] == old["id"]


@pytest.mark.parametrize(
    ("path", "body", "user", "status", "type_"),
    [
        ("move-to-front", {"reason": "x"}, "canbo1", 403, "forbidden"),
        ("transfer", {"service_id": "xay-dung"}, "canbo1", 403, "forbidden"),
        ("move-to-front", {}, "giamsat", 422, "validation-error"),
        ("move-to-front", {"reason": "   "}, "giamsat", 422, "validation-error"),
        ("transfer", {"service_id": "khong-co"}, "giamsat", 422, "unknown-service"),
        ("transfer", {"service_id": "dat-dai"}, "giamsat", 409, "invalid-transition"),
        ("move-to-front", {"reason": "x"}, "called", 409, "ticket-not-waiting"),
        ("transfer", {"service_id": "xay-dung"}, "called", 409, "ticket-not-waiting"),
        ("move-to-front", {"reason": "x"}, "unknown", 404, "unknown-ticket"),
    ],
)
def test_refusals_change_nothing(
    inproc: InProc, path: str, body: dict[str, Any], user: str, status: int, type_: str
) -> None:
    env = inproc
    first, second = env.issue("dat-dai"), env.issue("dat-dai")
    env.counter(1, "open")
    env.counter(1, "call-next")  # `first` is called, `second` waits
    ticket = {"called": first["id"], "unknown": 999999}.get(user, second["id"])
    who = "giamsat" if user in ("called", "unknown") else user
    before = state(env)
    r = env.api("POST", f"/tickets/{ticket}/{path}", env.login(who), json=body)
    assert (r.status_code, r.json()["type"]) == (status, type_), r.text
    assert r.json()["title"]
    assert state(env)["seq"] == before["seq"]
