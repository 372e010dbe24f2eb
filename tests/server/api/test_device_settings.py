"""What the server keeps for one device: a kiosk's admin PIN (given only to that kiosk,
as a hash) and its printer's state as the kiosk's own check found it."""

import pytest

from protocol.enums import Role
from protocol.pin import verify_pin
from server.commands.setup import add_device, set_device_pin
from tests.support.inproc import InProc

PROBLEM = "application/problem+json"


def _me(env: InProc, token: str) -> dict:
    r = env.api("GET", "/auth/me", token)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _site(env: InProc) -> str:
    return str(_me(env, env.kiosk_token)["site"])


def test_kiosk_gets_its_own_admin_pin_hash_and_nobody_else_does(inproc: InProc) -> None:
    env = inproc
    assert _me(env, env.kiosk_token)["admin_pin_hash"] is None  # none kept yet
    set_device_pin(env.ctx, "kiosk-1", "2468")
    other = add_device(env.ctx, _site(env), "kiosk-2", Role.KIOSK, admin_pin="1357")
    me = _me(env, env.kiosk_token)
    assert me["name"] == "kiosk-1" and me["kind"] == "device"
    stored = me["admin_pin_hash"]
    assert stored and stored != "2468" and stored.startswith("pbkdf2_sha256$")
    assert verify_pin("2468", stored) and not verify_pin("1357", stored)
    assert verify_pin("1357", _me(env, other)["admin_pin_hash"])
    # Not to other devices, not to staff (an admin's `me` is about the admin).
    for token in (env.display_token, env.rating_token, env.login("admin"), env.login("giamsat")):
        assert _me(env, token)["admin_pin_hash"] is None
    set_device_pin(env.ctx, "kiosk-1", None)
    assert _me(env, env.kiosk_token)["admin_pin_hash"] is None


def test_admin_pin_is_for_kiosks_and_is_digits(inproc: InProc) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        set_device_pin(inproc.ctx, "kiosk-1", "12a4")
    with pytest.raises(ValueError, match="kiosks only"):
        set_device_pin(inproc.ctx, "hall-tv", "1234")
    with pytest.raises(ValueError, match="no device"):
        set_device_pin(inproc.ctx, "kiosk-9", "1234")


def _printers(env: InProc) -> dict[str, dict]:
    r = env.api("GET", "/stats/today", env.login("giamsat"))
    assert r.status_code == 200, r.text
    return {p["device"]: p for p in r.json()["printers"]}


def _device(env: InProc, name: str) -> dict:
    r = env.api("GET", "/devices", env.login("admin"))
    assert r.status_code == 200, r.text
    return next(d for d in r.json() if d["name"] == name)


def _seq(env: InProc) -> int:
    return int(env.api("GET", "/state", env.display_token).json()["seq"])


def test_kiosk_reports_its_printer_before_any_ticket(inproc: InProc) -> None:
    env = inproc
    seq = _seq(env)
    body = {"state": "paper-out", "detail": "Máy in hết giấy"}
    r = env.api("POST", "/devices/me/printer", env.kiosk_token, json=body)
    assert r.status_code == 202 and r.json() == {"reported": True}
    printer = _printers(env)["kiosk-1"]
    assert printer["error"] == "paper-out: Máy in hết giấy" and printer["at"] is not None
    dev = _device(env, "kiosk-1")
    assert dev["printer_error"] == printer["error"] and dev["printer_error_at"] is not None
    # The same problem again keeps when it began.
    env.clock.advance(minutes=1)
    env.api("POST", "/devices/me/printer", env.kiosk_token, json=body)
    assert _printers(env)["kiosk-1"]["at"] == printer["at"]
    # Another problem replaces it; "ok" clears it.
    env.api("POST", "/devices/me/printer", env.kiosk_token, json={"state": "offline"})
    assert _printers(env)["kiosk-1"]["error"] == "offline"
    r = env.api("POST", "/devices/me/printer", env.kiosk_token, json={"state": "ok"})
    assert r.status_code == 202
    assert _printers(env)["kiosk-1"]["error"] is None
    assert _device(env, "kiosk-1")["printer_error_at"] is None
    assert _seq(env) == seq  # no queue event: nothing changed in a queue


def test_printer_report_refuses_bad_input_and_other_callers(inproc: InProc) -> None:
    env = inproc
    for bad in (
        {},
        {"state": "on-fire"},
        {"state": "ok", "extra": 1},
        {"state": "offline", "detail": "x\u0000y"},
        {"state": "offline", "detail": "x" * 151},
        {"state": "offline", "detail": 5},
    ):
        r = env.api("POST", "/devices/me/printer", env.kiosk_token, json=bad)
        assert r.status_code == 422, (bad, r.text)
        assert r.headers["content-type"].startswith(PROBLEM)
    assert _printers(env)["kiosk-1"]["error"] is None
    for token in (env.display_token, env.rating_token, env.login("admin")):
        r = env.api("POST", "/devices/me/printer", token, json={"state": "paper-out"})
        assert r.status_code == 403 and r.headers["content-type"].startswith(PROBLEM)
    r = env.api("POST", "/devices/me/printer", None, json={"state": "paper-out"})
    assert r.status_code == 401
