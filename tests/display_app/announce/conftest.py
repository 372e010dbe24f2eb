"""Shared fakes for announcement tests: a counting voice backend and tone WAV makers."""

from __future__ import annotations

import math
import os
import threading
import time
from array import array
from collections.abc import Callable

import pytest

# Before anything imports Qt: tests run headless.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from display_app.announce.wavutil import Pcm, write_wav  # noqa: E402


def tone_wav(
    freq: float = 440.0, seconds: float = 0.05, rate: int = 8000, value: int | None = None
) -> bytes:
    """A sine tone, or a constant `value` (handy to recognise a clip after joining)."""
    n = int(rate * seconds)
    if value is not None:
        return write_wav(Pcm(rate, array("h", [value] * n)))
    return write_wav(
        Pcm(
            rate,
            array("h", (int(12000 * math.sin(2 * math.pi * freq * i / rate)) for i in range(n))),
        )
    )


class FakeBackend:
    """Counts calls; each distinct text gets a constant-valued clip whose value is its id."""

    name = "fake"

    def __init__(self, delay: Callable[[str], float] | None = None, fail: set[str] | None = None):
        self.voice_id = "fake-v1"
        self.calls: list[str] = []
        self.completed: list[str] = []  # in the order synthesis finished
        self.ids: dict[str, int] = {}
        self._delay = delay
        self._fail = fail or set()
        self._lock = threading.Lock()

    def synthesize(self, text: str, rate: int) -> bytes:
        with self._lock:
            self.calls.append(text)
            ident = self.ids.setdefault(text, 100 + len(self.ids))
        if self._delay:
            time.sleep(self._delay(text))
        if text in self._fail:
            from display_app.announce import SynthesisError

            raise SynthesisError(f"fake failure for {text}")
        with self._lock:
            self.completed.append(text)
        return tone_wav(value=ident, seconds=0.05)


@pytest.fixture
def make_tone() -> Callable[..., bytes]:
    return tone_wav


@pytest.fixture
def fake_backend_cls() -> type[FakeBackend]:
    return FakeBackend


# Tests that drive the real espeak-ng voice and QtMultimedia, headless.
@pytest.fixture(scope="session")
def espeak_backend():
    """The real espeak-ng backend; skips (with the reason) only if it truly cannot load."""
    from display_app.announce import SynthesisError
    from display_app.announce.espeak import make_espeak_backend

    try:
        return make_espeak_backend("vi")
    except SynthesisError as exc:
        pytest.skip(f"espeak-ng cannot load: {exc}")
