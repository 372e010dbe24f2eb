"""Device settings file, without Qt."""

from __future__ import annotations

import json
import stat

import pytest

from clientkit.device_config import DeviceConfig, config_dir, hash_pin, verify_pin


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
