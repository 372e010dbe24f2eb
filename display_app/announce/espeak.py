"""espeak-ng voice: the library bundled by `espeakng_loader` via ctypes, else the CLI.

espeak-ng keeps global state (current voice, rate, callback), so the library is loaded once
per process and every synthesis holds one lock; it is fast (well under a second per
announcement), so serialising is harmless.
"""

from __future__ import annotations

import ctypes
import logging
import shutil
import subprocess
import tempfile
import threading
from array import array
from pathlib import Path

from .backend import SynthesisError
from .wavutil import Pcm, write_wav

log = logging.getLogger(__name__)

_ENOUTPUT_MODE_SYNCHRONOUS = 0x0001
_ESPEAK_RATE = 1
_ESPEAK_VOLUME = 2
# espeak's default volume (100) clips on some vowels; a little headroom keeps it clean.
_VOLUME = 85
_POS_CHARACTER = 1
_ESPEAKCHARS_UTF8 = 1
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _EspeakLibrary:
    """The process-wide espeak-ng instance."""

    _instance: _EspeakLibrary | None = None
    _instance_lock = threading.Lock()

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:
            raise SynthesisError("espeakng_loader is not installed") from exc
        lib_path = espeakng_loader.get_library_path()
        data_path = espeakng_loader.get_data_path()
        try:
            lib = ctypes.CDLL(lib_path)
        except OSError as exc:
            raise SynthesisError(f"cannot load espeak-ng library {lib_path}: {exc}") from exc
        lib.espeak_ng_InitializePath.argtypes = [ctypes.c_char_p]
        lib.espeak_ng_InitializePath.restype = None
        lib.espeak_ng_Initialize.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.espeak_ng_InitializeOutput.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p]
        lib.espeak_ng_GetSampleRate.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p

        lib.espeak_ng_InitializePath(data_path.encode())
        context = ctypes.c_void_p()
        status = lib.espeak_ng_Initialize(ctypes.byref(context))
        if status != 0:
            raise SynthesisError(f"espeak_ng_Initialize failed (status 0x{status:x})")
        status = lib.espeak_ng_InitializeOutput(_ENOUTPUT_MODE_SYNCHRONOUS, 0, None)
        if status != 0:
            raise SynthesisError(f"espeak_ng_InitializeOutput failed (status 0x{status:x})")
        self.lib = lib
        self.sample_rate: int = lib.espeak_ng_GetSampleRate()
        self.version: str = (lib.espeak_Info(None) or b"?").decode(errors="replace")
        self.lock = threading.Lock()
        self._chunks: list[bytes] = []
        # Keep a reference: ctypes callbacks are freed with their Python object.
        self._callback = _SYNTH_CALLBACK(self._collect)
        lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def get(cls) -> _EspeakLibrary:
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _collect(self, wav: ctypes.POINTER(ctypes.c_short), count: int, _events: int) -> int:  # type: ignore[valid-type]
        if wav and count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0 = keep going

    def synthesize(self, text: str, voice: str, rate: int) -> Pcm:
        data = text.encode("utf-8")
        with self.lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SynthesisError(f"espeak-ng has no voice {voice!r}")
            self.lib.espeak_SetParameter(_ESPEAK_RATE, rate, 0)
            self.lib.espeak_SetParameter(_ESPEAK_VOLUME, _VOLUME, 0)
            self._chunks = []
            status = self.lib.espeak_Synth(
                data, len(data) + 1, 0, _POS_CHARACTER, 0, _ESPEAKCHARS_UTF8, None, None
            )
            chunks, self._chunks = self._chunks, []
        if status != 0:
            raise SynthesisError(f"espeak_Synth failed (status {status})")
        samples = array("h")
        samples.frombytes(b"".join(chunks))  # native-endian shorts straight from the engine
        return Pcm(self.sample_rate, samples)


class EspeakLibraryBackend:
    """espeak-ng through the library that the `espeakng_loader` wheel bundles."""

    name = "espeak"

    def __init__(self, voice: str = "vi") -> None:
        self._engine = _EspeakLibrary.get()
        self._voice = voice
        self.voice_id = f"espeak-lib:{self._engine.version}:{voice}:vol{_VOLUME}"

    def synthesize(self, text: str, rate: int) -> bytes:
        pcm = self._engine.synthesize(text, self._voice, rate)
        if not pcm.samples:
            raise SynthesisError(f"espeak-ng produced no audio for {text!r}")
        return write_wav(pcm)


class EspeakCommandBackend:
    """espeak-ng through the system's `espeak-ng` program (fallback)."""

    name = "espeak"

    def __init__(self, executable: str, voice: str = "vi") -> None:
        self._exe = executable
        self._voice = voice
        self.voice_id = f"espeak-cmd:{Path(executable).name}:{voice}:vol{_VOLUME}"

    def synthesize(self, text: str, rate: int) -> bytes:
        with tempfile.TemporaryDirectory(prefix="motcua-espeak-") as tmp:
            out = Path(tmp) / "speech.wav"
            # -w writes a WAV with correct sizes (--stdout leaves them unset); text goes in
            # on stdin so it can never be taken for an option.
            cmd = [self._exe, "-v", self._voice, "-s", str(rate), "-a", str(_VOLUME)]
            cmd += ["-b", "1", "-w", str(out), "--stdin"]  # -b 1: the text is UTF-8
            try:
                done = subprocess.run(
                    cmd, input=text.encode("utf-8"), capture_output=True, timeout=30
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise SynthesisError(f"{self._exe} failed: {exc}") from exc
            if done.returncode != 0 or not out.exists():
                err = done.stderr.decode(errors="replace").strip()
                raise SynthesisError(f"{self._exe} exited {done.returncode}: {err}")
            return out.read_bytes()


def make_espeak_backend(voice: str = "vi") -> EspeakLibraryBackend | EspeakCommandBackend:
    """The bundled library if it loads, else the system program; SynthesisError if neither."""
    try:
        return EspeakLibraryBackend(voice)
    except SynthesisError as exc:
        reason = str(exc)
    exe = shutil.which("espeak-ng")
    if exe:
        log.warning("espeak-ng library unavailable (%s); using %s", reason, exe)
        return EspeakCommandBackend(exe, voice)
    raise SynthesisError(f"no espeak-ng: {reason}, and no espeak-ng program on PATH")
