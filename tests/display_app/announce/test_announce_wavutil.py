"""WAV reading/writing/joining, and the synthesised chime."""

from __future__ import annotations

import math
import struct
from array import array

import pytest

from display_app.announce.chime import chime_pcm, chime_wav
from display_app.announce.wavutil import (
    Pcm,
    WavError,
    concat,
    measure,
    read_wav,
    resample,
    silence,
    wav_duration,
    write_wav,
)


def _riff(
    fmt_tag: int, channels: int, rate: int, bits: int, data: bytes, extensible=False
) -> bytes:
    block = channels * bits // 8
    fmt = struct.pack(
        "<HHIIHH", 0xFFFE if extensible else fmt_tag, channels, rate, rate * block, block, bits
    )
    if extensible:
        fmt += struct.pack("<HHI", 22, bits, 0) + struct.pack("<H", fmt_tag) + bytes(14)
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def test_roundtrip_16bit() -> None:
    pcm = Pcm(16000, array("h", [0, 1000, -1000, 32767, -32768]))
    back = read_wav(write_wav(pcm))
    assert back.rate == 16000 and list(back.samples) == list(pcm.samples)


def test_stereo_is_downmixed() -> None:
    data = struct.pack("<4h", 1000, 3000, -2000, -4000)
    pcm = read_wav(_riff(1, 2, 8000, 16, data))
    assert list(pcm.samples) == pytest.approx([2000, -3000], abs=2)


@pytest.mark.parametrize(
    ("fmt_tag", "bits", "data", "extensible"),
    [
        (1, 8, bytes([128, 192]), False),
        (
            1,
            24,
            (0).to_bytes(3, "little", signed=True) + (1 << 22).to_bytes(3, "little", signed=True),
            False,
        ),
        (3, 32, struct.pack("<2f", 0.0, 0.5), False),
        (3, 32, struct.pack("<2f", 0.0, 0.5), True),
        (1, 32, struct.pack("<2i", 0, 1 << 30), False),
    ],
)
def test_other_encodings(fmt_tag: int, bits: int, data: bytes, extensible: bool) -> None:
    pcm = read_wav(_riff(fmt_tag, 1, 8000, bits, data, extensible))
    assert list(pcm.samples) == pytest.approx([0, 16384], abs=2)


def test_rejects_garbage() -> None:
    with pytest.raises(WavError):
        read_wav(b"not a wav file at all")
    with pytest.raises(WavError):
        read_wav(_riff(2, 1, 8000, 4, b"\x00\x00"))  # ADPCM


def test_resample_and_concat() -> None:
    a = Pcm(8000, array("h", [100] * 800))  # 0.1 s
    b = Pcm(16000, array("h", [200] * 1600))  # 0.1 s
    joined = concat([a, b])
    assert joined.rate == 8000 and len(joined.samples) == 1600
    assert joined.samples[0] == 100 and joined.samples[-1] == 200
    assert len(resample(a, 22050).samples) == 2205
    assert len(silence(8000, 0.5).samples) == 4000


def test_duration_from_header() -> None:
    assert wav_duration(write_wav(silence(22050, 1.5))) == pytest.approx(1.5)


def test_measure() -> None:
    quiet = measure(silence(8000, 1.0))
    assert quiet.rms == 0 and quiet.voiced_fraction == 0
    tone = Pcm(8000, array("h", (int(16000 * math.sin(i / 3)) for i in range(8000))))
    loud = measure(tone)
    assert loud.rms > 0.3 and loud.voiced_fraction == 1.0 and loud.duration == 1.0


def _power(samples: array, rate: int, freq: float) -> float:
    """Goertzel power of one frequency: which tone is sounding."""
    k = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for v in samples:
        s1, s2 = v + k * s1 - s2, s1
    return s1 * s1 + s2 * s2 - k * s1 * s2


def test_chime_is_ding_then_dong() -> None:
    pcm = chime_pcm(22050)
    m = measure(pcm)
    assert 1.0 < m.duration < 3.0 and m.peak < 0.9 and m.rms > 0.05
    ding = pcm.samples[: int(0.4 * 22050)]
    dong = pcm.samples[int(0.9 * 22050) : int(1.3 * 22050)]
    assert _power(ding, 22050, 659.25) > 10 * _power(ding, 22050, 523.25)
    assert _power(dong, 22050, 523.25) > 3 * _power(dong, 22050, 659.25)
    assert abs(pcm.samples[-1]) < 50  # faded out: no click into the voice
    assert read_wav(chime_wav(16000)).rate == 16000
