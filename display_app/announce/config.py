"""Per-centre announcement settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .text import DEFAULT_TEMPLATE, NumberReading, check_template

Voice = Literal["espeak", "clips", "off"]

_VOICES = ("espeak", "clips", "off")
_READINGS = ("words", "digits")


def default_cache_dir() -> Path:
    """Per-user cache (XDG on Linux); kept across restarts so phrases are synthesised once."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "motcua" / "announce"


@dataclass(frozen=True)
class AnnounceConfig:
    """How a centre's hall announces calls.

    voice: "espeak" (espeak-ng Vietnamese), "clips" (recorded clips in `clips_dir`),
    or "off" (chime only). `rate` is espeak's speaking rate in words per minute (80..450).
    `volume` is linear 0..1. `cache_dir=None` keeps the cache in memory only.
    `chime=False` drops the ding-dong; `recall_template` (optional) is used for recalls.
    """

    template: str = DEFAULT_TEMPLATE
    number_reading: NumberReading = "words"
    voice: Voice = "espeak"
    clips_dir: Path | None = None
    volume: float = 1.0
    muted: bool = False
    rate: int = 150
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    espeak_voice: str = "vi"
    chime: bool = True
    recall_template: str | None = None  # None: a recall repeats the same sentence

    def __post_init__(self) -> None:
        check_template(self.template)
        if self.recall_template is not None:
            check_template(self.recall_template)
        if self.number_reading not in _READINGS:
            raise ValueError(f"number_reading must be one of {_READINGS}: {self.number_reading!r}")
        if self.voice not in _VOICES:
            raise ValueError(f"voice must be one of {_VOICES}: {self.voice!r}")
        if self.voice == "clips" and self.clips_dir is None:
            raise ValueError("voice 'clips' needs clips_dir")
        if not 80 <= self.rate <= 450:
            raise ValueError(f"rate must be 80..450 words per minute: {self.rate}")
        # Paths may come from YAML/JSON as strings; store real Paths.
        if self.clips_dir is not None and not isinstance(self.clips_dir, Path):
            object.__setattr__(self, "clips_dir", Path(self.clips_dir))
        if self.cache_dir is not None and not isinstance(self.cache_dir, Path):
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        object.__setattr__(self, "volume", min(1.0, max(0.0, float(self.volume))))

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AnnounceConfig:
        """Build from a settings mapping (e.g. a centre's YAML); unknown keys are an error."""
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown announce settings: {sorted(unknown)}")
        return cls(**data)

    def with_changes(self, **changes: Any) -> AnnounceConfig:
        return replace(self, **changes)
