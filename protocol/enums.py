"""Enumerations that appear on the wire."""

from enum import StrEnum


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class CounterStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    CLERK = "clerk"
    KIOSK = "kiosk"
    DISPLAY = "display"
    RATING_PAD = "rating-pad"

    @property
    def is_user(self) -> bool:
        return self in (Role.ADMIN, Role.SUPERVISOR, Role.CLERK)
