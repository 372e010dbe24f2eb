"""Real espeak-ng Vietnamese speech: it is audible speech, it differs by number, it is cached."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from display_app.announce import AnnounceConfig, Announcer, SynthesisError, Synthesizer
from display_app.announce.espeak import EspeakLibraryBackend
from display_app.announce.text import DEFAULT_TEMPLATE, announcement_text
from display_app.announce.wavutil import Pcm, measure, read_wav

OUT = Path("/tmp/announce_1023_5.wav")


def _frame_levels(pcm: Pcm, frame: float = 0.02) -> list[float]:
    n = int(pcm.rate * frame)
    s = pcm.samples
    return [
        (sum(v * v for v in s[i : i + n]) / n) ** 0.5 / 32768 for i in range(0, len(s) - n + 1, n)
    ]


def _assert_speech(pcm: Pcm, low: float = 2.0, high: float = 12.0) -> None:
    m = measure(pcm)
    assert low < m.duration < high, m
    assert m.rms > 0.03, m  # silence is 0; espeak speech sits around 0.1
    assert 0.5 < m.voiced_fraction < 0.99, m  # mostly sound, with the pauses of words
    levels = _frame_levels(pcm)
    # Speech rises and falls syllable by syllable; a tone or noise would be flat.
    assert statistics.pstdev(levels) > 0.3 * statistics.mean(levels), m
    assert m.peak < 1.0, m


class Counting:
    """Wraps a backend and counts the calls that reach it."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.voice_id = inner.voice_id
        self.calls = 0

    def synthesize(self, text: str, rate: int) -> bytes:
        self.calls += 1
        return self.inner.synthesize(text, rate)


def test_default_announcement_is_real_speech(espeak_backend) -> None:
    text = announcement_text(DEFAULT_TEMPLATE, "1023", 5, "words")
    t0 = time.perf_counter()
    speech = read_wav(espeak_backend.synthesize(text, 150))
    cold = time.perf_counter() - t0
    _assert_speech(speech)
    assert cold < 5.0

    synth = Synthesizer(AnnounceConfig(cache_dir=None), backend_factory=lambda c: espeak_backend)
    wav = synth.announcement(text)
    OUT.write_bytes(wav)  # for listening / `sox --i` by hand
    full = read_wav(wav)
    _assert_speech(full, low=speech.duration, high=speech.duration + 3.0)


def test_different_numbers_sound_different(espeak_backend) -> None:
    def speak(number: str, reading: str = "words") -> bytes:
        text = announcement_text(DEFAULT_TEMPLATE, number, 5, reading)  # type: ignore[arg-type]
        return espeak_backend.synthesize(text, 150)

    def length(number: str) -> float:
        return read_wav(speak(number)).duration

    # espeak-ng's pitch flutter carries state between calls, so the same text is not
    # bit-identical twice (the cache makes it so); its length is stable to a few ms.
    base = speak("1023")
    assert abs(length("1023") - read_wav(base).duration) < 0.1
    assert speak("1024") != base
    assert length("7") < read_wav(base).duration - 1.0  # "bảy" vs six words
    digits = read_wav(speak("1023", "digits"))
    assert digits.duration < read_wav(base).duration  # "một không hai ba" is shorter
    _assert_speech(read_wav(speak("A005", "digits")))


def test_rate_changes_speed(espeak_backend) -> None:
    text = announcement_text(DEFAULT_TEMPLATE, "1023", 5)
    slow = read_wav(espeak_backend.synthesize(text, 110)).duration
    fast = read_wav(espeak_backend.synthesize(text, 220)).duration
    assert fast < 0.8 * slow


def test_unknown_voice_is_a_clear_error(espeak_backend) -> None:
    if not isinstance(espeak_backend, EspeakLibraryBackend):
        pytest.skip("library backend not in use")
    with pytest.raises(SynthesisError, match="no voice"):
        EspeakLibraryBackend("zz-nope").synthesize("một", 150)


def test_cache_avoids_espeak_and_survives_restart(espeak_backend, tmp_path, qtbot) -> None:
    counting = Counting(espeak_backend)
    config = AnnounceConfig(cache_dir=tmp_path)
    synth = Synthesizer(config, backend_factory=lambda c: counting)
    text = announcement_text(DEFAULT_TEMPLATE, "1023", 5)
    first = synth.speech(text)
    t0 = time.perf_counter()
    assert synth.speech(text) == first
    assert time.perf_counter() - t0 < 0.05
    assert counting.calls == 1

    fresh = Counting(espeak_backend)  # a new process: empty memory, same cache folder
    restarted = Synthesizer(config, backend_factory=lambda c: fresh)
    announcer = Announcer(config, synthesizer=restarted)
    assert announcer.render("1023", 5) == restarted.compose(first)
    assert fresh.calls == 0
    announcer.close()
