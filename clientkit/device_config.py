"""Settings of one device (kiosk, hall display, counter PC), kept in a JSON file.

Pure Python. The file lives in `$MOTCUA_CONFIG_DIR` if set (tests, packaged images),
else `$XDG_CONFIG_HOME/motcua` (default `~/.config/motcua`), one file per app
("kiosk.json", "display.json", "counter.json") so two apps on one machine do not mix.

The file holds the device token, so it is written with mode 0600, and atomically (a
power cut while saving must not leave a kiosk unable to boot). A file that cannot be
read is set aside (`*.json.broken`) and defaults are used, for the same reason.

The admin PIN protects the device's settings screen from the public; only a salted
PBKDF2 hash is stored.

Which value an app runs with (`merge_settings`), the same rule for every launcher: a value
given on the command line (or its environment variable) wins; a value saved on the device
is used only where the command line gave none; else the built-in default. Each value's
origin is kept in `DeviceConfig.sources` for the log and the settings screen.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocol.pin import hash_pin, pin_problem, verify_pin

log = logging.getLogger(__name__)

ENV_DIR = "MOTCUA_CONFIG_DIR"
PAPER_WIDTHS_MM = (58, 80)
GIVEN = "command line"  # where a value came from (see `merge_settings`)
SAVED = "saved on this device"
SERVER = "server (motcua device set-pin)"  # the admin PIN hash the server keeps for this device
DEFAULT = "default"


def config_dir() -> Path:
    """Directory of the settings files (not created here)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "motcua"


@dataclass
class DeviceConfig:
    """One device's settings. `load()` it, change attributes, `save()`.

    Attributes:
        server_url: base URL of the MotCua server.
        token: device token issued by an admin (`motcua device add`), or None.
        printer_url: kiosk printer, e.g. "network://192.168.1.50:9100" or "dummy://".
        paper_width_mm: 80 or 58.
        language: "vi" or "en" — the language the screens start in.
        admin_pin_hash: see `set_pin` / `check_pin`; None = no PIN set yet.
        counter_id: counter this device serves (counter console, rating pad,
            counter-top display), or None.
        extra: other keys found in the file (an app's own settings), kept on save.
    """

    server_url: str = "http://127.0.0.1:8000"
    token: str | None = None
    printer_url: str = "dummy://"
    paper_width_mm: int = 80
    language: str = "vi"
    admin_pin_hash: str | None = None
    counter_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = field(default=None, compare=False, repr=False)
    # Fields read (valid) from the file, and, after `merge_settings`, each field's origin.
    in_file: set[str] = field(default_factory=set, compare=False, repr=False)
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, app: str, *, path: Path | None = None) -> DeviceConfig:
        """Read `<config_dir>/<app>.json` (or `path`); defaults if it does not exist."""
        path = path or config_dir() / f"{app}.json"
        config = cls(path=path)
        if not path.exists():
            return config
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
            config._update(raw)
        except (OSError, ValueError, TypeError) as exc:
            broken = path.with_name(path.name + ".broken")
            log.error("settings %s unreadable (%s); moved to %s, using defaults", path, exc, broken)
            with contextlib.suppress(OSError):
                path.replace(broken)
            config = cls(path=path)
        return config

    def save(self, fields: set[str] | None = None) -> Path:
        """Write atomically with mode 0600; returns the path. `fields`: write only these
        (and `extra`), e.g. the ones read from the file and a new PIN, so that defaults
        are not written as if they had been saved on the device."""
        if self.path is None:
            raise ValueError("no path: use DeviceConfig.load(app) or set .path")
        self.validate()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.to_dict(fields), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        written = {f.name for f in _FIELDS if fields is None or f.name in fields}
        self.in_file = {n for n in written if getattr(self, n) is not None}
        return self.path

    def to_dict(self, fields: set[str] | None = None) -> dict[str, Any]:
        names = [f.name for f in _FIELDS if fields is None or f.name in fields]
        data = {name: getattr(self, name) for name in names}
        return {**self.extra, **data}

    def validate(self) -> None:
        """Raise ValueError for a setting the apps cannot use."""
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(f"{k}: {v}" for k, v in problems.items()))

    def problems(self) -> dict[str, str]:
        """Invalid settings: {field: why}."""
        out: dict[str, str] = {}
        if not isinstance(self.server_url, str) or not self.server_url.startswith(
            ("http://", "https://")
        ):
            out["server_url"] = "must start with http:// or https://"
        if self.paper_width_mm not in PAPER_WIDTHS_MM:
            out["paper_width_mm"] = f"must be one of {PAPER_WIDTHS_MM}"
        if self.language not in ("vi", "en"):
            out["language"] = "must be 'vi' or 'en'"
        if self.counter_id is not None and (
            not isinstance(self.counter_id, int) or self.counter_id < 1
        ):
            out["counter_id"] = "must be a positive whole number"
        for name in ("token", "printer_url", "admin_pin_hash"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                out[name] = "must be text"
        return out

    # ---- admin PIN ---------------------------------------------------------------------

    @property
    def has_pin(self) -> bool:
        return bool(self.admin_pin_hash)

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (4–12 digits). Call `save()` afterwards."""
        if pin_problem(pin) is not None:
            raise ValueError("PIN must be 4 to 12 digits")
        self.admin_pin_hash = hash_pin(pin)

    def check_pin(self, pin: str) -> bool:
        """True if `pin` matches. With no PIN set it is False: the app decides what
        a first start allows (typically: ask to set one)."""
        return verify_pin(pin, self.admin_pin_hash)

    def _update(self, raw: dict[str, Any]) -> None:
        known = {f.name for f in _FIELDS}
        for key, value in raw.items():
            if key in known:
                setattr(self, key, value)
                if value is not None:
                    self.in_file.add(key)
            else:
                self.extra[key] = value
        # One bad value (a hand edit) must not cost the token: reset just that one.
        defaults = DeviceConfig()
        for name, why in self.problems().items():
            log.error("setting %s=%r ignored: %s", name, getattr(self, name), why)
            setattr(self, name, getattr(defaults, name))
            self.in_file.discard(name)


def merge_settings(
    saved: DeviceConfig, given: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> DeviceConfig:
    """The settings to run with: a copy of `saved` (the device file) where every value of
    `given` that is not None (the command line or its environment variable) replaces the
    saved one. `given` keys are DeviceConfig fields, or keys of `extra` (an app's own
    settings, e.g. "username"). The result's `sources` says, per field, GIVEN (or
    `labels[key]`, e.g. "MOTCUA_TOKEN"), SAVED or DEFAULT. `saved` is not changed, so
    saving it later does not turn the command line's values into saved ones."""
    known = {f.name for f in _FIELDS}
    out = dataclasses.replace(
        saved, extra=dict(saved.extra), in_file=set(saved.in_file), sources={}
    )
    for name in known:
        out.sources[name] = SAVED if name in saved.in_file else DEFAULT
    for key in saved.extra:
        out.sources[key] = SAVED
    for key, value in given.items():
        if value is None:
            continue
        if key in known:
            setattr(out, key, value)
        else:
            out.extra[key] = value
        out.sources[key] = (labels or {}).get(key, GIVEN)
    problems = out.problems()
    if problems:  # a launcher checks its options first; this is the last line of defence
        raise ValueError("; ".join(f"{k}: {v}" for k, v in problems.items()))
    return out


def describe(config: DeviceConfig, keys: tuple[str, ...]) -> str:
    """Like "server_url=http://… (command line), token=abcd…wxyz (saved on this device)",
    for the log; the token is shortened and the PIN hash never shown."""
    parts = []
    for key in keys:
        value = getattr(config, key) if hasattr(config, key) else config.extra.get(key)
        if key == "token" and isinstance(value, str):
            value = f"{value[:4]}…{value[-4:]}" if len(value) > 10 else "…"
        elif key == "admin_pin_hash":
            value = "set" if value else "NOT SET"
        parts.append(f"{key}={value} ({config.sources.get(key, DEFAULT)})")
    return ", ".join(parts)


_FIELDS = [
    f
    for f in dataclasses.fields(DeviceConfig)
    if f.name not in ("extra", "path", "in_file", "sources")
]
