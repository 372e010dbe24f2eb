"""Shared by the phones' API tests: a centre open every day with remote numbers and
booked slots turned on for a field, and the shorthands a phone uses."""

from typing import Any

import httpx

from protocol.centre import WEEKDAYS
from tests.support.inproc import InProc

FIELD = "tu-phap"  # remote numbers and slots on
OTHER = "dat-dai"  # neither


def configure(env: InProc, **changes: Any) -> dict[str, Any]:
    """The sample centre open 07:00–17:00 every day; `FIELD` takes remote numbers and
    bookings (slots of 30 min, 2 places); `changes` override `phones`, `remote`, `slots`."""
    admin = env.login("admin")
    cfg = env.api("GET", "/admin/centre", admin).json()
    cfg["hours"] = {d: ["07:00", "17:00"] for d in WEEKDAYS}
    cfg["closed_days"] = []
    cfg["enforce_hours"] = True
    cfg["phones"] = {**cfg["phones"], **changes.get("phones", {})}
    for s in cfg["services"]:
        if s["id"] == FIELD:
            s["remote"] = {"enabled": True, **changes.get("remote", {})}
            s["slots"] = {
                "enabled": True,
                "length_min": 30,
                "capacity": 2,
                **changes.get("slots", {}),
            }
    r = env.api("PUT", "/admin/centre", admin, json=cfg)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def take(env: InProc, service_id: str = FIELD, **body: Any) -> httpx.Response:
    return env.api("POST", "/public/tickets", json={"service_id": service_id, **body})


def slots(env: InProc, day: str, service_id: str = FIELD) -> dict[str, Any]:
    r = env.api("GET", f"/public/slots?service_id={service_id}&date={day}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def book(env: InProc, slot_start: str, service_id: str = FIELD, **body: Any) -> httpx.Response:
    return env.api(
        "POST",
        "/public/appointments",
        json={"service_id": service_id, "slot_start": slot_start, **body},
    )


def problem(r: httpx.Response, status: int, type_: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["type"] == type_ and body["title"], body
