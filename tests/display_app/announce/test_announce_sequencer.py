"""The Qt-free queue: one at a time, call order, recall, mute, out-of-order audio."""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable

import pytest

from display_app.announce.sequencer import AnnouncementQueue, Lead


class ManualPlayer:
    """Plays 'forever' until the test calls finish(): makes overlap directly observable."""

    def __init__(self) -> None:
        self.played: list[bytes] = []
        self.pending: list[Callable[[], None]] = []
        self.max_concurrent = 0
        self.volume = 1.0
        self.muted = False

    def play(self, wav: bytes, on_done: Callable[[], None]) -> None:
        self.played.append(wav)
        self.pending.append(on_done)
        self.max_concurrent = max(self.max_concurrent, len(self.pending))

    def finish(self) -> None:
        self.pending.pop(0)()

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def stop(self) -> None:
        while self.pending:
            self.finish()


class InstantPlayer(ManualPlayer):
    """Calls on_done from inside play(): the queue must not recurse or lose entries."""

    def play(self, wav: bytes, on_done: Callable[[], None]) -> None:
        self.played.append(wav)
        on_done()


def _queue(player):
    events: list[tuple[str, str]] = []
    q = AnnouncementQueue(
        player,
        on_started=lambda t: events.append(("start", t)),
        on_finished=lambda t: events.append(("end", t)),
    )
    return q, events


def test_burst_of_ten_plays_in_order_without_overlap() -> None:
    player = ManualPlayer()
    q, events = _queue(player)
    for i in range(10):
        q.deliver(q.add(f"t{i}"), f"w{i}".encode())
    for _ in range(10):
        assert len(player.pending) == 1  # exactly one playing, the rest wait
        player.finish()
    assert player.played == [f"w{i}".encode() for i in range(10)]
    assert player.max_concurrent == 1
    expected = [e for i in range(10) for e in (("start", f"t{i}"), ("end", f"t{i}"))]
    assert events == expected
    assert q.playing is None and q.waiting == 0


def test_new_call_does_not_cut_the_current_one() -> None:
    player = ManualPlayer()
    q, _ = _queue(player)
    q.deliver(q.add("first"), b"1")
    q.deliver(q.add("second"), b"2")
    assert player.played == [b"1"] and q.playing == "first" and q.waiting == 1
    player.finish()
    assert player.played == [b"1", b"2"]


def test_recall_queues_again() -> None:
    player = ManualPlayer()
    q, events = _queue(player)
    for text in ("A", "B", "A"):
        q.deliver(q.add(text), text.encode())
    player.stop()
    assert [t for kind, t in events if kind == "start"] == ["A", "B", "A"]


def test_out_of_order_delivery_keeps_call_order() -> None:
    player = ManualPlayer()
    q, events = _queue(player)
    seqs = [q.add(f"t{i}") for i in range(10)]
    shuffled = seqs[:]
    random.Random(7).shuffle(shuffled)
    for s in shuffled:
        q.deliver(s, f"w{s}".encode())
        while player.pending:
            player.finish()
    assert player.played == [f"w{s}".encode() for s in seqs]
    assert [t for k, t in events if k == "end"] == [f"t{i}" for i in range(10)]


def test_head_not_ready_blocks_later_ready_entries() -> None:
    player = ManualPlayer()
    q, _ = _queue(player)
    first, second = q.add("first"), q.add("second")
    q.deliver(second, b"2")
    assert player.played == []  # "second" must wait for "first"
    q.deliver(first, b"1")
    assert player.played == [b"1"]


def test_mute_plays_nothing_but_keeps_order() -> None:
    player = ManualPlayer()
    q, events = _queue(player)
    q.muted = True
    for i in range(3):
        q.deliver(q.add(f"m{i}"), b"x")
    assert player.played == []
    assert events == [("end", "m0"), ("end", "m1"), ("end", "m2")]
    q.muted = False
    q.deliver(q.add("loud"), b"L")
    assert player.played == [b"L"]


def test_empty_audio_is_skipped() -> None:
    player = ManualPlayer()
    q, events = _queue(player)
    q.deliver(q.add("nothing"), b"")
    q.deliver(q.add("something"), b"s")
    assert player.played == [b"s"] and events[0] == ("end", "nothing")


def test_player_finishing_synchronously() -> None:
    player = InstantPlayer()
    q, events = _queue(player)
    for i in range(5):
        q.deliver(q.add(f"t{i}"), f"w{i}".encode())
    assert player.played == [f"w{i}".encode() for i in range(5)]
    assert [t for k, t in events if k == "end"] == [f"t{i}" for i in range(5)]


def test_duplicate_done_callback_is_ignored() -> None:
    player = ManualPlayer()
    q, _ = _queue(player)
    q.deliver(q.add("a"), b"a")
    q.deliver(q.add("b"), b"b")
    done_a = player.pending[0]
    player.finish()  # a ends, b starts
    done_a()  # a late duplicate must not end b
    assert q.playing == "b" and len(player.pending) == 1


def test_broken_player_does_not_stall_the_queue() -> None:
    class Broken(ManualPlayer):
        def play(self, wav, on_done):
            raise OSError("device gone")

    q, events = _queue(Broken())
    q.deliver(q.add("a"), b"a")
    q.deliver(q.add("b"), b"b")
    assert [t for k, t in events if k == "end"] == ["a", "b"]


def test_clear_drops_waiting_entries() -> None:
    player = ManualPlayer()
    q, _ = _queue(player)
    q.deliver(q.add("a"), b"a")
    late = q.add("b")
    q.clear()
    q.deliver(late, b"b")  # a result arriving after clear() is ignored
    player.finish()
    assert player.played == [b"a"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _leads_audio(name: str) -> dict[Lead, bytes]:
    return {lead: f"{name}:{lead.name}".encode() for lead in Lead}


def test_a_burst_gets_one_full_chime_and_follows_straight_on() -> None:
    """Opening time: five clerks call at once. Every call is said, in order; only the
    first gets the long ding-dong, the others follow it with no chime of their own."""
    player, clock = ManualPlayer(), FakeClock()
    q = AnnouncementQueue(player, clock=clock)
    for i in range(5):
        q.deliver(q.add(f"t{i}"), _leads_audio(f"t{i}"))
    for _ in range(5):
        clock.now += 5.0
        player.finish()
    assert player.played == [b"t0:FULL"] + [f"t{i}:NONE".encode() for i in range(1, 5)]
    assert q.leads == [Lead.FULL] + [Lead.NONE] * 4


def test_a_call_soon_after_the_last_gets_a_short_chime_and_a_quiet_hall_the_full_one() -> None:
    player, clock = ManualPlayer(), FakeClock()
    q = AnnouncementQueue(player, clock=clock, quiet_s=10.0)
    q.deliver(q.add("a"), _leads_audio("a"))
    clock.now += 6.0
    player.finish()
    clock.now += 3.0  # the next clerk presses "next" 3 s after the voice ended
    q.deliver(q.add("b"), _leads_audio("b"))
    clock.now += 5.0
    player.finish()
    clock.now += 60.0  # a quiet minute
    q.deliver(q.add("c"), _leads_audio("c"))
    assert player.played == [b"a:FULL", b"b:SHORT", b"c:FULL"]


def test_a_burst_is_much_shorter_than_full_announcements_back_to_back() -> None:
    """With the real chime and a 4.9 s sentence: 8 calls at once used to take
    8 × (1.9 + 0.25 + 4.9 + 0.3) s; now only the first carries the chime."""
    from display_app.announce import AnnounceConfig
    from display_app.announce.synth import Synthesizer
    from display_app.announce.wavutil import Pcm, wav_duration, write_wav

    config = AnnounceConfig(cache_dir=None, voice="off")
    synth = Synthesizer(config)
    speech = write_wav(Pcm(8000, array("h", bytes(2 * int(8000 * 4.9)))))
    variants = {lead: synth.compose(speech, lead) for lead in Lead}
    player, clock = ManualPlayer(), FakeClock()
    q = AnnouncementQueue(player, clock=clock)
    for i in range(8):
        q.deliver(q.add(f"t{i}"), variants)
    for _ in range(8):
        player.finish()
    total = sum(wav_duration(w) for w in player.played)
    full = wav_duration(variants[Lead.FULL])
    assert len(player.played) == 8  # every call is still said
    assert full == pytest.approx(7.35, abs=0.05)
    assert total < 8 * full - 7 * 2.0  # 7 chimes of ~2 s saved
    assert wav_duration(variants[Lead.SHORT]) < full - 1.0
    # Voice off or failed: even back to back, the hall hears a (short) chime.
    assert wav_duration(synth.compose(b"", Lead.NONE)) == pytest.approx(0.95, abs=0.05)
