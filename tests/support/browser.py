"""Pages in a real headless Chromium: Debian's (`apt-get install -y chromium`, or
$MOTCUA_CHROMIUM) driven by the `playwright` package through `executable_path`, so
Playwright's own browser download is never needed.

Fixtures (loaded for every test by tests/conftest.py): `browser`, one Chromium per test
module, skipping, saying which, when Chromium or Playwright is missing; `shots`, the folder
screenshots go to ($MOTCUA_SCREENSHOT_DIR when set, to look at; else the test's tmp dir).
Helpers: `record_requests` keeps every request a page makes, `assert_only_from` asserts
none went to another host (an offline LAN: no CDN, font or script from elsewhere)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = next(
    (
        p
        for p in (
            os.environ.get("MOTCUA_CHROMIUM"),
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            "/usr/bin/chromium",
        )
        if p and Path(p).exists()
    ),
    None,
)
PHONE = {"width": 360, "height": 740}  # a cheap phone's screen


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no chromium installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install playwright)"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def screenshot_dir(tmp_path: Path) -> Path:
    d = Path(os.environ.get("MOTCUA_SCREENSHOT_DIR") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return screenshot_dir(tmp_path)


def record_requests(page: Any) -> list[Any]:
    """Every request `page` makes from now on, in order (Playwright's Request objects)."""
    made: list[Any] = []
    page.on("request", lambda r: made.append(r))
    return made


def assert_only_from(origin: str, requests: list[Any]) -> None:
    """The pages made requests, and every one of them to `origin` (the server itself)."""
    assert requests, "the pages made no request at all?"
    away = [r.url for r in requests if not r.url.startswith(origin)]
    assert not away, f"requests to another host: {away}"
