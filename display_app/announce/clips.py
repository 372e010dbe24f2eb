"""Voice from clips a centre records itself: one WAV per word or phrase, joined in order.

Folder layout (see README.md beside this file):
- file name = the word or phrase as written, lower case, words joined by "_", then ".wav":
  "mời_công_dân_có_số_thứ_tự.wav", "đến_quầy_số.wav", "một.wav", "mốt.wav", "mười.wav",
  "mươi.wav", "trăm.wav", "nghìn.wav", letters "a.wav", "b.wav"...;
- the same name without diacritics ("moi_cong_dan.wav", "mot.wav", "nghin.wav") is
  accepted when the accented file is missing, and "0.wav"…"9.wav" stand in for
  "không"…"chín". Mind that dropping diacritics merges "một"/"mốt" and "mười"/"mươi":
  record both accented files to get the tones right;
- for each position in the sentence the longest phrase that has a clip wins, so a centre
  can record whole phrases ("mời_công_dân.wav") and fall back to single words.
Any WAV (PCM 8/16/24/32-bit or float, mono or stereo, any rate) is accepted.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from .backend import SynthesisError
from .numbers import DIGIT_WORDS
from .wavutil import Pcm, WavError, concat, read_wav, silence, write_wav

_PUNCTUATION = ".,;:!?\"'()[]«»…–—-"
_DIGIT_ALIAS = {word: str(d) for d, word in enumerate(DIGIT_WORDS)}


def clip_key(phrase: str) -> str:
    """Canonical name (without ".wav") for a word or phrase: "Mời công dân" → "mời_công_dân"."""
    words = unicodedata.normalize("NFC", phrase).lower().replace("_", " ").split()
    return "_".join(w.strip(_PUNCTUATION) for w in words if w.strip(_PUNCTUATION))


def ascii_key(key: str) -> str:
    """The key without diacritics: "mời_công_dân" → "moi_cong_dan"."""
    key = key.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", key)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def candidate_names(key: str) -> list[str]:
    """File stems tried for one key, best first."""
    names = [key]
    if key in _DIGIT_ALIAS:
        names.append(_DIGIT_ALIAS[key])
    plain = ascii_key(key)
    if plain not in names:
        names.append(plain)
    return names


class ClipsBackend:
    """Joins recorded clips for the words of a sentence."""

    name = "clips"

    def __init__(self, folder: Path | str, gap: float = 0.06) -> None:
        self.folder = Path(folder)
        self.gap = gap  # seconds between clips: trimmed recordings run together otherwise

    def _index(self) -> dict[str, Path]:
        """Stem (NFC, lower case) → file; normalising copes with NFD names from macOS."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError as exc:
            raise SynthesisError(f"cannot read clips folder {self.folder}: {exc}") from exc
        index: dict[str, Path] = {}
        for entry in sorted(entries, key=lambda e: e.name):
            stem, ext = os.path.splitext(entry.name)
            if ext.lower() == ".wav" and entry.is_file():
                index.setdefault(unicodedata.normalize("NFC", stem).lower(), Path(entry.path))
        return index

    @property
    def voice_id(self) -> str:
        """Changes whenever a clip is added, removed or re-recorded, so the cache never
        serves audio made from old clips."""
        digest = hashlib.sha256(str(self.folder.resolve()).encode())
        for stem, path in sorted(self._index().items()):
            st = path.stat()
            digest.update(f"{stem}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        return f"clips:{digest.hexdigest()[:16]}"

    def plan(self, text: str) -> list[Path]:
        """Files to play for `text`, in order; SynthesisError lists every missing clip."""
        index = self._index()
        words = clip_key(text).split("_") if clip_key(text) else []
        files: list[Path] = []
        missing: list[str] = []
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):  # longest phrase first
                key = "_".join(words[i:j])
                found = next((index[n] for n in candidate_names(key) if n in index), None)
                if found is not None:
                    files.append(found)
                    i = j
                    break
            else:
                if words[i] not in missing:
                    missing.append(words[i])
                i += 1
        if missing:
            wanted = ", ".join(
                f"{w!r} ({' or '.join(n + '.wav' for n in candidate_names(w))})" for w in missing
            )
            raise SynthesisError(f"missing clips in {self.folder}: {wanted}")
        return files

    def synthesize(self, text: str, rate: int) -> bytes:
        # `rate` cannot change a recording; it only takes part in the cache key.
        parts: list[Pcm] = []
        for path in self.plan(text):
            try:
                pcm = read_wav(path.read_bytes())
            except (OSError, WavError) as exc:
                raise SynthesisError(f"bad clip {path}: {exc}") from exc
            if parts and self.gap > 0:
                parts.append(silence(pcm.rate, self.gap))
            parts.append(pcm)
        if not parts:
            raise SynthesisError(f"nothing to say for {text!r}")
        return write_wav(concat(parts))
