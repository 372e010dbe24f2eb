"""QtMultimedia playback: real player, and graceful pacing when there is no audio device."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from display_app.announce import AnnounceConfig, Announcer, QtPlayer, Synthesizer
from display_app.announce.chime import chime_wav
from display_app.announce.player import has_audio_output
from display_app.announce.wavutil import silence, wav_duration, write_wav


def _play(qtbot, player: QtPlayer, wav: bytes, timeout: int = 10000) -> float:
    done: list[float] = []
    t0 = time.monotonic()
    player.play(wav, lambda: done.append(time.monotonic() - t0))
    qtbot.waitUntil(lambda: bool(done), timeout=timeout)
    return done[0]


def test_silent_player_keeps_the_clip_length(qtbot) -> None:
    player = QtPlayer(silent=True)
    elapsed = _play(qtbot, player, write_wav(silence(22050, 0.4)))
    assert 0.35 < elapsed < 2.0


def test_default_player_never_crashes(qtbot) -> None:
    """With or without a device (CI has none), on_done comes after about the clip's length."""
    player = QtPlayer()
    player.set_volume(0.5)
    player.set_muted(False)
    wav = chime_wav()
    elapsed = _play(qtbot, player, wav)
    assert elapsed > 0.8 * wav_duration(wav)
    player.stop()


def test_real_device_playback(qtbot) -> None:
    if not has_audio_output():
        pytest.skip("no audio output device on this machine (offscreen CI, no PulseAudio)")
    player = QtPlayer()
    player.set_volume(0.2)
    assert _play(qtbot, player, chime_wav()) < wav_duration(chime_wav()) + 3


def test_bad_wav_finishes_at_once(qtbot) -> None:
    assert _play(qtbot, QtPlayer(), b"not a wav") < 0.5


def test_stop_ends_the_current_clip(qtbot) -> None:
    player = QtPlayer(silent=True)
    done: list[bool] = []
    player.play(write_wav(silence(22050, 5.0)), lambda: done.append(True))
    player.stop()
    assert done == [True]


def test_end_to_end_with_espeak_and_qt_player(espeak_backend, qtbot, tmp_path) -> None:
    config = AnnounceConfig(template="Số {number} quầy {counter}", cache_dir=tmp_path, chime=False)
    synth = Synthesizer(config, backend_factory=lambda c: espeak_backend)
    announcer = Announcer(config, synthesizer=synth)  # the real QtPlayer
    started: list[tuple[float, str]] = []
    finished: list[tuple[float, str]] = []
    announcer.started.connect(lambda t: started.append((time.monotonic(), t)))
    announcer.finished.connect(lambda t: finished.append((time.monotonic(), t)))
    first = announcer.announce("A012", 3)
    second = announcer.announce("7", 12, recall=True)
    assert first == "Số A mười hai quầy ba" and second == "Số bảy quầy mười hai"
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=30000)
    assert [t for _, t in started] == [first, second]
    assert [t for _, t in finished] == [first, second]
    assert started[1][0] >= finished[0][0]  # no overlap
    length = wav_duration(announcer.render("A012", 3))
    assert finished[0][0] - started[0][0] > 0.8 * length  # paced, even with no device
    announcer.close()


def test_media_player_path_without_device(qtbot, monkeypatch) -> None:
    """Drive QMediaPlayer itself (as on a hall PC) even where no device exists: it must end
    the clip through EndOfMedia, an error or the watchdog, and clean up its temp file."""
    import display_app.announce.player as player_module

    monkeypatch.setattr(player_module, "has_audio_output", lambda: True)
    player = QtPlayer()
    wav = write_wav(silence(22050, 0.5))
    for _ in range(2):  # a second clip must load too (fresh file name each time)
        elapsed = _play(qtbot, player, wav, timeout=15000)
        assert 0.3 < elapsed < 0.5 + 3.5
    assert not list(Path(player._tmp.name).iterdir())
