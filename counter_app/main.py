"""Entry points: `motcua counter` (the clerk's console) and `motcua rating-pad`."""

from __future__ import annotations

import logging
import sys

from clientkit import i18n
from clientkit.device_config import DeviceConfig, describe, merge_settings
from clientkit.qtapp import make_app, show_fullscreen_or_window
from clientkit.session import ServerLink

log = logging.getLogger(__name__)


def run_console(
    server: str,
    counter_id: int | None,
    username: str | None,
    fullscreen: bool,
    language: str | None,
) -> int:
    """The clerk's console: log in, open the counter, call and serve. Returns the exit code.
    What is given here wins over counter.json; None = counter.json's value, else the default."""
    from counter_app.console.window import ConsoleWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = make_app(sys.argv, name="MotCua Counter")
    config = merge_settings(
        DeviceConfig.load("counter"),
        {
            "server_url": server,
            "counter_id": counter_id,
            "username": username,
            "language": language,
        },
    )
    log.info(
        "counter settings (%s): %s",
        config.path,
        describe(config, ("server_url", "counter_id", "username", "language")),
    )
    i18n.set_language(config.language)
    link = ServerLink(config.server_url)
    window = ConsoleWindow(
        link,
        counter_id=config.counter_id,
        username=config.extra.get("username"),
        config=config,
    )
    show_fullscreen_or_window(window, fullscreen, size=(1366, 768))
    code = app.exec()
    link.stop()
    return int(code)


def run_rating_pad(
    server: str, token: str, counter_id: int, fullscreen: bool, language: str | None
) -> int:
    """The citizen-facing rating pad of one counter. Returns the exit code.
    `language` None = the one saved in rating-pad.json, else Vietnamese."""
    from counter_app.pad.window import RatingPadWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = make_app(sys.argv, name="MotCua Rating Pad")
    config = merge_settings(
        DeviceConfig.load("rating-pad"),
        {"server_url": server, "token": token, "counter_id": counter_id, "language": language},
    )
    log.info(
        "rating pad settings (%s): %s",
        config.path,
        describe(config, ("server_url", "token", "counter_id", "language")),
    )
    i18n.set_language(config.language)
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
