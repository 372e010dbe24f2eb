"""One person's data on request (show, erase) and the purge of phone numbers past the
centre's retention (the server's hourly loop and `motcua purge`)."""

import logging
from datetime import timedelta

from sqlalchemy import Connection, select

from protocol.events import EventType, PersonalDataErasedData
from protocol.phone_numbers import mask_phone
from protocol.public import BookingHeld, ConsentHeld, PersonalData, PersonalDataErased, TicketHeld
from server.domain.actor import Principal
from server.store import contacts
from server.store.context import Context
from server.store.convert import aware
from server.store.halls import HallTx
from server.store.tables import Site

log = logging.getLogger(__name__)


def show(ctx: Context, who: Principal, phone: str) -> PersonalData:
    with ctx.db.reader.connect() as conn:
        found = contacts.held(conn, who.site, phone)
    return PersonalData(
        phone=mask_phone(phone) or "",
        consents=[ConsentHeld(consent_text=t, consent_at=aware(at)) for t, at in found["consents"]],  # type: ignore[arg-type]
        tickets=[
            TicketHeld(
                day=t.day,
                number=t.number_text,
                service_id=t.service_id,
                status=t.status,
                issued_at=aware(t.issued_at),  # type: ignore[arg-type]
                channel=t.channel,
            )
            for t in found["tickets"]
        ],
        appointments=[
            BookingHeld(
                code=a.code,
                service_id=a.service_id,
                slot_start=aware(a.slot_start),  # type: ignore[arg-type]
                checked_in=a.ticket_id is not None,
            )
            for a in found["appointments"]
        ],
    )


def erase(ctx: Context, who: Principal, phone: str) -> PersonalDataErased:
    def cmd(tx: HallTx) -> PersonalDataErased:
        n, tickets, appts = contacts.erase(tx.conn, contacts.of_phone(who.site, phone))
        data = PersonalDataErasedData(
            consents=n, tickets=tickets, appointments=appts, actor=who.actor
        )
        tx.hall.emit(EventType.PERSONAL_DATA_ERASED, data, tx.now)  # never the number
        return PersonalDataErased(
            phone=mask_phone(phone) or "", consents=n, tickets=tickets, appointments=appts
        )

    return ctx.halls.write(who.site, cmd)  # type: ignore[no-any-return]


def purge_conn(conn: Connection, ctx: Context) -> int:
    """Delete every phone number older than its centre's retention; how many."""
    total = 0
    for code, version in conn.execute(select(Site.code, Site.config_version)).all():
        days = ctx.config(code, version).phones.retention_days
        before = ctx.now() - timedelta(days=days)
        total += contacts.erase(conn, contacts.older_than(before, code))[0]
    return total


def purge(ctx: Context) -> int:
    with ctx.db.writer.begin() as conn:
        n = purge_conn(conn, ctx)
    if n:
        log.info("purged %d phone numbers past their centre's retention", n)
    return n
