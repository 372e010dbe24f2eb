"""Fixtures of the display tests: real displays against a real server process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import tests.support.live_server as live
from clientkit import i18n, theme
from clientkit.qtapp import make_app
from clientkit.session import ServerLink
from display_app.announce import AnnounceConfig, Announcer
from display_app.app import Display, create_display
from tests.display_app.helpers import WAIT_MS, Centre, FakePlayer

CENTRE40 = Path(__file__).with_name("centre40.yaml")


@pytest.fixture(autouse=True)
def _dark_vietnamese(qapp) -> Iterator[None]:  # noqa: ANN001 - pytest-qt fixture
    before = theme.current
    make_app(dark=True, quit_on_sigint=False)  # fonts + the hall's dark theme
    i18n.set_language("vi")
    yield
    # One app and one language for the whole test process: leave them as found.
    i18n.set_language("vi")
    theme.apply_theme(qapp, before)


@pytest.fixture
def big_server(tmp_path: Path) -> Iterator[live.LiveServer]:
    """A live server on a 40-counter centre (tests/display_app/centre40.yaml)."""
    with live.serving("sqlite", tmp_path, config=CENTRE40, in_thread=True) as srv:
        yield srv


@dataclass
class Running:
    display: Display
    player: FakePlayer
    centre: Centre
    spoken: list[tuple[str, int, bool]] = field(default_factory=list)

    @property
    def window(self):  # noqa: ANN201 - HallWindow or CounterTopWindow
        return self.display.window

    @property
    def link(self) -> ServerLink:
        return self.display.link


@pytest.fixture
def open_display(qtbot) -> Iterator[Callable[..., Running]]:  # noqa: ANN001
    """`open_display(server, mode="hall", counter_id=None, size=(1280, 720), **kw)`:
    a started, shown display whose voice plays into a FakePlayer."""
    made: list[Display] = []

    def make(
        srv: live.LiveServer,
        mode: str = "hall",
        counter_id: int | None = None,
        size: tuple[int, int] = (1280, 720),
        **kw: object,
    ) -> Running:
        player = FakePlayer()

        def factory(config: AnnounceConfig, parent: object) -> Announcer:
            quiet = config.with_changes(voice="off", cache_dir=None)  # chime only, no espeak
            return Announcer(quiet, parent=parent, player=player)  # type: ignore[arg-type]

        link = ServerLink(srv.url, srv.display_token, stream_backoff=(0.2, 1.0))
        kw.setdefault("blink_s", 1.0)
        display = create_display(link, mode, counter_id, announcer_factory=factory, **kw)
        made.append(display)
        running = Running(display, player, Centre(srv))
        display.voice.announced.connect(
            lambda c: running.spoken.append((c.number, c.counter_id, c.recall))
        )
        display.window.resize(*size)
        display.window.show()
        display.start()
        qtbot.waitUntil(
            lambda: link.connection == "online" and link.state.loaded and link.catalog is not None,
            timeout=WAIT_MS,
        )
        return running

    yield make
    for display in made:
        display.close()
