"""HallModel: the client-side state, without Qt."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from clientkit.model import Change, HallModel
from protocol import Event, EventType, RecentCall
from protocol.events import DayClosedData, TicketAtCounterData
from tests.clientkit.ck_factories import (
    SITE,
    at,
    counter,
    event,
    rating,
    service,
    snapshot,
    ticket,
)


def loaded(**kw) -> HallModel:
    model = HallModel(recent_limit=kw.pop("recent_limit", 10))
    model.load_snapshot(snapshot(**kw))
    return model


def ids(tickets) -> list[int]:
    return [t.id for t in tickets]


# ---- snapshot --------------------------------------------------------------------------


def test_snapshot_loads_everything():
    w = [ticket(1), ticket(2, service="dd"), ticket(3)]
    serving = ticket(4, status="serving", counter=1)
    model = HallModel()
    assert not model.loaded
    change = model.load_snapshot(
        snapshot(
            seq=7,
            waiting=w,
            now_serving=[serving],
            counters=[counter(1, current=serving), counter(2, status="closed", clerk=None)],
        )
    )
    assert change.snapshot and change.waiting and change.now_serving
    assert change.counters == {1, 2}
    assert model.loaded and model.seq == 7 and model.epoch == "E1"
    assert ids(model.waiting) == [1, 2, 3]
    assert ids(model.now_serving) == [4]
    assert model.counter(1).current.id == 4
    assert model.waiting_count("tp") == 2 and model.waiting_count("dd") == 1
    assert model.waiting_count("kd") == 0 and model.waiting_count("nope") == 0
    assert model.services["tp"].waiting == 2


def test_older_snapshot_of_same_epoch_is_ignored_newer_epoch_is_not():
    model = loaded(seq=10)
    model.apply(event(11, "ticket.issued", ticket=ticket(1)))
    assert model.load_snapshot(snapshot(seq=10)).duplicate
    assert ids(model.waiting) == [1] and model.seq == 11
    change = model.load_snapshot(snapshot(seq=2, epoch="E2"))
    assert change.snapshot and model.seq == 2 and model.epoch == "E2" and model.waiting == []
    assert model.load_snapshot(snapshot(seq=1, epoch="E2"), force=True).snapshot
    assert model.seq == 1


def test_events_before_any_snapshot_ask_for_a_resync():
    model = HallModel()
    change = model.apply(event(5, "ticket.issued", ticket=ticket(1)))
    assert change.resync and not model.loaded and model.waiting == []


# ---- ticket events ---------------------------------------------------------------------


def test_issued_appends_and_counts():
    model = loaded(waiting=[ticket(1)])
    change = model.apply(event(11, "ticket.issued", ticket=ticket(2, service="dd")))
    assert change.waiting and change.services == {"dd"} and not change.counters
    assert change.call is None and change.seq == 11 == model.seq
    assert ids(model.waiting) == [1, 2]
    assert model.waiting_count("dd") == 1 and model.services["dd"].waiting == 1


def test_called_moves_ticket_to_counter_and_records_a_call():
    model = loaded(waiting=[ticket(1), ticket(2)])
    called = ticket(1, status="called", counter=2)
    change = model.apply(
        event(11, "ticket.called", ticket=called, counter=counter(2, current=called))
    )
    assert change.counters == {2} and change.waiting and change.now_serving
    assert change.services == {"tp"}
    assert change.call == RecentCall(
        ticket_id=1, number="1001", counter_id=2, service_id="tp", at=change.event.at
    )
    assert ids(model.waiting) == [2] and ids(model.now_serving) == [1]
    assert model.counter(2).current.number == "1001"
    assert model.recent_calls == [change.call]
    assert model.waiting_count("tp") == 1


def test_recall_is_marked_and_moves_to_the_top_once():
    model = loaded(waiting=[ticket(1), ticket(2)])
    for seq, tid, cid in ((11, 1, 1), (12, 2, 2)):
        t = ticket(tid, status="called", counter=cid)
        model.apply(event(seq, "ticket.called", ticket=t, counter=counter(cid, current=t)))
    again = ticket(1, status="called", counter=1, recalls=1)
    change = model.apply(
        event(13, "ticket.recalled", ticket=again, counter=counter(1, current=again))
    )
    assert change.call.recall and change.call.ticket_id == 1
    assert [(c.ticket_id, c.recall) for c in model.recent_calls] == [(1, True), (2, False)]
    assert not change.waiting and change.now_serving
    assert model.ticket(1).recall_count == 1


def test_call_without_counter_id_on_ticket_uses_the_counter_of_the_event():
    model = loaded(waiting=[ticket(1)])
    t = ticket(1, status="called", counter=None)
    change = model.apply(event(11, "ticket.called", ticket=t, counter=counter(2, current=t)))
    assert change.call.counter_id == 2


def test_started_finished_no_show():
    model = loaded(waiting=[ticket(1), ticket(2)])
    t1 = ticket(1, status="called", counter=1)
    model.apply(event(11, "ticket.called", ticket=t1, counter=counter(1, current=t1)))
    s1 = ticket(1, status="serving", counter=1)
    change = model.apply(event(12, "ticket.started", ticket=s1, counter=counter(1, current=s1)))
    assert change.counters == {1} and change.now_serving and not change.waiting
    assert change.call is None and model.ticket(1).status == "serving"
    done = ticket(1, status="done", counter=1)
    change = model.apply(event(13, "ticket.finished", ticket=done, counter=counter(1)))
    assert change.now_serving and model.now_serving == [] and model.counter(1).current is None
    assert model.ticket(1) is None
    t2 = ticket(2, status="called", counter=1)
    model.apply(event(14, "ticket.called", ticket=t2, counter=counter(1, current=t2)))
    gone = ticket(2, status="no_show", counter=1)
    change = model.apply(event(15, "ticket.no_show", ticket=gone, counter=counter(1)))
    assert change.now_serving and change.counters == {1} and not change.waiting
    assert model.now_serving == [] and model.waiting == []
    assert [c.ticket_id for c in model.recent_calls] == [2, 1]  # history stays


def test_returned_ticket_gets_its_old_place_back():
    model = loaded(waiting=[ticket(1), ticket(3), ticket(4)])
    back = ticket(2, status="waiting", counter=1, to_counter=1)  # issued between 1 and 3
    change = model.apply(event(11, "ticket.returned", ticket=back, counter=counter(1)))
    assert change.waiting and change.services == {"tp"}
    assert ids(model.waiting) == [1, 2, 3, 4]
    assert model.ticket(2).to_counter_id == 1


def test_transferred_from_a_counter_to_another_service_keeps_its_place():
    t = ticket(2, status="serving", counter=1)
    model = loaded(
        waiting=[ticket(1, service="dd"), ticket(3, service="dd")],
        now_serving=[t],
        counters=[counter(1, current=t), counter(2)],
    )
    moved = ticket(2, service="dd", status="waiting", counter=1)
    change = model.apply(event(11, "ticket.transferred", ticket=moved, counter=counter(1)))
    assert change.counters == {1} and change.waiting and change.now_serving
    assert change.services == {"dd"}
    assert ids(model.waiting) == [1, 2, 3] and model.now_serving == []
    assert model.waiting_count("dd") == 3 and model.counter(1).current is None


def test_cancelled_and_print_failed():
    model = loaded(waiting=[ticket(1), ticket(2)])
    change = model.apply(event(11, "ticket.print_failed", ticket=ticket(2), reason="paper"))
    assert ids(model.waiting) == [1, 2] and not change.services and not change.counters
    change = model.apply(event(12, "ticket.cancelled", ticket=ticket(1, status="cancelled")))
    assert change.waiting and change.services == {"tp"} and ids(model.waiting) == [2]


# ---- counter and other events ----------------------------------------------------------


@pytest.mark.parametrize(
    ("etype", "status", "reason"),
    [
        ("counter.opened", "open", None),
        ("counter.paused", "paused", "Họp giao ban"),
        ("counter.resumed", "open", None),
        ("counter.closed", "closed", None),
    ],
)
def test_counter_events(etype, status, reason):
    model = loaded()
    c = counter(2, status=status, pause_reason=reason, clerk="Trần Thị Bình")
    change = model.apply(event(11, etype, counter=c))
    assert change.counters == {2} and not change.waiting and not change.empty
    assert model.counter(2).status == status and model.counter(2).pause_reason == reason
    assert model.counter(2).clerk == "Trần Thị Bình"


def test_counter_event_for_a_new_counter_adds_it():
    model = loaded()
    model.apply(event(11, "counter.opened", counter=counter(9)))
    assert set(model.counters) == {1, 2, 9}


def test_rating_changes_nothing_shown():
    model = loaded()
    change = model.apply(event(11, "rating.submitted", rating=rating(1)))
    assert change.empty and not change.duplicate and change.event.type == "rating.submitted"
    assert model.seq == 11


def test_day_closed_drops_cancelled_tickets():
    t = ticket(3, status="called", counter=1)
    model = loaded(
        waiting=[ticket(1), ticket(2, service="dd")],
        now_serving=[t],
        counters=[counter(1, current=t), counter(2)],
    )
    change = model.apply(event(11, "day.closed", day="2025-03-03", cancelled=[1, 2, 3]))
    assert change.day_closed and change.waiting and change.now_serving
    assert change.services == {"tp", "dd"} and change.counters == {1}
    assert model.waiting == [] and model.now_serving == []
    assert model.counter(1).current is None


def test_config_changed_asks_for_a_refetch():
    model = loaded()
    change = model.apply(event(11, "config.changed"))
    assert change.refetch and not change.resync and model.seq == 11


def test_phone_bookings_and_erasures_change_nothing_shown():
    model = loaded(waiting=[ticket(1)])
    slot = "2025-03-04T08:00:00+07:00"
    for seq, (type_, data) in enumerate(
        [
            ("appointment.booked", {"code": "AB12CD34", "service_id": "tp", "slot_start": slot}),
            ("appointment.cancelled", {"code": "AB12CD34", "service_id": "tp", "slot_start": slot}),
            ("personal_data.erased", {"consents": 1, "tickets": 1, "appointments": 0}),
        ],
        start=11,
    ):
        change = model.apply(event(seq, type_, **data))
        assert change.empty and not change.refetch and model.seq == seq
    assert ids(model.waiting) == [1]


def test_every_event_type_is_handled():
    # Guard: a new EventType in protocol/ must get a test (and maybe a rule) here.
    tested = {
        "ticket.issued", "ticket.called", "ticket.recalled", "ticket.started",
        "ticket.finished", "ticket.no_show", "ticket.returned", "ticket.transferred",
        "ticket.cancelled", "ticket.print_failed", "counter.opened", "counter.paused",
        "counter.resumed", "counter.closed", "rating.submitted", "day.closed",
        "config.changed",
        # the console's: tests/clientkit/test_ck_supervision_events.py
        "ticket.moved", "alert.raised", "alert.cleared", "alert.acked",
        "user.changed", "device.changed", "auth.login_refused",
        # the phones' (below)
        "appointment.booked", "appointment.cancelled", "personal_data.erased",
    }  # fmt: skip
    assert {t.value for t in EventType} == tested


# ---- duplicates, order, bounds ---------------------------------------------------------


def test_duplicates_and_older_events_are_ignored():
    model = loaded(waiting=[ticket(1)])
    t = ticket(1, status="called", counter=1)
    first = event(11, "ticket.called", ticket=t, counter=counter(1, current=t))
    assert model.apply(first).call is not None
    again = model.apply(first)
    assert again.duplicate and again.empty and again.call is None
    # A stale replay of the issue (seq 9) must not put the ticket back in the queue.
    stale = model.apply(event(9, "ticket.issued", ticket=ticket(1)))
    assert stale.duplicate and model.waiting == [] and len(model.recent_calls) == 1
    assert model.seq == 11


def test_applying_a_replayed_sequence_twice_gives_the_same_state():
    events = [
        event(11, "ticket.issued", ticket=ticket(1)),
        event(12, "ticket.issued", ticket=ticket(2)),
        event(13, "ticket.called", ticket=ticket(1, status="called", counter=1)),
        event(14, "counter.paused", counter=counter(2, status="paused", pause_reason="Nghỉ")),
    ]
    a, b = loaded(), loaded()
    for e in events:
        a.apply(e)
    for e in events[:2] + events + events[1:]:
        b.apply(e)
    assert (a.waiting, a.now_serving, a.counters, a.recent_calls, a.seq) == (
        b.waiting,
        b.now_serving,
        b.counters,
        b.recent_calls,
        b.seq,
    )
    assert ids(a.waiting) == [2] and a.counter(2).status == "paused"


def test_recent_calls_are_bounded_latest_first():
    model = loaded(recent_limit=3)
    for i in range(1, 6):
        t = ticket(i, status="called", counter=1)
        model.apply(event(10 + i, "ticket.called", ticket=t))
    assert [c.ticket_id for c in model.recent_calls] == [5, 4, 3]


def test_snapshot_recent_calls_are_bounded_too():
    recent = [
        RecentCall(
            ticket_id=i, number=str(i), counter_id=1, service_id="tp", at=ticket(i).issued_at
        )
        for i in range(5)
    ]
    model = loaded(recent=recent, recent_limit=2)
    assert [c.ticket_id for c in model.recent_calls] == [0, 1]


def test_malformed_event_data_never_becomes_an_event():
    # Each type's data is parsed into its model (protocol.events.DATA_MODELS): bad data
    # fails on the wire, before any model sees it.
    with pytest.raises(ValidationError):
        event(11, "ticket.called", ticket={"id": "not a ticket"})
    with pytest.raises(ValidationError):
        Event.model_validate(
            {"seq": 11, "at": at(1), "type": "ticket.called", "site": SITE, "data": {}}
        )


def test_event_data_is_typed_per_type():
    e = event(11, "ticket.called", ticket=ticket(2, status="called", counter=2))
    assert isinstance(e.data, TicketAtCounterData)
    assert e.data.counter.id == 2 and e.data.ticket.number == "1002"
    e = event(12, "day.closed", cancelled=[1, 2])
    assert isinstance(e.data, DayClosedData) and e.data.cancelled == [1, 2]


def test_change_empty():
    assert Change(seq=1).empty
    assert not Change(seq=1, waiting=True).empty


def test_an_event_brings_the_servers_figures_for_the_fields_it_changed():
    """A kiosk offers what the server says: when the last number of a field is taken,
    the issuing event says the field is full, and its tile stops offering it at once."""
    model = loaded(waiting=[ticket(1, service="dd")])
    assert model.services["dd"].unavailable is None
    full = service("dd", waiting=2).model_copy(
        update={"estimated_wait_s": 840, "unavailable": "daily-limit-reached"}
    )
    change = model.apply(
        event(11, "ticket.issued", ticket=ticket(2, service="dd"), services=[full])
    )
    assert "dd" in change.services
    assert model.services["dd"].unavailable == "daily-limit-reached"
    assert model.services["dd"].estimated_wait_s == 840
    assert model.services["dd"].waiting == 2
    # An event that does not carry a field's figures leaves them as they were.
    model.apply(event(12, "ticket.issued", ticket=ticket(3, service="tp")))
    assert model.services["dd"].unavailable == "daily-limit-reached"
