"""What a new centre configuration may do to a running hall, and what becomes of the
citizens of the fields it removes."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from protocol.centre import CentreConfig
from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from protocol.events import (
    ConfigChangedData,
    EventType,
    TicketCancelledData,
    TicketTransferredData,
)
from protocol.snapshot import CounterState, TicketPublic
from server.domain.actor import Principal
from server.domain.decide import day_turned, transferred
from server.domain.errors import DomainError
from server.domain.hall import LIVE, Hall
from server.domain.lifecycle import DAY_CLOSE
from server.domain.model import Ticket

S = TicketStatus


@dataclass(frozen=True)
class Waiting:
    """What to do with the citizens of removed fields: cancel their tickets, or move them
    into `move_to` (a field of the new configuration), each keeping its place."""

    move_to: str | None = None  # None: cancel

    @property
    def label(self) -> str:
        return f"move:{self.move_to}" if self.move_to else "cancel"


def fields_in_use(hall: Hall, new: CentreConfig, now: datetime) -> dict[str, int]:
    """The fields `new` removes (or renames) that still hold citizens today: their
    tickets would wait for a field no counter serves. {field id: live tickets}.
    Once the day has turned, day close cancels them anyway: nothing is in use."""
    if day_turned(hall, now):
        return {}
    used = Counter(t.service_id for t in _orphans(hall, new))
    return dict(sorted(used.items()))


def settle_removed_fields(
    hall: Hall, who: Principal, new: CentreConfig, how: Waiting | None, now: datetime
) -> dict[str, int]:
    """Refuse a configuration that strands citizens unless `how` says what becomes of
    them; then cancel or move their tickets (events by `who`). Returns what was in use.

    Cancel: what day close cancels (waiting, called, absent); a citizen already being
    served stays with the clerk until "finish". Move: a waiting ticket goes to the field
    by the transfer rule, keeping its place; one at a counter or absent keeps its status
    and counter, in the new field. From here on the unit of work decides by `new`."""
    in_use = fields_in_use(hall, new, now)
    if not in_use:
        return in_use
    if how is None:
        waits = ", ".join(f"'{sid}' has {n} citizen(s) waiting" for sid, n in in_use.items())
        raise DomainError(
            ErrorCode.FIELD_IN_USE,
            f"the configuration removes or renames fields in use today: {waits}; keep them "
            "until the day closes, or say what becomes of them (waiting=cancel or "
            "waiting=move:<field id>)",
            in_use=in_use,
        )
    if how.move_to is not None and new.service(how.move_to) is None:
        raise DomainError(
            ErrorCode.UNKNOWN_SERVICE,
            f"waiting=move:{how.move_to}: the new configuration has no field {how.move_to!r}",
        )
    orphans = sorted(_orphans(hall, new), key=lambda t: t.key)
    hall.cfg = new  # the moved tickets' field is one of the new configuration
    for t in orphans:
        if how.move_to is not None:
            _move(hall, who, t, how.move_to, now)
        elif t.status in DAY_CLOSE:
            _cancel(hall, who, t, now)
    return in_use


def record_change(
    hall: Hall, who: Principal, new: CentreConfig, version: int, now: datetime
) -> None:
    """The change itself, `config.changed` by `who`, written after the tickets' events.
    Not applied to this hall (it is loaded afresh for the new version); the rest of the
    unit of work already decides by the new configuration's fields."""
    hall.pending.append(
        (EventType.CONFIG_CHANGED, ConfigChangedData(version=version, actor=who.actor), now)
    )
    hall.cfg = new


def _orphans(hall: Hall, new: CentreConfig) -> list[Ticket]:
    return [
        t for t in hall.tickets.values() if t.status in LIVE and new.service(t.service_id) is None
    ]


def _at_counter(hall: Hall, t: Ticket, current: TicketPublic | None) -> CounterState | None:
    c = hall.counters.get(t.counter_id or 0)
    if c is None or c.current_ticket_id != t.id:
        return None
    update: dict[str, object] = {"current": current}
    if current is None:
        update |= {"no_show_recalls_left": 0, "no_show_at": None}
    return hall.counter_state(c).model_copy(update=update)


def _cancel(hall: Hall, who: Principal, t: Ticket, now: datetime) -> None:
    pub = t.public().model_copy(update={"status": DAY_CLOSE[t.status], "finished_at": now})
    data = TicketCancelledData(ticket=pub, counter=_at_counter(hall, t, None), actor=who.actor)
    hall.emit(EventType.TICKET_CANCELLED, data, now)


def _move(hall: Hall, who: Principal, t: Ticket, to: str, now: datetime) -> None:
    if t.status == S.WAITING:
        pub, extra = transferred(hall, t, to)
    else:  # at a counter or absent: only the field's id changes under the citizen
        pub = t.public().model_copy(update={"service_id": to})
        extra = {"from_service_id": t.service_id, "to_service_id": to}
    counter = _at_counter(hall, t, pub)
    data = TicketTransferredData(ticket=pub, counter=counter, actor=who.actor, **extra)  # type: ignore[arg-type]
    hall.emit(EventType.TICKET_TRANSFERRED, data, now)
