"""Entry points: `motcua counter` (the clerk's console) and `motcua rating-pad`."""

from __future__ import annotations

import logging
import sys

from clientkit import i18n
from clientkit.device_config import DeviceConfig
from clientkit.qtapp import make_app, show_fullscreen_or_window
from clientkit.session import ServerLink

log = logging.getLogger(__name__)


def run_console(
    server: str,
    counter_id: int | None,
    username: str | None,
    fullscreen: bool,
    language: str,
) -> int:
    """The clerk's console: log in, open the counter, call and serve. Returns the exit code."""
    from counter_app.console.window import ConsoleWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = make_app(sys.argv, name="MotCua Counter")
    config = DeviceConfig.load("counter")
    config.server_url = server
    i18n.set_language(language)
    link = ServerLink(server)
    window = ConsoleWindow(
        link,
        counter_id=counter_id or config.counter_id,
        username=username or config.extra.get("username"),
        config=config,
    )
    show_fullscreen_or_window(window, fullscreen, size=(1366, 768))
    code = app.exec()
    link.stop()
    return int(code)


def run_rating_pad(
    server: str, token: str, counter_id: int, fullscreen: bool, language: str
) -> int:
    """The citizen-facing rating pad of one counter. Returns the exit code."""
    from counter_app.pad.window import RatingPadWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = make_app(sys.argv, name="MotCua Rating Pad")
    i18n.set_language(language)
    link = ServerLink(server, token)
    window = RatingPadWindow(link, counter_id)
    _warn_if_bound_elsewhere(link, counter_id)
    link.start()
    show_fullscreen_or_window(window, fullscreen, size=(1280, 800))
    code = app.exec()
    link.stop()
    return int(code)


def _warn_if_bound_elsewhere(link: ServerLink, counter_id: int) -> None:
    """A pad token bound to another counter would have every rating refused: say so."""

    def check(me: dict) -> None:
        bound = me.get("counter_id") if isinstance(me, dict) else None
        if bound is not None and bound != counter_id:
            log.error("this token is bound to counter %s, not %s", bound, counter_id)

    link.whoami().succeeded.connect(check)
