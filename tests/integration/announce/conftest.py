"""Integration tests drive the real espeak-ng voice and QtMultimedia, headless."""

from __future__ import annotations

import os

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session")
def espeak_backend():
    """The real espeak-ng backend; skips (with the reason) only if it truly cannot load."""
    from display_app.announce import SynthesisError
    from display_app.announce.espeak import make_espeak_backend

    try:
        return make_espeak_backend("vi")
    except SynthesisError as exc:
        pytest.skip(f"espeak-ng cannot load: {exc}")
