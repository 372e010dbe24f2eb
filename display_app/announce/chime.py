"""The attention chime: a soft two-tone "ding-dong", synthesised so no audio asset ships.

`short=True` is the quick "ding-dong" between calls that follow each other (0.7 s
instead of 1.9 s): the hall still hears that a new call starts, without the wait.
"""

from __future__ import annotations

import math
from array import array
from functools import lru_cache

from .wavutil import Pcm, write_wav

# A descending major third (E5 → C5), the familiar public-address interval.
_TONES: tuple[tuple[float, float], ...] = ((0.0, 659.25), (0.5, 523.25))
# Bell-like timbre: fundamental plus quieter partials, each fading faster than the one below.
_PARTIALS: tuple[tuple[float, float, float], ...] = (
    (1.0, 1.00, 2.2),  # (frequency ratio, amplitude, decay rate per second)
    (2.0, 0.35, 3.5),
    (3.0, 0.12, 5.0),
)
_LENGTH = 1.9  # seconds: the dong rings out before the voice starts
_SHORT_TONES: tuple[tuple[float, float], ...] = ((0.0, 659.25), (0.2, 523.25))
_SHORT_LENGTH = 0.7
_PEAK = 0.45  # of full scale: leave headroom, the voice should be the loudest part
_ATTACK = 0.006  # seconds: a short fade-in avoids a click


@lru_cache(maxsize=8)
def chime_pcm(rate: int = 22050, short: bool = False) -> Pcm:
    n = int(rate * (_SHORT_LENGTH if short else _LENGTH))
    total_amp = sum(a for _, a, _ in _PARTIALS)
    out = array("h", bytes(2 * n))
    for start, freq in _SHORT_TONES if short else _TONES:
        first = int(start * rate)
        for i in range(first, n):
            t = (i - first) / rate
            env = min(1.0, t / _ATTACK)
            value = 0.0
            for ratio, amp, decay in _PARTIALS:
                value += amp * math.exp(-decay * t) * math.sin(2 * math.pi * freq * ratio * t)
            out[i] = max(-32768, min(32767, out[i] + int(env * value / total_amp * _PEAK * 32767)))
    # Fade the tail to zero so the join with the speech is click-free.
    fade = int(0.05 * rate)
    for k in range(fade):
        out[n - 1 - k] = int(out[n - 1 - k] * k / fade)
    return Pcm(rate, out)


def chime_wav(rate: int = 22050, short: bool = False) -> bytes:
    """The chime as WAV bytes (mono, 16-bit)."""
    return write_wav(chime_pcm(rate, short))
