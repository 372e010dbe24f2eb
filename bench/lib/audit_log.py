"""A year of one centre's event log, written in bulk (no server, no API): each working
day its counters open, citizens take numbers through the day and are called, served and
sometimes rate, counters pause for a meeting, close, and the day closes at midnight.
Every event's data is its type's model (protocol.events), as the server writes it.

Written with one executemany on SQLite and COPY on PostgreSQL: a year in about a minute.
"""

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text

from protocol.centre import CentreConfig
from protocol.commands import RatingPublic
from protocol.enums import CounterStatus, TicketStatus
from protocol.events import (
    CounterData,
    CounterPausedData,
    DayClosedData,
    EventData,
    RatingData,
    TicketAtCounterData,
    TicketIssuedData,
)
from protocol.events import EventType as T
from protocol.snapshot import CounterState, ServiceState, TicketPublic
from server.store.db import Database

Row = tuple[datetime, str, str, str]  # at (UTC), type, actor, data JSON


def day_events(cfg: CentreConfig, day: date, tickets: int, rng: random.Random) -> list[Row]:
    tz = ZoneInfo(cfg.timezone)
    opens = datetime.combine(day, time(7, 30), tz).astimezone(UTC)
    out: list[Row] = []

    def add(at: datetime, type_: T, data: EventData) -> None:
        out.append((at, type_.value, data.actor, data.model_dump_json()))

    counters = {c.id: c for c in cfg.counters}
    by_service = {s.id: [c.id for c in cfg.counters if s.id in {x.id for x in c.services}]
                  for s in cfg.services}  # fmt: skip
    served = [s for s, cs in by_service.items() if cs]

    def state(cid: int, status: CounterStatus, current: TicketPublic | None = None) -> Any:
        c = counters[cid]
        return CounterState(
            id=cid, name=f"Quầy {cid}", services=[s.id for s in c.services], status=status,
            clerk=f"Cán bộ quầy {cid}", current=current,
        )  # fmt: skip

    for cid in counters:
        add(opens, T.COUNTER_OPENED, CounterData(counter=state(cid, CounterStatus.OPEN),
                                                 actor=f"user:canbo{cid}"))  # fmt: skip
        pause = opens + timedelta(hours=3, minutes=rng.randint(0, 60))
        paused = state(cid, CounterStatus.PAUSED)
        add(pause, T.COUNTER_PAUSED, CounterPausedData(
            counter=paused, reason="Họp", actor=f"user:canbo{cid}"))  # fmt: skip
        add(pause + timedelta(minutes=15), T.COUNTER_RESUMED, CounterData(
            counter=state(cid, CounterStatus.OPEN), actor=f"user:canbo{cid}"))  # fmt: skip
    numbers = {s.id: s.numbers.start for s in cfg.services}
    for i in range(tickets):
        sid = rng.choice(served)
        issued = opens + timedelta(seconds=i * 9 * 3600 / tickets)
        t = TicketPublic(id=i + 1, number=str(numbers[sid]), service_id=sid,
                         status=TicketStatus.WAITING, issued_at=issued)  # fmt: skip
        numbers[sid] += 1
        svc = ServiceState(id=sid, name=sid, waiting=3, open=True, estimated_wait_s=600)
        add(issued, T.TICKET_ISSUED, TicketIssuedData(
            ticket=t, position=3, actor="device:kiosk-1", services=[svc]))  # fmt: skip
        cid = rng.choice(by_service[sid])
        who, at = f"user:canbo{cid}", issued + timedelta(minutes=rng.randint(2, 40))
        steps = [(T.TICKET_CALLED, TicketStatus.CALLED), (T.TICKET_STARTED, TicketStatus.SERVING),
                 (T.TICKET_FINISHED, TicketStatus.DONE)]  # fmt: skip
        if rng.random() < 0.05:
            steps = [steps[0], (T.TICKET_NO_SHOW, TicketStatus.NO_SHOW)]
        for type_, status in steps:
            now = t.model_copy(update={"status": status, "counter_id": cid})
            add(at, type_, TicketAtCounterData(
                ticket=now, counter=state(cid, CounterStatus.OPEN, now), actor=who,
                services=[svc]))  # fmt: skip
            at += timedelta(seconds=rng.randint(30, 600))
        if steps[-1][1] is TicketStatus.DONE and rng.random() < 0.3:
            rating = RatingPublic(ticket_id=t.id, counter_id=cid, clerk=f"Cán bộ quầy {cid}",
                                  level="satisfied", reasons=[], at=at)  # fmt: skip
            add(at, T.RATING_SUBMITTED, RatingData(rating=rating, number=t.number,
                                                   actor="device:rating-pad-1"))  # fmt: skip
    closes = datetime.combine(day, time(17, 30), tz).astimezone(UTC)
    for cid in counters:
        add(closes, T.COUNTER_CLOSED, CounterData(counter=state(cid, CounterStatus.CLOSED),
                                                  actor=f"user:canbo{cid}"))  # fmt: skip
    midnight = datetime.combine(day + timedelta(days=1), time(0, 0, 5), tz).astimezone(UTC)
    new_day = (day + timedelta(days=1)).isoformat()
    add(midnight, T.DAY_CLOSED, DayClosedData(day=day.isoformat(), new_day=new_day))
    out.sort(key=lambda r: r[0])
    return out


def year_of_events(
    cfg: CentreConfig, last_day: date, days: int, tickets: int, seed: int = 7
) -> Iterator[list[Row]]:
    """One list of rows per working day (Monday to Friday), oldest first."""
    rng = random.Random(seed)
    for back in range(days - 1, -1, -1):
        day = last_day - timedelta(days=back)
        if day.weekday() < 5:
            yield day_events(cfg, day, tickets, rng)


def write_log(db: Database, site: str, days: Iterator[list[Row]]) -> int:
    """Append the days to `site`'s log from seq 1; returns the last seq."""
    seq = 0
    raw = db.writer.raw_connection()
    try:
        cur = raw.cursor()
        if db.is_sqlite:
            cur.execute("BEGIN")
        for rows in days:
            batch = [(site, seq + i + 1, at, type_, actor, data)
                     for i, (at, type_, actor, data) in enumerate(rows)]  # fmt: skip
            seq += len(rows)
            if db.is_sqlite:
                cur.executemany(
                    "INSERT INTO event (site, seq, at, type, actor, data) VALUES (?,?,?,?,?,?)",
                    [
                        (s, n, at.strftime("%Y-%m-%d %H:%M:%S.%f"), *rest)
                        for s, n, at, *rest in batch
                    ],  # fmt: skip
                )
            else:
                with cur.copy("COPY event (site, seq, at, type, actor, data) FROM STDIN") as cp:
                    for row in batch:
                        cp.write_row(row)
        raw.commit()
    finally:
        raw.close()
    with db.writer.begin() as c:
        c.execute(text("UPDATE site SET seq = :seq WHERE code = :site"), {"seq": seq, "site": site})
        if not db.is_sqlite:
            c.execute(text("ANALYZE event"))  # what autovacuum does after a day's inserts
    return seq
