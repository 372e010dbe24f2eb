"""Citizens' phone numbers (table contact) and the rows that point at them: SQL only.
A number is read here and nowhere else; what leaves is masked by the caller."""

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from server.store.convert import utc
from server.store.tables import Appointment, Contact, Ticket


def add_contact(conn: Connection, site: str, phone: str, consent_text: str, now: datetime) -> int:
    row = {
        "site": site,
        "phone": phone,
        "consent_text": consent_text,
        "consent_at": utc(now),
        "created_at": utc(now),
    }
    return int(conn.execute(insert(Contact).values(row).returning(Contact.id)).scalar_one())


def uses_since(conn: Connection, site: str, phone: str, since: datetime) -> int:
    """Numbers and bookings given with `phone` since `since` (each gave a contact row)."""
    q = select(func.count()).where(
        Contact.site == site, Contact.phone == phone, Contact.created_at >= utc(since)
    )
    return int(conn.execute(q).scalar_one())


def phone_of(conn: Connection, contact_id: int | None) -> str | None:
    if contact_id is None:
        return None
    return conn.execute(select(Contact.phone).where(Contact.id == contact_id)).scalar()


def held(conn: Connection, site: str, phone: str) -> dict[str, list[Any]]:
    """Everything kept about `phone` at `site`: its consents, tickets and bookings."""
    ids = select(Contact.id).where(Contact.site == site, Contact.phone == phone)
    return {
        "consents": list(
            conn.execute(
                select(Contact.consent_text, Contact.consent_at)
                .where(Contact.id.in_(ids))  # type: ignore[attr-defined]
                .order_by(Contact.consent_at)
            )
        ),
        "tickets": list(
            conn.execute(
                select(Ticket).where(Ticket.contact_id.in_(ids)).order_by(Ticket.id)  # type: ignore[union-attr]
            )
        ),
        "appointments": list(
            conn.execute(
                select(Appointment)
                .where(Appointment.contact_id.in_(ids))  # type: ignore[union-attr]
                .order_by(Appointment.slot_start)
            )
        ),
    }


def erase(conn: Connection, ids: Any) -> tuple[int, int, int]:
    """Delete the contacts `ids` (a select of ids) and unlink their tickets and bookings:
    (contacts, tickets, appointments) touched."""
    found = list(conn.execute(ids).scalars())
    if not found:
        return 0, 0, 0
    tickets = conn.execute(
        update(Ticket).where(Ticket.contact_id.in_(found)).values(contact_id=None)  # type: ignore[union-attr]
    ).rowcount
    appts = conn.execute(
        update(Appointment)
        .where(Appointment.contact_id.in_(found))  # type: ignore[union-attr]
        .values(contact_id=None)
    ).rowcount
    gone = conn.execute(delete(Contact).where(Contact.id.in_(found))).rowcount  # type: ignore[attr-defined]
    return gone, tickets, appts


def of_phone(site: str, phone: str) -> Any:
    return select(Contact.id).where(Contact.site == site, Contact.phone == phone)


def older_than(before: datetime, site: str | None = None) -> Any:
    q = select(Contact.id).where(Contact.created_at < utc(before))
    return q if site is None else q.where(Contact.site == site)


def with_id(contact_id: int) -> Any:
    return select(Contact.id).where(Contact.id == contact_id)
