"""Shared test set-up: Qt offscreen, and the live-server fixtures."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MOTCUA_CONFIG_DIR", "/tmp/motcua-test-config")

pytest_plugins = ["tests.support.live_server", "tests.support.inproc"]
