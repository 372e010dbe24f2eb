"""Device settings file, without Qt."""

from __future__ import annotations

import json
import stat

import pytest

from clientkit.device_config import (
    DeviceConfig,
    config_dir,
    describe,
    hash_pin,
    merge_settings,
    verify_pin,
)


@pytest.fixture(autouse=True)
def _config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MOTCUA_CONFIG_DIR", str(tmp_path / "cfg"))


def test_defaults_when_no_file(tmp_path):
    assert config_dir() == tmp_path / "cfg"
    cfg = DeviceConfig.load("kiosk")
    assert cfg.server_url.startswith("http") and cfg.token is None
    assert cfg.language == "vi" and cfg.paper_width_mm == 80 and cfg.counter_id is None
    assert not cfg.has_pin and not cfg.check_pin("1234")
    assert not (tmp_path / "cfg").exists()  # loading writes nothing


def test_round_trip_private_file_and_unknown_keys_kept(tmp_path):
    cfg = DeviceConfig.load("kiosk")
    cfg.server_url = "https://hcc.example.vn"
    cfg.token = "dev-tok"
    cfg.printer_url = "network://192.168.1.50:9100"
    cfg.paper_width_mm = 58
    cfg.language = "en"
    cfg.counter_id = 5
    cfg.extra["kiosk_idle_s"] = 45
    path = cfg.save()
    assert path == tmp_path / "cfg" / "kiosk.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = DeviceConfig.load("kiosk")
    assert again == cfg
    assert json.loads(path.read_text())["kiosk_idle_s"] == 45
    assert DeviceConfig.load("display").token is None  # one file per app


def test_pin():
    cfg = DeviceConfig.load("counter")
    with pytest.raises(ValueError):
        cfg.set_pin("12")
    with pytest.raises(ValueError):
        cfg.set_pin("abcd")
    cfg.set_pin("2468")
    assert cfg.has_pin and "2468" not in cfg.admin_pin_hash
    assert cfg.check_pin("2468") and not cfg.check_pin("2469") and not cfg.check_pin("")
    cfg.save()
    assert DeviceConfig.load("counter").check_pin("2468")


def test_pin_hash_format_and_bad_hashes():
    stored = hash_pin("1234", salt="00" * 16, iterations=1000)
    assert stored.startswith("pbkdf2_sha256$1000$")
    assert verify_pin("1234", stored)
    assert not verify_pin("1234", None)
    assert not verify_pin("1234", "garbage")
    assert not verify_pin("1234", "md5$1$00$00")


def test_broken_file_is_set_aside(tmp_path):
    path = tmp_path / "cfg" / "kiosk.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    cfg = DeviceConfig.load("kiosk")
    assert cfg.token is None
    assert (tmp_path / "cfg" / "kiosk.json.broken").read_text() == "{not json"


def test_one_bad_value_does_not_cost_the_token(tmp_path):
    path = tmp_path / "cfg" / "kiosk.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"token": "keep-me", "language": "fr", "paper_width_mm": 76}))
    cfg = DeviceConfig.load("kiosk")
    assert cfg.token == "keep-me" and cfg.language == "vi" and cfg.paper_width_mm == 80


def test_invalid_settings_are_not_saved():
    cfg = DeviceConfig.load("kiosk")
    cfg.server_url = "hcc.example.vn"
    with pytest.raises(ValueError, match="server_url"):
        cfg.save()
    with pytest.raises(ValueError):
        DeviceConfig().save()  # no path


def test_merge_the_command_line_wins_saved_fills_the_gaps():
    saved = DeviceConfig.load("kiosk")
    saved.printer_url, saved.paper_width_mm, saved.language = "usb://04b8:0202", 58, "en"
    saved.token = "saved-token-123456"
    saved.extra["username"] = "lan"
    saved.save()
    saved = DeviceConfig.load("kiosk")
    given = {
        "server_url": "http://10.0.0.5:8000",
        "token": "cli-token-abcdefgh",
        "printer_url": "network://10.0.0.9",
        "paper_width_mm": None,  # not given
        "language": None,
        "username": "minh",  # an app's own setting (extra)
    }
    cfg = merge_settings(saved, given, {"token": "MOTCUA_TOKEN"})
    assert (cfg.server_url, cfg.token, cfg.printer_url) == (
        "http://10.0.0.5:8000",
        "cli-token-abcdefgh",
        "network://10.0.0.9",
    )
    assert (cfg.paper_width_mm, cfg.language, cfg.extra["username"]) == (58, "en", "minh")
    assert cfg.sources == {
        "server_url": "command line",
        "token": "MOTCUA_TOKEN",
        "printer_url": "command line",
        "paper_width_mm": "saved on this device",
        "language": "saved on this device",
        "username": "command line",
        "admin_pin_hash": "default",
        "counter_id": "default",
    }
    # The saved settings are left alone: saving them keeps the device's own values.
    assert saved.printer_url == "usb://04b8:0202" and saved.extra["username"] == "lan"
    assert cfg.path == saved.path
    line = describe(cfg, ("token", "paper_width_mm", "admin_pin_hash"))
    assert line == (
        "token=cli-…efgh (MOTCUA_TOKEN), paper_width_mm=58 (saved on this device), "
        "admin_pin_hash=NOT SET (default)"
    )


def test_merge_with_nothing_saved_uses_defaults_and_refuses_bad_values():
    cfg = merge_settings(DeviceConfig.load("display"), {"language": None, "counter_id": 3})
    assert cfg.language == "vi" and cfg.counter_id == 3
    assert cfg.sources["language"] == "default" and cfg.sources["counter_id"] == "command line"
    with pytest.raises(ValueError, match="paper_width_mm"):
        merge_settings(DeviceConfig.load("kiosk"), {"paper_width_mm": 70})
