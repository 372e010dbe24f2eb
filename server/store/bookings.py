"""Booked slots (table appointment): places taken, a seat claimed, a booking found or
deleted. SQL only; the database's unique seat per slot keeps a slot within capacity."""

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from server.store.convert import aware, utc
from server.store.tables import Appointment


def taken_seats(conn: Connection, site: str, service_id: str, start: datetime) -> set[int]:
    q = select(Appointment.seat).where(
        Appointment.site == site,
        Appointment.service_id == service_id,
        Appointment.slot_start == utc(start),
        Appointment.seat.is_not(None),  # type: ignore[union-attr]
    )
    return set(conn.execute(q).scalars())


def taken_per_slot(
    conn: Connection, site: str, service_id: str, first: datetime, last: datetime
) -> Counter[datetime]:
    """Places booked per slot start (aware UTC) between `first` and `last`."""
    q = (
        select(Appointment.slot_start, func.count())
        .where(
            Appointment.site == site,
            Appointment.service_id == service_id,
            Appointment.slot_start >= utc(first),
            Appointment.slot_start <= utc(last),
            Appointment.seat.is_not(None),  # type: ignore[union-attr]
        )
        .group_by(Appointment.slot_start)
    )
    return Counter({aware(at): n for at, n in conn.execute(q)})  # type: ignore[misc]


def add_booking(conn: Connection, values: dict[str, Any]) -> None:
    v = dict(values)
    for k in ("slot_start", "slot_end", "created_at"):
        v[k] = utc(v[k])
    conn.execute(insert(Appointment).values(v))


def booking(conn: Connection, site: str, code: str) -> Any:
    q = select(Appointment).where(Appointment.site == site, Appointment.code == code)
    return conn.execute(q).first()


def code_taken(conn: Connection, site: str, code: str) -> bool:
    return booking(conn, site, code) is not None


def remove_booking(conn: Connection, site: str, code: str) -> None:
    conn.execute(delete(Appointment).where(Appointment.site == site, Appointment.code == code))
