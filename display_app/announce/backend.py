"""The voice backend interface shared by espeak, recorded clips and "off"."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class SynthesisError(RuntimeError):
    """A backend could not produce audio; the message is shown to staff, so make it useful."""


@runtime_checkable
class VoiceBackend(Protocol):
    """Turns one sentence into speech.

    `voice_id` names everything that changes the audio apart from text and rate (engine,
    voice, version, clip set); it is part of the cache key, so it must change when they do.
    Implementations must be safe to call from worker threads.
    """

    @property
    def name(self) -> str: ...

    @property
    def voice_id(self) -> str: ...

    def synthesize(self, text: str, rate: int) -> bytes:
        """Return a WAV file (any PCM format) with `text` spoken at `rate` words/minute."""
        ...


class SilentBackend:
    """voice="off": no speech; the announcement is the chime alone."""

    name = "off"
    voice_id = "off"

    def synthesize(self, text: str, rate: int) -> bytes:
        return b""
