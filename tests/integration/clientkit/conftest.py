"""clientkit against the real server (`live_server` comes from tests/conftest.py)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
