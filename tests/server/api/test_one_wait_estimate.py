"""One wait estimate: the kiosk tile, the printed ticket, the phone page and the clerk's
console show the same figure for the same ticket at the same moment, and it is today's
moving service time of the field, not the configured default."""

from tests.support.inproc import InProc


def tile(env: InProc, service_id: str) -> dict:
    state = env.api("GET", "/state", env.display_token).json()
    return next(s for s in state["services"] if s["id"] == service_id)


def figures_for(env: InProc, ticket: dict, counter_id: int) -> dict[str, int | None]:
    """Every place a citizen or a clerk reads the ticket's wait, read at one moment."""
    clerk = env.login(f"canbo{counter_id}")
    phone = env.api("GET", f"/public/tickets/{ticket['tracking_code']}").json()
    again = env.api("GET", f"/tickets/{ticket['id']}", env.kiosk_token).json()
    console = env.api("GET", f"/counters/{counter_id}/waiting", clerk).json()
    listed = next(t for t in console if t["id"] == ticket["id"])
    return {
        "phone": phone["estimated_wait_s"],
        "ticket": again["estimated_wait_s"],
        "console": listed["estimated_wait_s"],
    }


def test_every_screen_shows_the_same_wait(inproc_any: InProc) -> None:
    env = inproc_any
    for n in (1, 2):
        assert env.counter(n, "open").status_code == 200
    # Today's services took 3 and 5 minutes: the moving average is 4, not the default 7.
    for minutes in (3, 5):
        env.issue("dat-dai")
        env.counter(1, "call-next")
        env.counter(1, "start")
        env.clock.advance(minutes=minutes)
        env.counter(1, "finish")
    for _ in range(4):
        env.issue("dat-dai")
    env.issue("dat-dai", priority="elderly")

    before = tile(env, "dat-dai")
    ticket = env.issue("dat-dai")  # what the printer prints
    assert ticket["estimated_wait_s"] == before["estimated_wait_s"]
    assert ticket["estimated_wait_s"] > 0
    # 4 normal + 1 priority ahead, 4 minutes each, at the open counters serving the field
    open_for_field = sum(
        1
        for c in env.api("GET", "/state", env.display_token).json()["counters"]
        if c["status"] == "open" and "dat-dai" in c["services"]
    )
    assert ticket["ahead"] == 5
    assert ticket["estimated_wait_s"] == round(5 * 240 / open_for_field)

    seen = figures_for(env, ticket, 1)
    assert set(seen.values()) == {ticket["estimated_wait_s"]}, seen

    # The figures move together: after a call and a finished service they still agree.
    env.counter(1, "call-next")
    env.counter(1, "start")
    env.clock.advance(minutes=10)
    env.counter(1, "finish")
    env.clock.advance(seconds=30)
    seen = figures_for(env, ticket, 1)
    assert len(set(seen.values())) == 1, seen
    assert seen["ticket"] != ticket["estimated_wait_s"]  # one fewer ahead, a slower average


def test_the_tile_is_the_next_tickets_estimate_for_an_empty_field(inproc: InProc) -> None:
    env = inproc
    env.counter(1, "open")
    assert tile(env, "dat-dai")["estimated_wait_s"] == 0
    first = env.issue("dat-dai")
    assert first["estimated_wait_s"] == 0 and first["position"] == 1
    env.clock.advance(seconds=60)
    assert tile(env, "dat-dai")["estimated_wait_s"] == env.issue("dat-dai")["estimated_wait_s"]
