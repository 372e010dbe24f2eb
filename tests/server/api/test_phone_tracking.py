"""The phone tracking page's figures (issue 13): the field's latest called number, the
place and wait (the same as every other screen), the counter once called, the time the
number was taken in the centre's time zone, and nothing personal."""

from zoneinfo import ZoneInfo

from tests.support.inproc import InProc


def track(env: InProc, ticket: dict) -> dict:
    r = env.api("GET", f"/public/tickets/{ticket['tracking_code']}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_the_phone_shows_now_serving_place_wait_and_counter(inproc: InProc) -> None:
    env = inproc
    env.counter(1, "open")
    first, second, mine = env.issue("dat-dai"), env.issue("dat-dai"), env.issue("dat-dai")
    t = track(env, mine)
    assert t["now_serving"] is None  # nobody called in the field yet today
    assert (t["position"], t["ahead"]) == (3, 2)
    assert t["estimated_wait_s"] == mine["estimated_wait_s"] > 0
    assert t["counter_id"] is None and not t["final"]
    local = env.clock.now().astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert t["issued_time"] == local.strftime("%H:%M") == "09:00"
    assert t["timezone"] == "Asia/Ho_Chi_Minh"
    assert t["site_name"] and t["site_name_en"] and t["service_name_en"] == "Land"

    env.counter(1, "call-next")
    t = track(env, mine)
    assert (t["now_serving"], t["now_serving_counter_id"]) == (first["number"], 1)
    assert (t["position"], t["ahead"]) == (2, 1)
    # A call in another field does not change this field's "now serving".
    env.counter(4, "open")
    env.issue("xay-dung")
    assert env.counter(4, "call-next").status_code == 200
    assert track(env, mine)["now_serving"] == first["number"]

    env.counter(1, "start")
    env.counter(1, "finish")
    env.counter(1, "call-next")
    env.counter(1, "start")
    env.counter(1, "finish")
    env.counter(1, "call-next")
    t = track(env, mine)
    assert t["status"] == "called" and t["counter_id"] == 1 and t["counter_name"]
    assert t["now_serving"] == mine["number"] != second["number"]
    assert t["position"] is None and t["estimated_wait_s"] is None
    env.counter(1, "start")
    env.counter(1, "finish")
    t = track(env, mine)
    assert t["status"] == "done" and t["final"] and t["counter_id"] is None
    # Nothing personal, nothing internal.
    for key in ("id", "tracking_code", "clerk", "clerk_user_id", "phone", "device_id"):
        assert key not in t


def test_now_serving_survives_a_reload_of_the_hall(inproc: InProc) -> None:
    env = inproc
    env.counter(1, "open")
    first, mine = env.issue("dat-dai"), env.issue("dat-dai")
    env.counter(1, "call-next")
    env.ctx.halls.forget("trung-tam-tinh")  # as a fresh process finds it: from the log
    t = track(env, mine)
    assert (t["now_serving"], t["now_serving_counter_id"]) == (first["number"], 1)
