"""SnapshotCache: a herd of reconnecting clients costs one snapshot per (site, seq)."""

import asyncio
import threading
import time

from protocol.snapshot import Snapshot
from protocol.stream import parse_stream_message
from server.realtime.stream import SnapshotCache


def _snap(site: str, seq: int, epoch: str = "E1") -> Snapshot:
    return Snapshot(
        epoch=epoch, seq=seq, site=site, day="2025-03-03", services=[], counters=[],
        waiting=[], now_serving=[], recent_calls=[],
    )  # fmt: skip


class Db:
    """The site's head as the database sees it; building takes a while."""

    def __init__(self) -> None:
        self.seq = {"a": 5, "b": 7}
        self.epoch = "E1"
        self.lock = threading.Lock()
        self.calls = 0

    def build(self, site: str) -> Snapshot:
        with self.lock:
            self.calls += 1
        time.sleep(0.05)
        return _snap(site, self.seq[site], self.epoch)


def test_many_asking_at_once_share_one_build() -> None:
    db = Db()
    cache = SnapshotCache(db.build)

    async def herd() -> list[tuple[int, str]]:
        return await asyncio.gather(*(cache.get("a", "E1", 5) for _ in range(300)))

    answers = asyncio.run(herd())
    assert db.calls == 1 and cache.builds == 1
    assert {seq for seq, _ in answers} == {5}
    assert len({id(text) for _, text in answers}) == 1  # the very same text
    msg = parse_stream_message(answers[0][1])
    assert msg.kind == "snapshot" and msg.snapshot.seq == 5


def test_rebuilt_only_when_the_site_moved_on_or_the_epoch_changed() -> None:
    db = Db()
    cache = SnapshotCache(db.build)

    async def run() -> None:
        assert (await cache.get("a", "E1", 5))[0] == 5
        assert (await cache.get("a", "E1", 3))[0] == 5  # older wanted: the cached will do
        assert db.calls == 1
        assert (await cache.get("b", "E1", 7))[0] == 7  # per site
        assert db.calls == 2
        db.seq["a"] = 6
        assert (await cache.get("a", "E1", 6))[0] == 6
        assert db.calls == 3
        db.epoch, db.seq["a"] = "E2", 1  # a new log: a lower seq, but a new snapshot
        seq, text = await cache.get("a", "E2", 1)
        assert seq == 1 and parse_stream_message(text).snapshot.epoch == "E2"
        assert db.calls == 4

    asyncio.run(run())


def test_a_waiter_that_goes_away_does_not_cancel_the_build() -> None:
    db = Db()
    cache = SnapshotCache(db.build)

    async def run() -> None:
        first = asyncio.ensure_future(cache.get("a", "E1", 5))
        await asyncio.sleep(0.01)
        second = asyncio.ensure_future(cache.get("a", "E1", 5))
        await asyncio.sleep(0)
        first.cancel()
        assert (await second)[0] == 5
        assert db.calls == 1

    asyncio.run(run())


def test_a_failed_build_is_not_cached() -> None:
    calls = []

    def build(site: str) -> Snapshot:
        calls.append(site)
        if len(calls) == 1:
            raise RuntimeError("database away")
        return _snap(site, 5)

    cache = SnapshotCache(build)

    async def run() -> None:
        try:
            await cache.get("a", "E1", 5)
        except RuntimeError:
            pass
        else:
            raise AssertionError("the failure must reach the waiter")
        assert (await cache.get("a", "E1", 5))[0] == 5

    asyncio.run(run())
