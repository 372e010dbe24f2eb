"""When a citizen's phone gets a message (issue 14): "near" once a waiting ticket has its
field's `notify_ahead` citizens (or fewer) ahead of it, "called" when a counter calls it.
The place is the hall's own (views.place_of: what the kiosk, the ticket and the phone page
show), never counted again here. Whether a message was already queued is the outbox's
business (one per ticket, kind and channel); this only says what is due now."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from protocol.enums import TicketStatus
from protocol.notify import NotifyKind
from server.domain.hall import Hall
from server.domain.views import place_of


@dataclass(frozen=True)
class Notice:
    ticket_id: int
    kind: NotifyKind
    number: str
    service_id: str
    ahead: int | None = None  # near: citizens ahead now
    counter_id: int | None = None  # called: where to go


def notify_ahead(hall: Hall, service_id: str) -> int:
    svc = hall.cfg.service(service_id)
    return svc.notify_ahead if svc is not None else 0


def near(hall: Hall, ticket_ids: Iterable[int], now: datetime) -> list[Notice]:
    """The watched tickets that are waiting with `notify_ahead` or fewer ahead (a field
    with `notify_ahead: 0` sends only the call)."""
    out = []
    for tid in ticket_ids:
        t = hall.tickets.get(tid)
        place = place_of(hall, t, now)
        if t is None or place is None:
            continue
        limit = notify_ahead(hall, t.service_id)
        if limit > 0 and place.ahead <= limit:
            out.append(Notice(t.id, NotifyKind.NEAR, t.number, t.service_id, ahead=place.ahead))
    return out


def called(hall: Hall, ticket_ids: Iterable[int]) -> list[Notice]:
    """The watched tickets a counter is calling now (a recall changes nothing: the call
    was already said)."""
    out = []
    for tid in ticket_ids:
        t = hall.tickets.get(tid)
        if t is None or t.status != TicketStatus.CALLED or t.counter_id is None:
            continue
        out.append(Notice(t.id, NotifyKind.CALLED, t.number, t.service_id, counter_id=t.counter_id))
    return out


def due(hall: Hall, ticket_ids: Iterable[int], now: datetime) -> list[Notice]:
    ids = list(ticket_ids)
    return called(hall, ids) + near(hall, ids, now)
