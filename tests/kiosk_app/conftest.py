"""The kiosk against a real server process (`live_server` from tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from clientkit import i18n
from tests.kiosk_app.kiosk_helpers import Kiosk, build_kiosk, close_kiosk, wait_ready

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def make_kiosk(qtbot: Any, live_server: Any, tmp_path: Any) -> Iterator[Callable[..., Kiosk]]:
    """`make_kiosk(printer=…, size=…, url=…, **timings)` → a started kiosk, home ready."""
    kiosks: list[Kiosk] = []
    i18n.set_language("vi")  # whatever an earlier test left: a kiosk starts in Vietnamese

    def make(*, ready: bool = True, url: str | None = None, **kw: Any) -> Kiosk:
        path = tmp_path / f"kiosk-{len(kiosks)}.json"
        kiosk = build_kiosk(url or live_server.url, live_server.kiosk_token, path, **kw)
        kiosks.append(kiosk)
        if ready:
            wait_ready(qtbot, kiosk)
        return kiosk

    yield make
    for kiosk in kiosks:
        close_kiosk(kiosk)
    i18n.set_language("vi")


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return make_kiosk()
