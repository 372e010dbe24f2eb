"""Screenshots of every console and rating-pad screen, in both languages and sizes.

    python -m counter_app.screenshots /tmp/counter-shots

runs the screenshot test (tests/counter_app/test_counter_screens.py), which drives the
real apps against a real server into each state and calls `save_all` there. Look at
every PNG after a visual change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from clientkit import i18n

SIZES: tuple[tuple[int, int], ...] = ((1366, 768), (1920, 1080))
LANGUAGES = ("vi", "en")
ENV_DIR = "MOTCUA_SCREENSHOTS"


def save_all(window: QWidget, folder: Path, app: str, screen: str) -> list[Path]:
    """Grab `window` in every language and size: `<app>_<screen>_<lang>_<W>x<H>.png`.
    The window is left at the first size, in the language it was in."""
    folder.mkdir(parents=True, exist_ok=True)
    before = i18n.language()
    saved: list[Path] = []
    for language in LANGUAGES:
        i18n.set_language(language)
        for width, height in SIZES:
            window.resize(width, height)
            QApplication.processEvents()
            path = folder / f"{app}_{screen}_{language}_{width}x{height}.png"
            window.grab().save(str(path))
            saved.append(path)
    i18n.set_language(before)
    window.resize(*SIZES[0])
    QApplication.processEvents()
    return saved


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "counter-screenshots").resolve()
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, ENV_DIR: str(folder), "QT_QPA_PLATFORM": "offscreen"}
    test = root / "tests" / "counter_app" / "test_counter_screens.py"
    code = subprocess.call([sys.executable, "-m", "pytest", "-q", str(test)], cwd=root, env=env)
    print(f"screenshots in {folder}")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
