"""From a sentence to the WAV that is played: cached speech, preceded by the chime."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .backend import SilentBackend, SynthesisError, VoiceBackend
from .cache import SpeechCache, cache_key
from .chime import chime_pcm
from .clips import ClipsBackend
from .config import AnnounceConfig
from .espeak import make_espeak_backend
from .sequencer import Lead
from .wavutil import Pcm, WavError, concat, read_wav, silence, write_wav

log = logging.getLogger(__name__)

_GAP_AFTER_CHIME = 0.25  # seconds between the chime and the voice
_TAIL = 0.3  # seconds of silence after the voice, so back-to-back calls do not run together
_DEFAULT_RATE = 22050  # for the chime when there is no speech to match


def make_backend(config: AnnounceConfig) -> VoiceBackend:
    if config.voice == "espeak":
        return make_espeak_backend(config.espeak_voice)
    if config.voice == "clips":
        assert config.clips_dir is not None  # AnnounceConfig checks this
        return ClipsBackend(config.clips_dir)
    return SilentBackend()


class Synthesizer:
    """Thread-safe; the backend is created on first use so a broken voice never stops the
    display from starting (it fails each announcement instead, with the reason)."""

    def __init__(
        self,
        config: AnnounceConfig,
        backend_factory: Callable[[AnnounceConfig], VoiceBackend] = make_backend,
        cache: SpeechCache | None = None,
    ) -> None:
        self.config = config
        self.cache = cache if cache is not None else SpeechCache(config.cache_dir)
        self._factory = backend_factory
        self._backend: VoiceBackend | None = None
        self._lock = threading.Lock()

    @property
    def backend(self) -> VoiceBackend:
        with self._lock:
            if self._backend is None:
                self._backend = self._factory(self.config)
            return self._backend

    def speech(self, text: str) -> bytes:
        """The sentence spoken (WAV), or b"" for voice "off". Raises SynthesisError."""
        backend = self.backend
        if isinstance(backend, SilentBackend):
            return b""
        key = cache_key(backend.name, backend.voice_id, text, self.config.rate)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        wav = backend.synthesize(text, self.config.rate)
        self.cache.put(key, wav)
        return wav

    def compose(self, speech: bytes | None, lead: Lead = Lead.FULL) -> bytes:
        """Chime + pause + speech + tail as one WAV; b"" if there is nothing to play.

        `lead` chooses the chime: full, short, or none (a sentence that follows another
        straight on). Without speech (voice off or failed) there is at least the short
        chime: the hall must hear that someone is called."""
        parts: list[Pcm] = []
        voice: Pcm | None = None
        if speech:
            try:
                voice = read_wav(speech)
            except WavError as exc:
                raise SynthesisError(f"voice backend returned bad audio: {exc}") from exc
        rate = voice.rate if voice is not None else _DEFAULT_RATE
        if voice is None:
            lead = max(lead, Lead.SHORT)
        if self.config.chime and lead != Lead.NONE:
            parts += [chime_pcm(rate, short=lead == Lead.SHORT), silence(rate, _GAP_AFTER_CHIME)]
        if voice is not None:
            parts += [voice, silence(rate, _TAIL)]
        return write_wav(concat(parts)) if parts else b""

    def announcement(self, text: str) -> bytes:
        """The full announcement for `text`. Raises SynthesisError if the voice fails."""
        return self.compose(self.speech(text))

    def announcements(self, text: str) -> dict[Lead, bytes]:
        """The announcement for `text` with each lead (the queue picks one when its turn
        comes). Raises SynthesisError if the voice fails."""
        speech = self.speech(text)
        return {lead: self.compose(speech, lead) for lead in Lead}

    def chime_only(self, lead: Lead = Lead.FULL) -> bytes:
        """Played when the voice fails, so the hall still hears that someone was called."""
        return self.compose(None, lead)

    def chimes_only(self) -> dict[Lead, bytes]:
        return {lead: self.chime_only(lead) for lead in Lead}
