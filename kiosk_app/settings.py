"""The kiosk's settings: the device config (server, token, printer, paper) and timings.

Which values win (the rule of every launcher, `clientkit.device_config.merge_settings`):
what the command line (or its environment variable) gives; where it gives nothing, what
was saved on the kiosk (its settings screen, behind the admin PIN, writes `kiosk.json`);
else the default. The log says where each value came from, and so does the settings
screen, so that staff know a value the command line gives comes back at the next start.

The admin PIN comes from the installer (`--admin-pin` or MOTCUA_ADMIN_PIN), kept hashed
in `kiosk.json`; without one the settings cannot be reached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from clientkit.device_config import (
    DEFAULT,
    GIVEN,
    SAVED,
    DeviceConfig,
    describe,
    merge_settings,
)

log = logging.getLogger(__name__)

APP_NAME = "kiosk"
LOGGED = ("server_url", "token", "printer_url", "paper_width_mm", "language", "admin_pin_hash")
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
    server: str | None,
    token: str | None,
    printer: str | None,
    paper_mm: int | None,
    language: str | None,
    *,
    admin_pin: str | None = None,
    labels: dict[str, str] | None = None,
    path: Path | None = None,
) -> DeviceConfig:
    """The config to run with: each value the command line gives (not None), else the
    one saved in `kiosk.json`, else the default; logged with its origin.

    `admin_pin` (the installer's) is stored hashed in the file if it is not the one
    there already. `labels` names an origin other than "command line" (an environment
    variable), by the config's field name."""
    saved = DeviceConfig.load(APP_NAME, path=path)
    pin_label = (labels or {}).get("admin_pin_hash", GIVEN)
    if admin_pin is not None and not saved.check_pin(admin_pin):
        saved.set_pin(admin_pin)  # ValueError: the launcher checked it already
        saved.save(saved.in_file | {"admin_pin_hash"})  # the rest stays as it was
    given = {
        "server_url": server.rstrip("/") if server else None,
        "token": token or None,
        "printer_url": printer or None,
        "paper_width_mm": paper_mm,
        "language": language,
    }
    cfg = merge_settings(saved, given, labels)
    if admin_pin is not None:
        cfg.sources["admin_pin_hash"] = pin_label
    elif not cfg.has_pin:
        log.warning(
            "no admin PIN: the kiosk's settings cannot be opened until the installer "
            "starts it once with --admin-pin PIN (or MOTCUA_ADMIN_PIN)"
        )
    log.info("kiosk settings (%s): %s", cfg.path, describe(cfg, LOGGED))
    return cfg


def save_on_kiosk(cfg: DeviceConfig) -> Path:
    """Save settings edited on the kiosk. They are used at the next start for every value
    the command line does not give (the ones it gives come back: `given_on_start`)."""
    cfg.extra.pop("saved_on_kiosk", None)  # the old rule's flag: saved values won
    path = cfg.save()
    for key, source in cfg.sources.items():
        if source == DEFAULT:
            cfg.sources[key] = SAVED
    return path


def given_on_start(cfg: DeviceConfig) -> list[str]:
    """The fields whose value the command line (or environment) sets at every start."""
    return [k for k, v in cfg.sources.items() if v not in (SAVED, DEFAULT)]
