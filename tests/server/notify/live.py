"""A real server (uvicorn in a thread) set up for messages: http push endpoints allowed
(the fake push service is local), the SMS gateway at a given URL, quick retries."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.support.databases import prepared_database
from tests.support.live_server import SAMPLE, ThreadServer


@contextmanager
def notify_server(tmp_path: Path, gateway: str | None = None, **env: str) -> Iterator[ThreadServer]:
    values = {
        "MOTCUA_PUSH_ALLOW_HTTP": "true",
        "MOTCUA_NOTIFY_BACKOFF_S": "0.2",
        "MOTCUA_NOTIFY_TRIES": "3",
        "MOTCUA_NOTIFY_POLL_S": "0.5",
        **({"MOTCUA_NOTIFIER_URL": f"webhook+{gateway}/sms"} if gateway else {}),
        **env,
    }
    with prepared_database("sqlite", tmp_path, SAMPLE) as (url, tokens):
        srv = ThreadServer(url, tmp_path, env=values, tokens=tokens)
        srv.start()
        try:
            yield srv
        finally:
            srv.close()


def sms_on(srv: ThreadServer) -> None:
    """The centre sends SMS, and Đất đai takes numbers from phones."""
    centre = srv.api("GET", "/admin/centre", srv.admin_token).json()
    centre["phones"]["sms"] = True
    for s in centre["services"]:
        if s["id"] == "dat-dai":
            s["remote"]["enabled"] = True
    r = srv.api("PUT", "/admin/centre", srv.admin_token, json=centre)
    assert r.status_code == 200, r.text


def phone_ticket(srv: ThreadServer, phone: str = "0912 345 678") -> dict[str, Any]:
    r = srv.api(
        "POST", "/public/tickets", json={"service_id": "dat-dai", "phone": phone, "consent": True}
    )
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def kiosk_ticket(srv: ThreadServer) -> dict[str, Any]:
    r = srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": "dat-dai"})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def messages(srv: ThreadServer) -> dict[str, Any]:
    r = srv.api("GET", "/admin/notifications", srv.login("giamsat"))
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]
