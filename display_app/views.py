"""What each part of the screen shows, computed from the hall state (no Qt, no drawing).

Widgets paint these views; tests read them ("what a citizen would see") without pixels.
Pure functions of `clientkit.model.HallModel`, the catalog and the current language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clientkit import i18n
from clientkit.model import HallModel
from display_app import strings  # noqa: F401 - registers the texts used below
from protocol import Catalog, CounterState, CounterStatus, RecentCall, TicketStatus

IDLE_MARK = "—"  # an open counter with nobody at it


class TileState(StrEnum):
    CALLED = "called"  # a citizen is called and walking to the counter
    SERVING = "serving"
    IDLE = "idle"  # open, nobody called
    PAUSED = "paused"
    CLOSED = "closed"


@dataclass(frozen=True)
class TileView:
    counter_id: int
    title: str  # "Quầy 5"
    fields: str  # "Đất đai, Xây dựng" (short names)
    number: str  # ticket being served, or "" when none
    state: TileState
    status: str  # "Tạm nghỉ", "Đóng", "—", or the number

    @property
    def big_text(self) -> str:
        """The text in the middle of the tile."""
        return self.number or self.status


@dataclass(frozen=True)
class CallView:
    number: str
    counter_id: int
    counter: str  # "Quầy 5"
    field: str
    recall: bool
    ticket_id: int


@dataclass(frozen=True)
class WaitingView:
    service_id: str
    name: str
    waiting: int


class Names:
    """Service names in the current language: the catalog's (with `name_en`) when it is
    loaded, else the snapshot's Vietnamese names, else the id."""

    def __init__(self, catalog: Catalog | None, model: HallModel) -> None:
        self._catalog = {s.id: s for s in catalog.services} if catalog else {}
        self._model = model

    def service(self, service_id: str) -> str:
        info = self._catalog.get(service_id)
        if info is not None:
            return i18n.pick(info.name, info.name_en)
        state = self._model.services.get(service_id)
        return state.name if state is not None else service_id

    def short(self, service_id: str) -> str:
        """The centre file's short name ("Lao động – TBXH") where it has one: for the
        tiles and the waiting list, where a long name would be cut."""
        info = self._catalog.get(service_id)
        if info is not None and (info.short_name or info.short_name_en):
            return i18n.pick(info.short_name or info.name, info.short_name_en or info.name_en)
        return self.service(service_id)

    def services(self, service_ids: list[str]) -> str:
        return ", ".join(self.short(s) for s in service_ids)

    def order(self) -> list[str]:
        """Service ids in the centre file's order (the kiosk's order)."""
        order = list(self._catalog)
        return order + [s for s in self._model.services if s not in self._catalog]


def tile_view(counter: CounterState, names: Names) -> TileView:
    title = i18n.tr("display.counter", n=counter.id)
    fields = names.services(counter.services)
    ticket = counter.current
    if counter.status == CounterStatus.CLOSED:
        return TileView(counter.id, title, fields, "", TileState.CLOSED, i18n.tr("display.closed"))
    if counter.status == CounterStatus.PAUSED:
        # A paused counter may still hold a ticket in the server's state; the public is
        # told it is on break, which is what matters to whoever waits in front of it.
        return TileView(counter.id, title, fields, "", TileState.PAUSED, i18n.tr("display.paused"))
    if ticket is None or ticket.status not in (TicketStatus.CALLED, TicketStatus.SERVING):
        return TileView(counter.id, title, fields, "", TileState.IDLE, IDLE_MARK)
    state = TileState.CALLED if ticket.status == TicketStatus.CALLED else TileState.SERVING
    return TileView(counter.id, title, fields, ticket.number, state, ticket.number)


def tile_views(model: HallModel, names: Names) -> list[TileView]:
    return [tile_view(model.counters[cid], names) for cid in sorted(model.counters)]


def call_view(call: RecentCall, names: Names) -> CallView:
    return CallView(
        number=call.number,
        counter_id=call.counter_id,
        counter=i18n.tr("display.counter", n=call.counter_id),
        field=names.service(call.service_id),
        recall=call.recall,
        ticket_id=call.ticket_id,
    )


def recent_views(model: HallModel, names: Names) -> list[CallView]:
    """Latest first."""
    return [call_view(c, names) for c in model.recent_calls]


def still_true(call: RecentCall, model: HallModel) -> bool:
    """The call still stands: its ticket is still called or served at that counter, and
    the counter is open. Not once the citizen was marked absent, the ticket finished,
    transferred or cancelled, or the counter paused or closed."""
    counter = model.counter(call.counter_id)
    if counter is None or counter.status != CounterStatus.OPEN:
        return False
    ticket = counter.current
    return (
        ticket is not None
        and ticket.id == call.ticket_id
        and ticket.status in (TicketStatus.CALLED, TicketStatus.SERVING)
    )


def latest_view(model: HallModel, names: Names) -> CallView | None:
    """The big "now calling": the latest call while it still stands, else nothing — the
    hall must never be told to go to a counter that no longer waits for them."""
    if not model.recent_calls:
        return None
    latest = model.recent_calls[0]
    return call_view(latest, names) if still_true(latest, model) else None


def waiting_views(model: HallModel, names: Names) -> list[WaitingView]:
    """Fields where someone waits, in the centre's order. Empty fields are left out: they
    tell the hall nothing, and 17 fields with long names would not be readable from
    afar on one strip."""
    out = []
    for sid in names.order():
        count = model.waiting_count(sid)
        if count > 0:
            out.append(WaitingView(sid, names.short(sid), count))
    return out
