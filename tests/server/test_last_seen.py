"""A device's last_seen is noted in memory on each request and written at most once per
30 s per device, by the background flush, never once per request."""

from sqlmodel import Session, select

from server.commands.last_seen import LastSeen
from server.store.tables import Device
from tests.support.inproc import InProc


class Ticks:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def seen_at(env: InProc, name: str):  # type: ignore[no-untyped-def]
    with Session(env.ctx.db.reader) as s:
        return s.exec(select(Device.last_seen).where(Device.name == name)).one()


def test_written_at_most_every_30_s_per_device(inproc: InProc) -> None:
    env, ticks = inproc, Ticks()
    tracker = LastSeen(env.ctx, clock=ticks)
    kiosk = env.app.state.services.tokens.resolve(env.kiosk_token)
    clerk = env.app.state.services.tokens.resolve(env.login("canbo1"))
    for _ in range(50):
        tracker.seen(kiosk)
        tracker.seen(clerk)  # users have no last_seen
    assert tracker.flush() == 1 and seen_at(env, "kiosk-1") is not None
    first = seen_at(env, "kiosk-1")
    env.clock.advance(seconds=20)
    ticks.t += 20
    tracker.seen(kiosk)
    assert tracker.flush() == 0 and seen_at(env, "kiosk-1") == first
    ticks.t += 11
    tracker.seen(kiosk)
    assert tracker.flush() == 1 and seen_at(env, "kiosk-1") > first


def test_requests_mark_the_device_seen(inproc: InProc) -> None:
    env = inproc
    assert seen_at(env, "hall-tv") is None
    for _ in range(5):
        assert env.api("GET", "/catalog", env.display_token).status_code == 200
    env.app.state.services.seen.flush()  # (or the background task did already)
    assert seen_at(env, "hall-tv") is not None
