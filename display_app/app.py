"""Assemble a display: the window for its mode, the voice, and their link to the server.

`create_display` is what `main.run` and the tests use, so tests drive the same wiring as
a real TV; only the voice's player and the clock are swapped in tests and screenshots.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from clientkit.errors import ApiError
from clientkit.session import ServerLink
from clientkit.widgets import Toast
from display_app.announce import AnnounceConfig
from display_app.blink import DEFAULT_BLINK_S
from display_app.calls import AnnouncerFactory, CallAnnouncer, default_factory
from display_app.counter_window import CounterTopWindow
from display_app.hall_window import HallWindow
from display_app.header import Clock, system_clock

log = logging.getLogger(__name__)

MODES = ("hall", "counter")


@dataclass
class Display:
    link: ServerLink
    window: HallWindow | CounterTopWindow
    voice: CallAnnouncer
    toast: Toast

    def start(self) -> None:
        """Load the catalog and open the stream (retried until the server answers)."""
        self.link.start()

    def close(self) -> None:
        self.voice.close()
        self.link.stop()
        self.window.close()
        self.window.deleteLater()  # also drops its language and state connections


def voice_settings(extra: dict[str, Any]) -> AnnounceConfig:
    """Voice settings from the device file's "announce" mapping (voice, clips_dir, rate,
    espeak_voice, chime, cache_dir, recall_template). A bad mapping is logged and the
    defaults used: the hall must keep its voice."""
    raw = extra.get("announce") or {}
    if not isinstance(raw, dict):
        log.error("display.json: 'announce' must be a mapping; defaults used")
        return AnnounceConfig()
    try:
        return AnnounceConfig.from_mapping(raw)
    except (TypeError, ValueError) as exc:
        log.error("display.json: announce settings unusable (%s); defaults used", exc)
        return AnnounceConfig()


def create_display(
    link: ServerLink,
    mode: str,
    counter_id: int | None = None,
    *,
    muted: bool = False,
    volume: float = 0.9,
    voice: AnnounceConfig | None = None,
    announcer_factory: AnnouncerFactory = default_factory,
    blink_s: float = DEFAULT_BLINK_S,
    clock: Clock = system_clock,
    parent: QWidget | None = None,
) -> Display:
    """Build (not start) a hall (`mode="hall"`) or counter-top (`"counter"`) display."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}: {mode!r}")
    if mode == "counter" and counter_id is None:
        raise ValueError("a counter-top display needs its counter number")
    base = (voice or AnnounceConfig()).with_changes(muted=muted, volume=volume)
    calls = CallAnnouncer(
        link,
        base,
        counter_id=counter_id if mode == "counter" else None,
        factory=announcer_factory,
        parent=link,
    )
    window: HallWindow | CounterTopWindow
    if mode == "hall":
        window = HallWindow(link, announcer=calls, blink_s=blink_s, clock=clock, parent=parent)
    else:
        assert counter_id is not None
        window = CounterTopWindow(link, counter_id, announcer=calls, blink_s=blink_s, parent=parent)
    toast = Toast(window)

    def rejected(error: ApiError) -> None:
        # A revoked or mistyped token: say so on screen, or the TV just stays empty.
        log.error("display token refused: %s", error)
        toast.show_error(error, timeout_s=0)

    link.unauthenticated.connect(rejected)
    return Display(link=link, window=window, voice=calls, toast=toast)
