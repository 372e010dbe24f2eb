"""A number taken from a phone: the hall's issue path (plan_ticket, issue) with the
remote rules before it, and the phone number (with its consent) kept beside it."""

from dataclasses import replace
from datetime import datetime, time

from protocol.errors import ErrorCode
from protocol.phone_numbers import mask_phone
from protocol.public import PublicTicket, PublicTicketCreate
from server.commands.tickets import issued_view
from server.domain import decide
from server.domain.actor import citizen
from server.domain.errors import DomainError
from server.domain.remote import check_phone, remote_unavailable
from server.security import new_tracking_code
from server.store import channels, contacts
from server.store.halls import HallTx


def day_start(tx: HallTx) -> datetime:
    return datetime.combine(tx.hall.day, time(0), tx.hall.cfg.tz)


def take_contact(tx: HallTx, phone: str | None, consent: bool) -> int | None:
    """Checks the phone rules (raises), then keeps the number with its consent."""
    cfg, site = tx.hall.cfg, tx.hall.site
    used = contacts.uses_since(tx.conn, site, phone, day_start(tx)) if phone else 0
    check_phone(cfg, phone, consent, used)
    if phone is None:
        return None
    return contacts.add_contact(tx.conn, site, phone, cfg.phones.consent_text, tx.now)


def take_remote(site: str, body: PublicTicketCreate, base_url: str):  # type: ignore[no-untyped-def]
    """The decision, for `Halls.write`/`awrite`: returns the PublicTicket."""
    who = citizen(site)

    def cmd(tx: HallTx) -> PublicTicket:
        hall = tx.hall
        svc = hall.cfg.service(body.service_id)
        if svc is None:
            raise DomainError(ErrorCode.UNKNOWN_SERVICE, body.service_id)
        remote = channels.remote_issued(tx.conn, site, hall.day).get(svc.id, 0)
        why = remote_unavailable(hall.cfg, svc, hall.issued.get(svc.id, 0), remote, tx.now)
        if why is not None:
            raise DomainError(why, svc.id)
        plan = decide.plan_ticket(hall, who, svc.id, body.procedure_id, None, None, tx.now)
        plan = replace(plan, channel="remote")
        contact_id = take_contact(tx, body.phone, body.consent)  # last check, then writes
        tracking = new_tracking_code()
        tid = tx.raw.insert_ticket(
            {
                "site": site,
                "day": hall.day,
                "issued_service_id": plan.service_id,
                "service_id": plan.service_id,
                "procedure_id": plan.procedure_id,
                "number": plan.number,
                "number_text": plan.number_text,
                "priority": None,
                "appointment_code": None,
                "appointment_slot": None,
                "status": "waiting",
                "queue_at": tx.now,
                "issued_at": tx.now,
                "tracking_code": tracking,
                "idempotency_key": None,
                "idempotency_owner": None,
                "device_id": None,
                "channel": "remote",
                "contact_id": contact_id,
            }
        )
        t = decide.issue(hall, plan, tid, who, tx.now)
        v = issued_view(hall, t, tracking, base_url, tx.now)
        return PublicTicket(
            **v.model_dump(include=set(PublicTicket.model_fields) - {"channel", "phone"}),
            channel="remote",
            phone=mask_phone(body.phone),
        )

    return cmd
