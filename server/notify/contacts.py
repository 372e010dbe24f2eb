"""Where a ticket's phone number is found, for an SMS: the citizen's contact (kept with
consent, purged after the centre's retention). Read when a message is queued (who gets
one) and when it is sent (the number itself, never copied into the outbox)."""

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import Connection


class ContactBook(Protocol):
    def phones(self, conn: Connection, ticket_ids: Iterable[int]) -> dict[int, str]:
        """The tickets (of `ticket_ids`) whose citizen gave a phone number with consent,
        each with the number (normal form)."""
        ...


class NoContacts:
    def phones(self, conn: Connection, ticket_ids: Iterable[int]) -> dict[int, str]:
        return {}
