"""Read the database directly (not through the server) and check nothing is half-written:
the event log has no hole, every ticket has its `ticket.issued` event, numbers are
unique and each service's numbers of a day run without a gap (no number lost or reused)."""

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from server.store.db import normalise_url

SITE = "trung-tam-tinh"


def check_consistent(db_url: str) -> dict[str, int]:
    engine = create_engine(normalise_url(db_url), poolclass=NullPool)
    try:
        with engine.connect() as c:
            q = lambda sql: c.execute(text(sql), {"site": SITE}).all()  # noqa: E731
            [(head,)] = q("SELECT seq FROM site WHERE code = :site")
            [(n_events, max_seq)] = q("SELECT count(*), max(seq) FROM event WHERE site = :site")
            assert n_events == head == (max_seq or 0), (n_events, head, max_seq)
            [(n_tickets,)] = q("SELECT count(*) FROM ticket WHERE site = :site")
            [(n_issued,)] = q(
                "SELECT count(*) FROM event WHERE site = :site AND type = 'ticket.issued'"
            )
            assert n_tickets == n_issued, (n_tickets, n_issued)
            dups = q(
                "SELECT issued_service_id, day, number FROM ticket WHERE site = :site "
                "GROUP BY issued_service_id, day, number HAVING count(*) > 1"
            )
            assert dups == [], dups
            # Each field's numbers run without a gap: none lost, none given twice.
            gaps = q(
                "SELECT issued_service_id, day, min(number), max(number), count(*) FROM ticket"
                " WHERE site = :site GROUP BY issued_service_id, day"
                " HAVING max(number) - min(number) + 1 <> count(*)"
            )
            assert gaps == [], gaps
            return {"events": n_events, "tickets": n_tickets}
    finally:
        engine.dispose()


def head_seq(engine: Engine, site: str = SITE) -> int:
    """The site's event-log head, read directly (a cheap query: the API fuzz test reads
    it before and after each of its 1,500 requests)."""
    with engine.connect() as c:
        return int(
            c.execute(text("SELECT seq FROM site WHERE code = :site"), {"site": site}).one()[0]
        )


def ticket_numbers(db_url: str) -> dict[int, str]:
    engine = create_engine(normalise_url(db_url), poolclass=NullPool)
    try:
        with engine.connect() as c:
            rows = c.execute(text("SELECT id, number_text FROM ticket")).all()
            return {i: n for i, n in rows}
    finally:
        engine.dispose()
