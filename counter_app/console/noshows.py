"""`NoShowBook`: today's no-show tickets a clerk may take back (pure Python).

Loaded from `GET /counters/{id}/no-shows` when the console starts and after every
reconnect, then kept from the event stream: a `ticket.no_show` in one of this counter's
fields (or at this counter) adds a ticket; it leaves when it is returned, called,
cancelled, or the day closes.
"""

from __future__ import annotations

from protocol import Event, EventType, TicketPublic, TicketStatus


class NoShowBook:
    def __init__(self, counter_id: int) -> None:
        self.counter_id = counter_id
        self.services: set[str] = set()
        self._tickets: dict[int, TicketPublic] = {}

    @property
    def tickets(self) -> list[TicketPublic]:
        """Latest no-show first (the citizen who just stepped out is the likeliest)."""
        return sorted(
            self._tickets.values(), key=lambda t: (t.called_at or t.issued_at, t.id), reverse=True
        )

    def clear(self) -> None:
        self._tickets.clear()

    def load(self, tickets: list[TicketPublic]) -> None:
        """Replace the book with the server's list (start, reconnect)."""
        self._tickets = {t.id: t for t in tickets if t.status == TicketStatus.NO_SHOW}

    def apply(self, event: Event) -> bool:
        """Take one event into account; True when the list changed."""
        if event.type == EventType.DAY_CLOSED:
            changed = bool(self._tickets)
            self._tickets.clear()
            return changed
        ticket: TicketPublic | None = getattr(event.data, "ticket", None)
        if ticket is None:
            return False
        if ticket.status == TicketStatus.NO_SHOW:
            if ticket.counter_id == self.counter_id or ticket.service_id in self.services:
                self._tickets[ticket.id] = ticket
                return True
            return False
        return self._tickets.pop(ticket.id, None) is not None
