"""Entry point of the hall TV and counter-top display (`motcua display`)."""

from __future__ import annotations

import logging
import sys

from clientkit import i18n
from clientkit.device_config import DeviceConfig, describe, merge_settings
from clientkit.qtapp import make_app, show_fullscreen_or_window
from clientkit.session import ServerLink
from display_app.app import create_display, voice_settings

log = logging.getLogger(__name__)


def run(
    server: str,
    token: str,
    mode: str,
    counter_id: int | None,
    muted: bool,
    volume: float,
    fullscreen: bool,
    language: str | None,
) -> int:
    """Show the display until the window is closed or the process is told to stop.

    `mode` "hall" (announces unless `muted`) or "counter" (needs `counter_id`, or the
    `counter_id` of the device file display.json). What is given here wins over
    display.json; None (`counter_id`, `language`) = display.json's, else the default.
    Voice settings (espeak or recorded clips) come from display.json's "announce"
    mapping; see display_app/README.md.
    Returns the exit code.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = make_app(sys.argv, dark=True, name="MotCua Display")
    try:
        settings = merge_settings(
            DeviceConfig.load("display"),
            {"server_url": server, "token": token, "counter_id": counter_id, "language": language},
        )
    except ValueError as exc:
        print(f"motcua display: {exc}", file=sys.stderr)
        return 2
    log.info(
        "display settings (%s): %s",
        settings.path,
        describe(settings, ("server_url", "token", "counter_id", "language")),
    )
    i18n.set_language(settings.language)
    if mode == "counter":
        counter_id = settings.counter_id
    try:
        link = ServerLink(server, token)
        display = create_display(
            link,
            mode,
            counter_id,
            muted=muted,
            volume=volume,
            voice=voice_settings(settings.extra),
        )
    except ValueError as exc:
        print(f"motcua display: {exc}", file=sys.stderr)
        return 2
    show_fullscreen_or_window(display.window, fullscreen, size=(1280, 720), hide_cursor=fullscreen)
    display.start()
    code = app.exec()
    display.close()
    return int(code)


if __name__ == "__main__":  # python -m display_app.main SERVER TOKEN [hall|counter N]
    args = sys.argv[1:]
    sys.exit(
        run(
            server=args[0],
            token=args[1],
            mode=args[2] if len(args) > 2 else "hall",
            counter_id=int(args[3]) if len(args) > 3 else None,
            muted=False,
            volume=0.9,
            fullscreen=False,
            language="vi",
        )
    )
