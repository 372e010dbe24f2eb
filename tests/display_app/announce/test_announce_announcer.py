"""Announcer (Qt): worker synthesis, queued playback, signals, mute/volume, failures."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer

from display_app.announce import AnnounceConfig, Announcer, Synthesizer
from display_app.announce.text import DEFAULT_TEMPLATE, announcement_text
from display_app.announce.wavutil import read_wav, wav_duration


class TimedPlayer:
    """Pretends each clip lasts `ms`; records what played and when, to check for overlap."""

    def __init__(self, ms: int = 20) -> None:
        self.ms = ms
        self.log: list[dict] = []
        self.volume: float | None = None
        self.muted: bool | None = None
        self._active = 0

    def play(self, wav: bytes, on_done: Callable[[], None]) -> None:
        self._active += 1
        entry = {"start": time.monotonic(), "end": None, "wav": wav, "overlap": self._active > 1}
        self.log.append(entry)

        def done() -> None:
            entry["end"] = time.monotonic()
            self._active -= 1
            on_done()

        QTimer.singleShot(self.ms, done)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def stop(self) -> None:
        pass


_LIVE: list[Announcer] = []


@pytest.fixture(autouse=True)
def _close_announcers():
    """Each test's announcer stops before the next test starts: no stray timers or workers."""
    yield
    while _LIVE:
        _LIVE.pop().close()


def _make(qtbot, backend, player=None, workers: int = 2, **cfg):
    config = AnnounceConfig(cache_dir=None, chime=False, **cfg)
    synth = Synthesizer(config, backend_factory=lambda c: backend)
    player = player or TimedPlayer()
    announcer = Announcer(config, player=player, synthesizer=synth, workers=workers)
    _LIVE.append(announcer)
    events: dict[str, list[str]] = {"started": [], "finished": [], "failed": []}
    for name, items in events.items():
        getattr(announcer, name).connect(items.append)
    return announcer, player, events


def _ids(player: TimedPlayer) -> list[int]:
    """Which fake speech each played clip carried (FakeBackend encodes it as the value)."""
    return [read_wav(e["wav"]).samples[0] for e in player.log]


def _text(number: str, counter: int = 1) -> str:
    return announcement_text(DEFAULT_TEMPLATE, number, counter, "words")


def _assert_sequential(player: TimedPlayer) -> None:
    assert not any(e["overlap"] for e in player.log)
    for before, after in zip(player.log, player.log[1:], strict=False):
        assert after["start"] >= before["end"]


def test_burst_of_ten_calls(qtbot, fake_backend_cls) -> None:
    backend = fake_backend_cls()
    announcer, player, events = _make(qtbot, backend)
    for i in range(10):
        announcer.announce(str(100 + i), i + 1)
    qtbot.waitUntil(lambda: len(events["finished"]) == 10, timeout=10000)
    expected = [_text(str(100 + i), i + 1) for i in range(10)]
    assert events["started"] == expected and events["finished"] == expected
    assert _ids(player) == [backend.ids[t] for t in expected]
    _assert_sequential(player)
    announcer.close()


def test_order_holds_when_synthesis_finishes_out_of_order(qtbot, fake_backend_cls) -> None:
    # The first calls take longest, so workers finish roughly in reverse order.
    delays = {_text(str(i)): 0.01 * (10 - i) for i in range(1, 11)}
    backend = fake_backend_cls(delay=lambda text: delays[text])
    announcer, player, events = _make(qtbot, backend, workers=4)
    for i in range(1, 11):
        announcer.announce(str(i), 1)
    qtbot.waitUntil(lambda: len(events["finished"]) == 10, timeout=10000)
    expected = [_text(str(i)) for i in range(1, 11)]
    assert events["started"] == expected
    assert _ids(player) == [backend.ids[t] for t in expected]
    assert backend.completed != expected  # synthesis really did finish out of order
    _assert_sequential(player)


def test_recall_announces_again(qtbot, fake_backend_cls) -> None:
    backend = fake_backend_cls()
    announcer, player, events = _make(qtbot, backend)
    announcer.announce("A005", 3)
    announcer.announce("B010", 4)
    announcer.announce("A005", 3, recall=True)
    qtbot.waitUntil(lambda: len(events["finished"]) == 3, timeout=5000)
    a, b = _text("A005", 3), _text("B010", 4)
    assert events["started"] == [a, b, a]
    assert len(player.log) == 3


def test_recall_template(qtbot, fake_backend_cls) -> None:
    announcer, _, events = _make(
        qtbot, fake_backend_cls(), recall_template="Nhắc lại, mời số {number} đến quầy {counter}"
    )
    assert announcer.announce("7", 2, recall=True) == "Nhắc lại, mời số bảy đến quầy hai"
    assert announcer.announce("7", 2) == _text("7", 2)


def test_mute_plays_nothing_but_keeps_order(qtbot, fake_backend_cls) -> None:
    announcer, player, events = _make(qtbot, fake_backend_cls())
    announcer.set_muted(True)
    assert announcer.muted and player.muted is True
    for i in range(3):
        announcer.announce(str(i + 1), 1)
    qtbot.waitUntil(lambda: len(events["finished"]) == 3, timeout=5000)
    assert player.log == [] and events["started"] == []
    assert events["finished"] == [_text(str(i + 1)) for i in range(3)]
    announcer.set_muted(False)
    announcer.announce("9", 1)
    qtbot.waitUntil(lambda: len(events["finished"]) == 4, timeout=5000)
    assert events["started"] == [_text("9")] and len(player.log) == 1


def test_volume_is_clamped_and_passed_to_player(qtbot, fake_backend_cls) -> None:
    announcer, player, _ = _make(qtbot, fake_backend_cls(), volume=0.4)
    assert player.volume == pytest.approx(0.4)
    announcer.set_volume(1.7)
    assert announcer.volume == 1.0 and player.volume == 1.0
    announcer.set_volume(-2)
    assert player.volume == 0.0


def test_voice_failure_plays_chime_and_reports(qtbot, fake_backend_cls) -> None:
    backend = fake_backend_cls(fail={_text("2")})
    config = AnnounceConfig(cache_dir=None)  # with the chime
    player = TimedPlayer()
    announcer = Announcer(
        config, player=player, synthesizer=Synthesizer(config, backend_factory=lambda c: backend)
    )
    failed, finished = [], []
    announcer.failed.connect(failed.append)
    announcer.finished.connect(finished.append)
    for n in ("1", "2", "3"):
        announcer.announce(n, 1)
    qtbot.waitUntil(lambda: len(finished) == 3, timeout=10000)
    assert finished == [_text("1"), _text("2"), _text("3")]
    assert len(failed) == 1 and "fake failure" in failed[0]
    durations = [wav_duration(e["wav"]) for e in player.log]
    assert durations[1] < durations[0]  # the failed one is the chime alone
    assert durations[1] > 0.6  # the short one: it waited behind the first call


def test_unreadable_number_fails_without_crashing(qtbot, fake_backend_cls) -> None:
    announcer, _, events = _make(qtbot, fake_backend_cls())
    assert announcer.announce("---", 1) is None
    assert announcer.announce("1", "") is None
    assert len(events["failed"]) == 2
    announcer.announce("5", 1)
    qtbot.waitUntil(lambda: events["finished"] == [_text("5")], timeout=5000)


def test_announce_does_not_block_while_synthesising(qtbot, fake_backend_cls) -> None:
    announcer, _, events = _make(qtbot, fake_backend_cls(delay=lambda t: 0.5))
    t0 = time.monotonic()
    announcer.announce("1", 1)
    assert time.monotonic() - t0 < 0.1
    qtbot.waitUntil(lambda: len(events["finished"]) == 1, timeout=5000)


def test_close_is_safe_with_work_in_flight(qtbot, fake_backend_cls) -> None:
    announcer, player, events = _make(qtbot, fake_backend_cls(delay=lambda t: 0.2))
    announcer.announce("1", 1)
    announcer.close()
    assert announcer.announce("2", 1) is None
    qtbot.wait(400)
    assert player.log == []


def test_render_is_synchronous(qtbot, fake_backend_cls) -> None:
    announcer, _, _ = _make(qtbot, fake_backend_cls())
    assert read_wav(announcer.render("1023", 5)).duration > 0
