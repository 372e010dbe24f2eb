"""The files in deploy/ that are copied to machines as they are."""

import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UDEV = ROOT / "deploy/udev/70-motcua-escpos-printers.rules"


def test_udev_rule_lines_are_well_formed() -> None:
    key = r"(?:[A-Z_]+(?:\{[A-Za-z_]+\})?)"
    pair = rf'{key}\s*(?:==|!=|\+=|=)\s*"[^"]*"'
    line_re = re.compile(rf"^{pair}(?:,\s*{pair})*$")
    labels, gotos, vendors = set(), set(), []
    for n, raw in enumerate(UDEV.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        assert "#" not in line, f"line {n}: udev has no end-of-line comments"
        assert line_re.match(line), f"line {n}: {line}"
        labels |= set(re.findall(r'LABEL="([^"]+)"', line))
        gotos |= set(re.findall(r'GOTO="([^"]+)"', line))
        vendors += re.findall(r'ATTR\{idVendor\}=="([^"]*)"', line)
    assert gotos <= labels
    assert vendors and all(re.fullmatch(r"[0-9a-f]{4}", v) for v in vendors)
    assert "04b8" in vendors  # Epson
    assert len(set(vendors)) == len(vendors)


def test_autologin_snippet_is_an_ini_file() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "deploy/kiosk/50-motcua-autologin.conf")
    assert cfg["Seat:*"]["autologin-user"] == "kiosk"
