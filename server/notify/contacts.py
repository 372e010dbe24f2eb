"""Where a ticket's phone number is found, for an SMS: the citizen's contact (kept with
consent, purged after the centre's retention: server/store/contacts.py). Read when a
message is queued (who gets one) and when it is sent (the number itself, never copied
into the outbox)."""

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import Connection, select

from server.store.tables import Appointment, Contact, Ticket


class ContactBook(Protocol):
    def phones(self, conn: Connection, ticket_ids: Iterable[int]) -> dict[int, str]:
        """The tickets (of `ticket_ids`) whose citizen gave a phone number with consent,
        each with the number (normal form)."""
        ...


class TicketContacts:
    """The phone number given for a ticket (a number taken from a phone) or for the
    booking it checked in: a contact row exists only with consent."""

    def phones(self, conn: Connection, ticket_ids: Iterable[int]) -> dict[int, str]:
        ids = list(ticket_ids)
        if not ids:
            return {}
        booked = conn.execute(
            select(Appointment.ticket_id, Contact.phone)
            .join(Contact, Contact.id == Appointment.contact_id)  # type: ignore[arg-type]
            .where(Appointment.ticket_id.in_(ids))  # type: ignore[union-attr]
        )
        own = conn.execute(
            select(Ticket.id, Contact.phone)
            .join(Contact, Contact.id == Ticket.contact_id)  # type: ignore[arg-type]
            .where(Ticket.id.in_(ids))  # type: ignore[union-attr]
        )
        return {**{r.ticket_id: r.phone for r in booked}, **{r.id: r.phone for r in own}}
