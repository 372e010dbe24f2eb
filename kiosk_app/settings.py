"""The kiosk's settings: the device config (server, token, printer, paper) and timings.

Which values win: settings saved on the kiosk itself (behind the admin PIN) are kept in
`kiosk.json` with `"saved_on_kiosk": true` and override the command line, because the
autostart entry of a kiosk PC is hard to edit while its settings screen is easy. Until
then the command line's values are used (and nothing is written).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clientkit.device_config import DeviceConfig

APP_NAME = "kiosk"
SAVED_FLAG = "saved_on_kiosk"
PAPER_DOTS = {58: 384, 80: 576}  # printable dots across the paper at 203 dpi


@dataclass(frozen=True)
class Timings:
    """Every delay of the kiosk, injectable so tests do not wait for real minutes."""

    ticket_home_s: float = 15.0  # ticket printed: back to the start screen
    ticket_failed_home_s: float = 45.0  # not printed: time to note the number / photo
    message_home_s: float = 20.0  # an error message left on screen
    idle_home_s: float = 60.0  # no touch on any other screen (also resets language)
    state_refresh_s: float = 60.0  # GET /state: opening hours change without events
    outage_grace_s: float = 3.0  # a short blip does not flash the outage screen
    api_attempts: int = 4  # attempts of "take a number" before showing "try again"
    api_backoff: tuple[float, float] = (0.5, 4.0)
    stream_backoff: tuple[float, float] = (0.5, 5.0)
    secret_taps: int = 5  # taps on the top-left corner that open the PIN screen
    secret_window_s: float = 4.0
    pin_lock_s: float = 60.0  # after 5 wrong PINs
    printer_probe_s: float = 15.0  # printer failed: ask its status this often until it works


def width_dots(paper_mm: int) -> int:
    return PAPER_DOTS.get(paper_mm, 576)


def resolve_config(
    server: str,
    token: str,
    printer: str,
    paper_mm: int,
    language: str,
    *,
    path: Path | None = None,
) -> DeviceConfig:
    """The config to run with: the file if it was saved on the kiosk, else the command
    line's values (the file's PIN is kept either way)."""
    cfg = DeviceConfig.load(APP_NAME, path=path)
    if cfg.extra.get(SAVED_FLAG):
        return cfg
    if server:
        cfg.server_url = server
    if token:
        cfg.token = token
    if printer:
        cfg.printer_url = printer
    if paper_mm in PAPER_DOTS:
        cfg.paper_width_mm = paper_mm
    if language in ("vi", "en"):
        cfg.language = language
    return cfg


def save_on_kiosk(cfg: DeviceConfig) -> Path:
    """Save settings edited on the kiosk; from now on they beat the command line."""
    cfg.extra[SAVED_FLAG] = True
    return cfg.save()
