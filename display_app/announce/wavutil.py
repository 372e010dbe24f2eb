"""Minimal WAV handling with the standard library: read, write, resample, join, measure.

Everything is normalised to mono signed 16-bit PCM so that clips recorded on different
devices, espeak output and the chime can be joined into one announcement.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from array import array
from dataclasses import dataclass


class WavError(ValueError):
    """The bytes are not a WAV file this module can read."""


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit samples at `rate` Hz."""

    rate: int
    samples: array  # array('h')

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE


def _chunks(data: bytes) -> dict[bytes, bytes]:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise WavError("not a RIFF/WAVE file")
    chunks: dict[bytes, bytes] = {}
    pos = 12
    while pos + 8 <= len(data):
        cid, size = struct.unpack_from("<4sI", data, pos)
        body = data[pos + 8 : pos + 8 + size]  # tolerate streaming writers' bogus sizes
        chunks.setdefault(cid, body)
        pos += 8 + size + (size & 1)
    if b"fmt " not in chunks or b"data" not in chunks:
        raise WavError("WAV has no fmt or data chunk")
    return chunks


def _decode(fmt_tag: int, width: int, raw: bytes) -> list[float] | array:
    """Interleaved samples as int16 array (fast path) or floats in -1..1."""
    raw = raw[: len(raw) - len(raw) % width]
    if fmt_tag == _PCM and width == 2:
        out = array("h")
        out.frombytes(raw)
        if sys.byteorder == "big":
            out.byteswap()
        return out
    if fmt_tag == _PCM and width == 1:
        return [(b - 128) / 128.0 for b in raw]
    if fmt_tag == _PCM and width in (3, 4):
        scale = float(1 << (8 * width - 1))
        return [
            int.from_bytes(raw[i : i + width], "little", signed=True) / scale
            for i in range(0, len(raw), width)
        ]
    if fmt_tag == _FLOAT and width in (4, 8):
        code = f"<{len(raw) // width}{'f' if width == 4 else 'd'}"
        return list(struct.unpack(code, raw))
    raise WavError(f"unsupported WAV encoding (format {fmt_tag}, {8 * width}-bit)")


def _to_int16(values: list[float]) -> array:
    return array("h", (max(-32768, min(32767, int(round(v * 32767)))) for v in values))


def read_wav(data: bytes) -> Pcm:
    """Decode PCM (8/16/24/32-bit) or float WAV, any channel count, to mono int16."""
    chunks = _chunks(data)
    fmt = chunks[b"fmt "]
    if len(fmt) < 16:
        raise WavError("WAV fmt chunk too short")
    fmt_tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", fmt)
    if fmt_tag == _EXTENSIBLE and len(fmt) >= 26:
        fmt_tag = struct.unpack_from("<H", fmt, 24)[0]  # first two bytes of the sub-format GUID
    if channels < 1 or rate < 1 or bits % 8:
        raise WavError(f"bad WAV header: {channels} channels, {rate} Hz, {bits} bits")
    decoded = _decode(fmt_tag, bits // 8, chunks[b"data"])
    if isinstance(decoded, array) and channels == 1:
        return Pcm(rate, decoded)
    values = [v / 32768.0 for v in decoded] if isinstance(decoded, array) else decoded
    if channels > 1:  # downmix: the hall speakers carry one voice
        frames = len(values) // channels
        values = [sum(values[i * channels : (i + 1) * channels]) / channels for i in range(frames)]
    return Pcm(rate, _to_int16(values))


def write_wav(pcm: Pcm) -> bytes:
    samples = pcm.samples
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(pcm.rate)
        w.writeframes(samples.tobytes())
    return buf.getvalue()


def resample(pcm: Pcm, rate: int) -> Pcm:
    """Linear-interpolation resampling: good enough for speech joined into one clip."""
    if pcm.rate == rate or not pcm.samples:
        return Pcm(rate, array("h", pcm.samples))
    src = pcm.samples
    n_out = max(1, round(len(src) * rate / pcm.rate))
    step = pcm.rate / rate
    last = len(src) - 1
    out = array("h", bytes(2 * n_out))
    for i in range(n_out):
        pos = i * step
        j = int(pos)
        if j >= last:
            out[i] = src[last]
        else:
            frac = pos - j
            out[i] = int(src[j] + (src[j + 1] - src[j]) * frac)
    return Pcm(rate, out)


def silence(rate: int, seconds: float) -> Pcm:
    return Pcm(rate, array("h", bytes(2 * int(rate * seconds))))


def concat(parts: list[Pcm], rate: int | None = None) -> Pcm:
    """Join clips, resampling each to `rate` (default: the first part's rate)."""
    if not parts:
        raise ValueError("nothing to join")
    target = rate or parts[0].rate
    out = array("h")
    for part in parts:
        out.extend(resample(part, target).samples if part.rate != target else part.samples)
    return Pcm(target, out)


def wav_duration(data: bytes) -> float:
    """Length in seconds, from the header only (cheap: used to pace playback)."""
    chunks = _chunks(data)
    _, channels, rate, _, block_align, bits = struct.unpack_from("<HHIIHH", chunks[b"fmt "])
    frame = block_align or channels * bits // 8
    return len(chunks[b"data"]) / (frame * rate) if frame and rate else 0.0


@dataclass(frozen=True)
class Loudness:
    duration: float
    rms: float  # 0..1 of full scale
    peak: float
    voiced_fraction: float  # share of 20 ms frames louder than -40 dBFS


def measure(pcm: Pcm, frame_seconds: float = 0.02, floor_dbfs: float = -40.0) -> Loudness:
    """Rough loudness figures, to check that audio is speech rather than silence or noise."""
    s = pcm.samples
    if not s:
        return Loudness(0.0, 0.0, 0.0, 0.0)
    rms = math.sqrt(sum(v * v for v in s) / len(s)) / 32768.0
    peak = max(abs(v) for v in s) / 32768.0
    frame = max(1, int(pcm.rate * frame_seconds))
    floor = 32768.0 * 10 ** (floor_dbfs / 20)
    frames = voiced = 0
    for start in range(0, len(s) - frame + 1, frame):
        chunk = s[start : start + frame]
        frames += 1
        if math.sqrt(sum(v * v for v in chunk) / frame) > floor:
            voiced += 1
    return Loudness(pcm.duration, rms, peak, voiced / frames if frames else 0.0)
