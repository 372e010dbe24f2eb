"""Settings validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from display_app.announce.config import AnnounceConfig
from display_app.announce.text import DEFAULT_TEMPLATE


def test_defaults() -> None:
    cfg = AnnounceConfig()
    assert cfg.template == DEFAULT_TEMPLATE
    assert cfg.voice == "espeak" and cfg.number_reading == "words"
    assert 0 <= cfg.volume <= 1 and not cfg.muted


def test_from_mapping_converts_paths_and_clamps_volume() -> None:
    cfg = AnnounceConfig.from_mapping(
        {"voice": "clips", "clips_dir": "/srv/clips", "cache_dir": "/tmp/c", "volume": 3}
    )
    assert cfg.clips_dir == Path("/srv/clips") and cfg.cache_dir == Path("/tmp/c")
    assert cfg.volume == 1.0
    assert cfg.with_changes(volume=-1).volume == 0.0


@pytest.mark.parametrize(
    "bad",
    [
        {"voice": "festival"},
        {"number_reading": "roman"},
        {"voice": "clips"},
        {"rate": 10},
        {"template": "{ticket}"},
        {"recall_template": "{x}"},
        {"colour": "red"},
    ],
)
def test_rejects_bad_settings(bad: dict) -> None:
    with pytest.raises(ValueError):
        AnnounceConfig.from_mapping(bad)
