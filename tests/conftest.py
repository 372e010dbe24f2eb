"""Shared test set-up: Qt offscreen, the live-server fixtures, and a marker per package.

Every test is marked with the package it tests, from where it lives (PACKAGE_OF_PATH),
so one app's tests run on their own: `./run tests -m kiosk`, `-m "server and not
slow"`, `-m "not e2e"`. (A folder works as well: `./run tests tests/kiosk_app`.)"""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Each pytest-xdist worker keeps its apps' saved settings apart from the other's.
os.environ.setdefault(
    "MOTCUA_CONFIG_DIR", f"/tmp/motcua-test-config-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)

pytest_plugins = ["tests.support.live_server", "tests.support.inproc", "tests.support.browser"]

# tests/ mirrors the packages: the first folder names the package a test is about.
PACKAGE_OF_FOLDER = {
    "server": "server",
    "motcua": "motcua",
    "clientkit": "clientkit",
    "kiosk_app": "kiosk",
    "counter_app": "counter",
    "display_app": "display",
}
# The apps' own folders (not their sub-packages) drive real Qt windows against a server.
E2E = ("kiosk_app/test_", "counter_app/test_", "display_app/test_")
# Tests that start server processes or Qt apps, or run long loads: `-m "not slow"`
# leaves a quick run: the unit tests and the in-process server tests.
SLOW = (*E2E, "server/reliability/", "server/api/test_concurrency.py", "motcua/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    root = os.path.dirname(__file__) + os.sep
    for item in items:
        rel = str(item.path).removeprefix(root).replace(os.sep, "/")
        package = PACKAGE_OF_FOLDER.get(rel.split("/", 1)[0])
        if package is not None:
            item.add_marker(package)
        if rel.startswith(E2E):
            item.add_marker("e2e")
        if rel.startswith("server/reliability/"):
            item.add_marker("reliability")
        if rel.startswith(SLOW):
            item.add_marker("slow")
