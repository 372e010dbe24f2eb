"""How today's tickets came (ticket.channel): the remote numbers of each field."""

from datetime import date

from sqlalchemy import Connection, func, select

from server.store.tables import Ticket


def remote_issued(conn: Connection, site: str, day: date) -> dict[str, int]:
    """Numbers taken from phones today, per issuing field."""
    q = (
        select(Ticket.issued_service_id, func.count())
        .where(Ticket.site == site, Ticket.day == day, Ticket.channel == "remote")
        .group_by(Ticket.issued_service_id)
    )
    return {sid: n for sid, n in conn.execute(q)}
