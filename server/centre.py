"""The centre file (YAML): read and validated against protocol.centre's schema, so an
installer gets a clear message for a typo, not a crash at the first ticket."""

from pathlib import Path

import yaml

from protocol.centre import (
    Announcement,
    CentreConfig,
    CounterConf,
    CounterService,
    KioskLimit,
    Numbers,
    ServiceConf,
)

__all__ = [
    "Announcement",
    "CentreConfig",
    "CounterConf",
    "CounterService",
    "KioskLimit",
    "Numbers",
    "ServiceConf",
    "load_centre_file",
]


def load_centre_file(path: str | Path) -> CentreConfig:
    with open(path, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    return CentreConfig.model_validate(raw)
