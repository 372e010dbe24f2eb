"""Shared test set-up: Qt offscreen, the live-server fixtures, and a marker per package.

Every test is marked with the package it tests, from where it lives (PACKAGE_OF_PATH),
so one app's tests run on their own: `./run tests -m kiosk`, `-m "server and not
slow"`, `-m "not e2e"`. (A folder works as well: `./run tests tests/e2e/kiosk`.)"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MOTCUA_CONFIG_DIR", "/tmp/motcua-test-config")

pytest_plugins = ["tests.support.live_server", "tests.support.inproc"]

# Folder under tests/ -> the package it tests (the first match wins). Markers are
# registered in pyproject.toml.
PACKAGE_OF_PATH = [
    ("e2e/kiosk/", "kiosk"),
    ("e2e/counter/", "counter"),
    ("e2e/display/", "display"),
    ("unit/announce/", "display"),
    ("integration/announce/", "display"),
    ("unit/printing/", "kiosk"),
    ("integration/printing/", "kiosk"),
    ("unit/clientkit/", "clientkit"),
    ("integration/clientkit/", "clientkit"),
    ("unit/domain/", "server"),
    ("integration/server/", "server"),
    ("reliability/", "server"),
]
# Tests that start server processes or Qt apps, or run long loads: `-m "not slow"`
# leaves a quick run: the unit tests and the in-process server tests.
SLOW = (
    "e2e/",
    "reliability/",
    "integration/server/test_concurrency.py",
    "integration/server/test_cli.py",
    "integration/server/test_demo.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    root = os.path.dirname(__file__) + os.sep
    for item in items:
        rel = str(item.path).removeprefix(root).replace(os.sep, "/")
        for prefix, package in PACKAGE_OF_PATH:
            if rel.startswith(prefix):
                item.add_marker(package)
                break
        kind = rel.split("/", 1)[0]
        if kind in ("unit", "integration", "e2e", "reliability"):
            item.add_marker(kind)
        if rel.startswith(SLOW):
            item.add_marker("slow")
