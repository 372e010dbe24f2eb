"""Read views and small answers of the HTTP API that are not state shapes: figures, who
am I, devices, acknowledgements, the health check. Every route answers a model."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from protocol.enums import CounterStatus, Role


class Figures(BaseModel):
    """Today's figures of a set of tickets (a counter, a service, the centre)."""

    served: int
    no_shows: int
    avg_wait_s: float | None = None  # queue place -> call
    avg_service_s: float | None = None  # start -> finish
    ratings: int
    avg_rating: float | None = None  # best level scores len(levels), the worst 1
    rating_levels: dict[str, int] = Field(default_factory=dict)  # level code -> count


class CounterStats(Figures):
    """`GET /counters/{id}/stats`: the clerk's panel."""

    counter_id: int
    day: str  # business day, ISO date


class ServiceFigures(Figures):
    service_id: str
    name: str
    issued: int
    waiting: int


class CounterFigures(Figures):
    counter_id: int
    status: CounterStatus
    clerk: str | None = None


class LateCounter(BaseModel):
    counter_id: int
    why: Literal["paused-long", "serving-long", "idle-with-queue"]
    seconds: int
    reason: str | None = None  # paused-long: the pause reason
    ticket: str | None = None  # serving-long: the number being served


class PrinterStatus(BaseModel):
    device: str
    error: str | None = None
    at: datetime | None = None


class StatsToday(BaseModel):
    """`GET /stats/today`: the supervisor's view of the day."""

    day: str
    issued: int
    waiting: int
    totals: Figures
    services: list[ServiceFigures]
    counters: list[CounterFigures]
    late_counters: list[LateCounter]
    printers: list[PrinterStatus]


class DayClosedView(BaseModel):
    """`POST /admin/day-close`: the day closed and the ids of the tickets cancelled."""

    day: str
    cancelled: list[int]


class Me(BaseModel):
    """`GET /auth/me`: who holds this token."""

    name: str
    kind: Literal["user", "device"]
    role: Role
    site: str
    counter_id: int | None = None
    full_name: str | None = None
    province: bool = False  # a user of the province: may act on any centre (`?site=`)
    # A kiosk only, and only to its own token: the hash (protocol.pin) of the admin PIN
    # the server keeps for it (`motcua device set-pin`); None if it keeps none. The kiosk
    # uses it unless its command line gives a PIN. Never the PIN itself.
    admin_pin_hash: str | None = None


class DeviceView(BaseModel):
    """`GET /devices`: one kiosk, display or rating pad, and its printer's state."""

    name: str
    role: Role
    counter_id: int | None = None
    active: bool
    printer_error: str | None = None
    printer_error_at: datetime | None = None


class Reported(BaseModel):
    """`202` answer of the kiosk's print reports."""

    reported: Literal[True] = True


class Health(BaseModel):
    """`GET /healthz`."""

    status: Literal["ok", "degraded"]
    db: str  # "ok" or "error: <kind>"
    subscribers: int
