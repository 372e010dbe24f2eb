"""Speech cache: the backend is never asked twice for the same phrase, across restarts too."""

from __future__ import annotations

from pathlib import Path

import pytest

from display_app.announce import AnnounceConfig, Announcer, SpeechCache, Synthesizer
from display_app.announce.cache import cache_key
from display_app.announce.chime import chime_pcm
from display_app.announce.wavutil import read_wav


def _synth(backend, cache_dir: Path | None, **cfg) -> Synthesizer:
    config = AnnounceConfig(cache_dir=cache_dir, **cfg)
    return Synthesizer(config, backend_factory=lambda c: backend)


def test_second_synthesis_is_cached(tmp_path: Path, fake_backend_cls) -> None:
    backend = fake_backend_cls()
    synth = _synth(backend, tmp_path)
    first = synth.speech("Mời công dân số một")
    assert synth.speech("Mời công dân số một") == first
    assert synth.announcement("Mời công dân số một")
    assert backend.calls == ["Mời công dân số một"]
    synth.speech("Mời công dân số hai")
    assert len(backend.calls) == 2


def test_disk_cache_survives_a_new_announcer(tmp_path: Path, fake_backend_cls, qtbot) -> None:
    class Silent:
        def play(self, wav, on_done):
            on_done()

        def set_volume(self, v):
            pass

        def set_muted(self, m):
            pass

        def stop(self):
            pass

    for round_ in range(2):
        backend = fake_backend_cls()
        config = AnnounceConfig(cache_dir=tmp_path)
        synth = Synthesizer(config, backend_factory=lambda c, b=backend: b)
        announcer = Announcer(config, player=Silent(), synthesizer=synth)
        with qtbot.waitSignal(announcer.finished, timeout=5000):
            announcer.announce("1023", 5)
        announcer.close()
        assert len(backend.calls) == (1 if round_ == 0 else 0)
    assert list(tmp_path.rglob("*.wav"))


def test_key_covers_backend_voice_text_and_rate() -> None:
    keys = {
        cache_key("espeak", "vi", "một", 150),
        cache_key("clips", "vi", "một", 150),
        cache_key("espeak", "en", "một", 150),
        cache_key("espeak", "vi", "hai", 150),
        cache_key("espeak", "vi", "một", 160),
    }
    assert len(keys) == 5


def test_rate_change_synthesises_again(tmp_path: Path, fake_backend_cls) -> None:
    backend = fake_backend_cls()
    _synth(backend, tmp_path, rate=150).speech("một")
    _synth(backend, tmp_path, rate=170).speech("một")
    _synth(backend, tmp_path, rate=150).speech("một")
    assert len(backend.calls) == 2


def test_memory_only_cache(fake_backend_cls) -> None:
    backend = fake_backend_cls()
    synth = _synth(backend, None)
    synth.speech("một")
    synth.speech("một")
    assert len(backend.calls) == 1


def test_memory_is_bounded_and_disk_refills_it(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, memory_items=2)
    for k in ("aa1", "bb2", "cc3"):
        cache.put(k, k.encode())
    assert "aa1" not in cache._memory and cache.get("aa1") == b"aa1"
    assert SpeechCache(tmp_path).get("cc3") == b"cc3"
    assert not list(tmp_path.rglob("*.part"))


def test_unwritable_cache_dir_only_logs(tmp_path: Path, fake_backend_cls, caplog) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache dir should be")
    backend = fake_backend_cls()
    synth = _synth(backend, blocker / "cache")
    synth.speech("một")
    synth.speech("một")  # still served from memory
    assert len(backend.calls) == 1
    assert "cannot write" in caplog.text


def test_chime_comes_first_then_voice(fake_backend_cls) -> None:
    backend = fake_backend_cls()
    synth = _synth(backend, None)
    wav = read_wav(synth.announcement("một"))
    speech = read_wav(synth.speech("một"))
    chime = chime_pcm(speech.rate)
    assert wav.rate == speech.rate
    assert wav.duration == pytest.approx(chime.duration + 0.25 + speech.duration + 0.3, abs=0.01)
    assert list(wav.samples[: len(chime.samples)]) == list(chime.samples)
    start = int((chime.duration + 0.25) * speech.rate)
    assert list(wav.samples[start : start + len(speech.samples)]) == list(speech.samples)


def test_voice_off_is_chime_only_and_chime_can_be_disabled(fake_backend_cls) -> None:
    off = Synthesizer(AnnounceConfig(voice="off", cache_dir=None))
    assert off.announcement("một") == off.chime_only() != b""
    nothing = Synthesizer(AnnounceConfig(voice="off", chime=False, cache_dir=None))
    assert nothing.announcement("một") == b""
