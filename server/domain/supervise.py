"""Supervisors' decisions: the waiting list (move a ticket to the front, send a waiting
ticket to another field) and the alerts (raise and clear what the check finds,
acknowledge one). Each checks against the hall and emits the event saying what changed."""

from collections.abc import Iterable
from datetime import datetime

from protocol.admin import AlertPublic
from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.events import AlertData, EventType, TicketMovedData, TicketTransferredData
from protocol.snapshot import TicketPublic
from server.domain import alerts
from server.domain.actor import Principal
from server.domain.decide import transferred
from server.domain.errors import DomainError
from server.domain.hall import Hall
from server.domain.model import Ticket


def _waiting(hall: Hall, ticket_id: int) -> Ticket:
    t = hall.tickets.get(ticket_id)
    if t is None:
        if hall.archived_status(ticket_id) is None:
            raise DomainError(ErrorCode.UNKNOWN_TICKET)
        raise DomainError(ErrorCode.TICKET_NOT_WAITING, f"ticket {ticket_id} is not waiting")
    if t.status != TicketStatus.WAITING:
        raise DomainError(ErrorCode.TICKET_NOT_WAITING, f"ticket {t.number} is {t.status}")
    return t


def move_to_front(
    hall: Hall, who: Principal, ticket_id: int, reason: str, now: datetime
) -> TicketPublic:
    """The ticket is the next one called in its field (after tickets sent to a counter:
    those stand at it already); several moved go in the order moved (queues.py)."""
    t = _waiting(hall, ticket_id)
    why = reason.strip()
    if not why:
        raise DomainError(ErrorCode.VALIDATION, "reason: say why it goes first")
    pub = t.public().model_copy(update={"to_counter_id": None})
    hall.emit(EventType.TICKET_MOVED, TicketMovedData(ticket=pub, reason=why, actor=who.actor), now)
    return hall.tickets[ticket_id].public()


def transfer_waiting(
    hall: Hall, who: Principal, ticket_id: int, service_id: str, now: datetime
) -> TicketPublic:
    """A waiting ticket goes to another field, keeping its place (the counter's rule)."""
    t = _waiting(hall, ticket_id)
    if service_id == t.service_id:
        raise DomainError(ErrorCode.INVALID_TRANSITION, f"ticket {t.number} is in {service_id}")
    pub, extra = transferred(hall, t, service_id)
    data = TicketTransferredData(ticket=pub, actor=who.actor, **extra)  # type: ignore[arg-type]
    hall.emit(EventType.TICKET_TRANSFERRED, data, now)
    return hall.tickets[ticket_id].public()


def check_alerts(
    hall: Hall, devices: Iterable[alerts.DeviceSeen], now: datetime
) -> alerts.AlertChanges:
    """Raise the alerts that hold and no active one covers; clear those that ended."""
    found = alerts.changes(hall.alerts, alerts.holding(hall, devices, now))
    for a in found.raised:
        hall.emit(EventType.ALERT_RAISED, AlertData(alert=a), now)
    for a in found.cleared:
        hall.emit(EventType.ALERT_CLEARED, AlertData(alert=a), now)
    return found


def ack_alert(hall: Hall, who: Principal, alert_id: str, now: datetime) -> AlertPublic:
    """A supervisor has seen it. Acknowledging again changes nothing."""
    a = hall.alerts.get(alert_id)
    if a is None:
        raise DomainError(ErrorCode.UNKNOWN_ALERT, alert_id)
    if a.acked_by is not None:
        return a
    acked = a.model_copy(update={"acked_by": who.actor, "acked_at": now})
    hall.emit(EventType.ALERT_ACKED, AlertData(alert=acked, actor=who.actor), now)
    return acked


def alert_list(hall: Hall, active_only: bool = False) -> list[AlertPublic]:
    """Today's alerts: active first, newest first."""
    rows = [a for a in hall.alerts.values() if a.active or not active_only]
    return sorted(rows, key=lambda a: (not a.active, -a.since.timestamp(), a.id))
