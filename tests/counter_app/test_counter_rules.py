"""Pure parts of the console: which actions a state allows, the no-show book, the
server clock, time formats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clientkit import i18n
from counter_app.clock import ServerClock
from counter_app.console import strings  # noqa: F401
from counter_app.console.noshows import NoShowBook
from counter_app.console.rules import SHORTCUTS, Action, allowed, citizen_at_counter
from counter_app.names import clock_text, minutes_text
from protocol import CounterState, Event, TicketPublic

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def _ticket(status: str, tid: int = 7, service: str = "dat-dai", counter: int | None = 1):
    return TicketPublic(
        id=tid, number=str(1000 + tid), service_id=service, status=status,
        counter_id=counter, issued_at=T0,
    )  # fmt: skip


def _counter(status: str = "open", current: TicketPublic | None = None) -> CounterState:
    return CounterState(id=1, name="Quầy 1", services=["dat-dai"], status=status, current=current)


def test_allowed_actions_follow_the_counter_state():
    assert allowed(None) == frozenset() and allowed(_counter("closed")) == frozenset()
    idle = allowed(_counter())
    assert {Action.NEXT, Action.CALL, Action.PAUSE, Action.CLOSE, Action.RETURN} == idle
    called = allowed(_counter(current=_ticket("called")))
    assert {Action.RECALL, Action.START, Action.NO_SHOW, Action.TRANSFER} <= called
    assert Action.NEXT not in called and Action.FINISH not in called
    assert Action.PAUSE not in called  # a counter pauses between citizens
    serving = allowed(_counter(current=_ticket("serving")))
    assert Action.PAUSE not in serving
    assert Action.FINISH in serving and Action.RECALL not in serving
    paused = allowed(_counter("paused"))
    assert Action.RESUME in paused and Action.NEXT not in paused and Action.PAUSE not in paused
    assert citizen_at_counter(_counter(current=_ticket("serving")))
    assert not citizen_at_counter(_counter(current=_ticket("done")))
    assert len({SHORTCUTS[a] for a in Action}) == len(Action) - 1  # pause/resume share F7


def _event(seq: int, kind: str, ticket: TicketPublic | None = None) -> Event:
    """Valid data per type (protocol.events.DATA_MODELS), dumped as on the wire."""
    if ticket is None:
        data: dict = {"day": "2025-03-03", "new_day": "2025-03-04", "cancelled": []}
    elif kind == "ticket.issued":
        data = {"ticket": ticket.model_dump(mode="json"), "position": 1}
    else:
        counter = _counter().model_copy(update={"id": ticket.counter_id or 1})
        data = {
            "ticket": ticket.model_dump(mode="json"),
            "counter": counter.model_dump(mode="json"),
        }
    return Event(seq=seq, at=T0, type=kind, site="s", data=data)


def test_no_show_book_keeps_what_this_counter_may_take_back():
    book = NoShowBook(1)
    book.services = {"dat-dai"}
    assert book.apply(_event(1, "ticket.no_show", _ticket("no_show", 1)))
    assert book.apply(_event(2, "ticket.no_show", _ticket("no_show", 2, counter=2)))
    assert not book.apply(_event(3, "ticket.no_show", _ticket("no_show", 3, "tu-phap", 8)))
    assert [t.id for t in book.tickets] == [2, 1]
    assert book.apply(_event(4, "ticket.returned", _ticket("waiting", 1)))
    assert not book.apply(_event(5, "ticket.issued", _ticket("waiting", 9)))
    assert [t.id for t in book.tickets] == [2]
    assert book.apply(_event(6, "day.closed")) and book.tickets == []


def test_server_clock_corrects_a_wrong_pc_clock():
    local = [T0]
    clock = ServerClock(lambda: local[0])
    assert clock.seconds_since(T0 - timedelta(seconds=5)) == 5
    clock.observe(T0 + timedelta(minutes=3))  # this PC is 3 minutes slow
    clock.observe(T0 + timedelta(minutes=3) - timedelta(seconds=1))  # a late delivery
    assert clock.offset == timedelta(minutes=3)
    assert clock.seconds_since(T0 + timedelta(minutes=2)) == 60
    assert clock.seconds_since(T0 + timedelta(hours=1)) == 0  # never negative
    assert clock.seconds_since(None) is None


def test_time_texts():
    assert clock_text(65) == "1:05" and clock_text(3725) == "1:02:05" and clock_text(None) == "–"
    i18n.set_language("vi")
    assert minutes_text(20) == "dưới 1 phút" and minutes_text(600) == "10 phút"
    i18n.set_language("en")
    assert minutes_text(600) == "10 min"
    i18n.set_language("vi")
