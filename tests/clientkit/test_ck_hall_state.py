"""HallState: which Qt signals one change gives (no network)."""

from __future__ import annotations

from clientkit.hall_state import HallState
from tests.clientkit.ck_factories import counter, event, snapshot, ticket


class Log:
    def __init__(self, hall: HallState) -> None:
        self.seen: list[tuple] = []
        for name in (
            "snapshot_loaded",
            "counters_changed",
            "waiting_changed",
            "services_changed",
            "now_serving_changed",
            "called",
            "day_closed",
            "event_applied",
            "refetch_needed",
            "resync_needed",
        ):
            getattr(hall, name).connect(lambda *args, n=name: self.seen.append((n, *args)))

    def names(self) -> list[str]:
        return [s[0] for s in self.seen]

    def take(self) -> list[str]:
        names = self.names()
        self.seen.clear()
        return names


def test_snapshot_then_specific_signals(qapp):
    hall = HallState()
    log = Log(hall)
    hall.load_snapshot(snapshot(waiting=[ticket(1)]))
    assert log.names() == [
        "snapshot_loaded",
        "counters_changed",
        "waiting_changed",
        "services_changed",
        "now_serving_changed",
    ]
    assert log.seen[1] == ("counters_changed", [1, 2])
    assert log.seen[3] == ("services_changed", ["dd", "kd", "tp"])
    assert hall.loaded and hall.model.seq == 10


def test_call_signals_with_live_flag(qapp):
    hall = HallState()
    hall.load_snapshot(snapshot(waiting=[ticket(1)]))
    log = Log(hall)
    t = ticket(1, status="called", counter=2)
    hall.apply(event(11, "ticket.called", ticket=t, counter=counter(2, current=t)), live=False)
    assert log.names() == [
        "counters_changed",
        "waiting_changed",
        "services_changed",
        "now_serving_changed",
        "called",
        "event_applied",
    ]
    name, call, live = log.seen[4]
    assert (call.number, call.counter_id, call.recall, live) == ("1001", 2, False, False)
    assert log.seen[5][2] is False


def test_duplicates_emit_nothing(qapp):
    hall = HallState()
    hall.load_snapshot(snapshot())
    log = Log(hall)
    e = event(11, "ticket.issued", ticket=ticket(5))
    hall.apply(e)
    log.take()
    hall.apply(e)
    hall.load_snapshot(snapshot(seq=3))  # older: ignored too
    assert log.names() == []


def test_flags_become_signals(qapp):
    hall = HallState()
    log = Log(hall)
    hall.apply(event(5, "ticket.issued", ticket=ticket(5)))
    assert log.take() == ["resync_needed"]
    hall.load_snapshot(snapshot())
    log.take()
    hall.apply(event(11, "config.changed"))
    assert log.take() == ["event_applied", "refetch_needed"]
    hall.apply(event(12, "day.closed", day="2025-03-03", cancelled=[]))
    assert log.take() == ["day_closed", "event_applied"]
    hall.apply(event(13, "rating.submitted"))
    assert log.take() == ["event_applied"]
