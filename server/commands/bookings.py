"""Booking a slot from a phone, reading and cancelling it by its code. Each is: the hall
(for its configuration and clock), the domain's decision, the rows and the event."""

import secrets
from collections.abc import Callable
from typing import Any

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from protocol.events import AppointmentData, EventType
from protocol.phone_numbers import mask_phone
from protocol.public import AppointmentBook, AppointmentBooked, AppointmentCancelled
from server.commands.remote import take_contact
from server.domain.actor import citizen
from server.domain.errors import DomainError
from server.domain.slots import bookable_slot
from server.store import bookings, contacts
from server.store.context import Context
from server.store.convert import aware
from server.store.halls import HallTx

# Read aloud and typed at the kiosk: no 0/O, 1/I/L look-alikes. 8 of 31: ~40 bits.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


def qr_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/api/v1/public/appointments/{code}/qr.svg"


def booked_view(cfg: CentreConfig, row: Any, phone: str | None, base_url: str) -> AppointmentBooked:
    svc = cfg.service(row.service_id)
    start = aware(row.slot_start)
    assert start is not None
    end = aware(row.slot_end) or start
    return AppointmentBooked(
        code=row.code,
        service_id=row.service_id,
        service_name=svc.name if svc else row.service_id,
        procedure_id=row.procedure_id,
        procedure_name=cfg.procedure_name(row.procedure_id),
        slot_start=start.astimezone(cfg.tz),
        slot_end=end.astimezone(cfg.tz),
        tolerance_min=svc.slots.tolerance_min if svc else 15,
        qr_url=qr_url(base_url, row.code),
        qr_text=row.code,
        checked_in=row.ticket_id is not None,
        phone=mask_phone(phone),
    )


def book(site: str, body: AppointmentBook, base_url: str) -> Callable[[HallTx], AppointmentBooked]:
    who = citizen(site)

    def cmd(tx: HallTx) -> AppointmentBooked:
        cfg, conn = tx.hall.cfg, tx.conn
        svc = cfg.service(body.service_id)
        if svc is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, body.service_id)
        if body.procedure_id is not None and cfg.procedure_service(body.procedure_id) != svc.id:
            raise DomainError(ErrorCode.UNKNOWN_PROCEDURE, body.procedure_id)
        start = (
            body.slot_start if body.slot_start.tzinfo else body.slot_start.replace(tzinfo=cfg.tz)
        )
        slot = bookable_slot(cfg, svc, start, tx.now)
        free = sorted(
            set(range(1, svc.slots.capacity + 1))
            - bookings.taken_seats(conn, site, svc.id, slot.start)
        )
        if not free:
            raise DomainError(ErrorCode.SLOT_FULL)
        contact_id = take_contact(tx, body.phone, body.consent)  # last check, then writes
        code = new_code()
        while bookings.code_taken(conn, site, code):
            code = new_code()
        values = {
            "site": site,
            "code": code,
            "service_id": svc.id,
            "slot_start": slot.start,
            "slot_end": slot.end,
            "seat": free[0],  # unique per slot: the database refuses a second one
            "procedure_id": body.procedure_id,
            "contact_id": contact_id,
            "created_at": tx.now,
        }
        bookings.add_booking(conn, values)
        data = AppointmentData(code=code, service_id=svc.id, slot_start=slot.start, actor=who.actor)
        tx.hall.emit(EventType.APPOINTMENT_BOOKED, data, tx.now)
        return booked_view(cfg, bookings.booking(conn, site, code), body.phone, base_url)

    return cmd


def cancel(site: str, code: str) -> Callable[[HallTx], AppointmentCancelled]:
    who = citizen(site)

    def cmd(tx: HallTx) -> AppointmentCancelled:
        row = bookings.booking(tx.conn, site, code.upper())
        if row is None:
            raise DomainError(ErrorCode.UNKNOWN_APPOINTMENT)
        if row.ticket_id is not None:
            raise DomainError(ErrorCode.APPOINTMENT_USED)
        bookings.remove_booking(tx.conn, site, row.code)
        if row.contact_id is not None:  # the number was given for this booking only
            contacts.erase(tx.conn, contacts.with_id(row.contact_id))
        start = aware(row.slot_start)
        data = AppointmentData(
            code=row.code, service_id=row.service_id, slot_start=start, actor=who.actor
        )
        tx.hall.emit(EventType.APPOINTMENT_CANCELLED, data, tx.now)
        return AppointmentCancelled(code=row.code)

    return cmd


def read_booking(ctx: Context, site: str, code: str, base_url: str) -> AppointmentBooked:
    with ctx.halls.read(site) as hall, ctx.db.reader.connect() as conn:
        row = bookings.booking(conn, site, code.upper())
        if row is None:
            raise DomainError(ErrorCode.UNKNOWN_APPOINTMENT)
        phone = contacts.phone_of(conn, row.contact_id)
        return booked_view(hall.cfg, row, phone, base_url)
