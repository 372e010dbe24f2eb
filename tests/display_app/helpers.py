"""Test helpers for the display: drive the real server like clerks and a kiosk do, and
a fake audio player that counts what the hall would hear."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

from tests.support.live_server import LiveServer

WAIT_MS = 15_000


class FakePlayer:
    """`display_app.announce.Player` that plays nothing but counts and finishes at once."""

    def __init__(self) -> None:
        self.plays = 0
        self.muted = False
        self.volume = 1.0
        self.wavs: list[bytes] = []
        self.hold = False  # True: each one plays until release() (a 7 s sentence, say)
        self.pending: list[Callable[[], None]] = []

    def play(self, wav: bytes, on_done: Callable[[], None]) -> None:
        self.plays += 1
        self.wavs.append(wav)
        if self.hold:
            self.pending.append(on_done)
        else:
            QTimer.singleShot(5, on_done)

    def release(self) -> None:
        """The announcement playing now ends."""
        self.pending.pop(0)()

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def stop(self) -> None:
        pass


class Centre:
    """Commands to a live server, as the admin (who may act at any counter)."""

    def __init__(self, srv: LiveServer) -> None:
        self.srv = srv
        self.token = srv.admin_token

    def act(self, counter: int, action: str, body: dict[str, Any] | None = None) -> dict:
        r = self.srv.api("POST", f"/counters/{counter}/{action}", self.token, json=body)
        assert r.status_code == 200, f"{action} at {counter}: {r.text}"
        return dict(r.json())

    def issue(self, service: str, count: int = 1) -> list[str]:
        numbers = []
        for _ in range(count):
            r = self.srv.api(
                "POST",
                "/tickets",
                self.token,  # the admin: a kiosk may issue only 20 a minute
                json={"service_id": service},
                headers={"Idempotency-Key": uuid.uuid4().hex},
            )
            assert r.status_code == 201, r.text
            numbers.append(str(r.json()["number"]))
        return numbers

    def open(self, *counters: int) -> None:
        for c in counters:
            self.act(c, "open")

    def call_next(self, counter: int) -> str:
        """Calls the next citizen; returns the ticket number now at the counter."""
        return str(self.act(counter, "call-next")["current"]["number"])

    def recall(self, counter: int) -> None:
        self.act(counter, "recall")

    def start(self, counter: int) -> None:
        self.act(counter, "start")

    def finish(self, counter: int) -> None:
        self.act(counter, "finish")

    def pause(self, counter: int, reason: str = "Nghỉ giải lao") -> None:
        self.act(counter, "pause", {"reason": reason})

    def close(self, counter: int) -> None:
        self.act(counter, "close")


def busy_hall(
    centre: Centre,
    counters: int,
    tickets: dict[str, int],
    *,
    closed: set[int],
    paused: set[int],
    fresh: int,
) -> str:
    """A realistic mid-morning: tickets waiting, most counters serving or calling, some
    paused or closed, and one fresh call at `fresh` (returned: its number)."""
    for service, n in tickets.items():
        centre.issue(service, n)
    for c in range(1, counters + 1):
        if c not in closed:
            centre.open(c)
    for c in sorted(paused):
        centre.pause(c)
    for c in range(1, counters + 1):
        if c in closed or c in paused or c == fresh:
            continue
        r = centre.srv.api("POST", f"/counters/{c}/call-next", centre.token)
        if r.status_code == 200 and c % 3:
            centre.start(c)  # most are serving; every third is still calling
    return centre.call_next(fresh)
