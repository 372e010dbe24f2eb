"""clientkit unit tests: pure ones need nothing; Qt ones run offscreen (pytest-qt)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests.clientkit.ck_factories import counter, snapshot, ticket  # noqa: E402
from tests.clientkit.ck_fake_http import FakeHttpServer  # noqa: E402
from tests.clientkit.ck_fake_stream import FakeStreamServer  # noqa: E402


@pytest.fixture
def fake_http():
    server = FakeHttpServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_stream():
    base = snapshot(
        seq=10,
        waiting=[ticket(1), ticket(2)],
        counters=[counter(1), counter(2)],
    )
    server = FakeStreamServer(base).start()
    yield server
    server.stop()
