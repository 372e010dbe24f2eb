"""The database's count of people ahead (server/queries/places.py) agrees with the domain
definition (server/domain/waits.py::people_ahead) on random queues: transfers, due and
future appointments, priority groups, ties in queue time."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert
from sqlmodel import Session

from motcua.demo import prepare
from server.domain.waits import people_ahead
from server.queries.places import candidate, people_ahead_sql
from server.store.db import Database, open_database
from server.store.tables import Ticket
from tests.support.databases import fresh_database

SITE, SERVICE = "trung-tam-tinh", "dat-dai"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("UTC"))
DAY = date(2026, 3, 2)

ticket_st = st.fixed_dictionaries(
    {
        "minute": st.integers(0, 5),  # few values: ties in queue_at happen
        "priority": st.sampled_from([None, None, "elderly", "disabled"]),
        "to_counter_id": st.sampled_from([None, None, None, 1, 2]),
        "slot": st.sampled_from([None, None, -30, -10, 20]),  # minutes from now
    }
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    tmp: Path = tmp_path_factory.mktemp("places")
    with fresh_database("sqlite", tmp) as url:
        prepare(url)
        database = open_database(url)
        yield database
        database.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(tickets=st.lists(ticket_st, min_size=1, max_size=12), ratio=st.integers(1, 3))
def test_sql_count_matches_domain(db: Database, tickets: list[dict], ratio: int) -> None:
    with Session(db.writer) as s, s.begin():
        rows = []
        for i, t in enumerate(tickets):
            at = NOW - timedelta(minutes=30 - t["minute"])
            slot = NOW + timedelta(minutes=t["slot"]) if t["slot"] is not None else None
            values = dict(
                site=SITE,
                day=DAY,
                issued_service_id=SERVICE,
                service_id=SERVICE,
                number=1001 + i,
                number_text=str(1001 + i),
                priority=t["priority"],
                appointment_slot=slot,
                status="waiting",
                queue_at=at,
                issued_at=at,
                tracking_code=f"trk{i:09d}",
                to_counter_id=t["to_counter_id"],
            )
            values["id"] = (
                s.connection().execute(insert(Ticket).returning(Ticket.id), values).scalar_one()
            )
            rows.append(Ticket(**values))
        cands = [candidate(r) for r in rows]
        for c in cands:
            expected = people_ahead(c, cands, ratio, NOW)
            assert people_ahead_sql(s, c, SITE, DAY, ratio, NOW) == expected, c
        s.rollback()
