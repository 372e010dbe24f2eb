"""Next-ticket policy, without a database."""

from datetime import timedelta

from server.domain.policy import CounterPolicy, choose_next
from server.domain.queues import Lines
from tests.server.domain.factories import NOW, cand, naive_order


def order_for_counter(cands, policy, now):  # type: ignore[no-untyped-def]
    """The counter's order as the hall computes it, checked against the oracle."""
    lines = Lines()
    for c in cands:
        lines.add(c)
    fast = list(lines.order_for(policy, now))
    assert [c.id for c in fast] == [c.id for c in naive_order(cands, policy, now)]
    return fast


def policy(**kw: object) -> CounterPolicy:
    base: dict[str, object] = {
        "counter_id": 5,
        "weights": {"a": 1.0, "b": 1.0},
        "priority_ratio": 2,
    }
    base.update(kw)
    return CounterPolicy(**base)  # type: ignore[arg-type]


def test_oldest_first_across_services() -> None:
    cands = [cand(1, "a", 10), cand(2, "b", 5), cand(3, "a", 7)]
    assert choose_next(cands, policy(), NOW).id == 2


def test_only_own_services() -> None:
    assert choose_next([cand(1, "z", 0)], policy(), NOW) is None


def test_transferred_to_this_counter_first_even_if_newer_and_other_service() -> None:
    cands = [
        cand(1, "a", 0),
        cand(2, "z", 50, to_counter_id=5),
        cand(3, "a", 1, priority="elderly"),
    ]
    assert choose_next(cands, policy(), NOW).id == 2


def test_ticket_transferred_to_another_counter_is_not_mine() -> None:
    cands = [cand(1, "a", 0, to_counter_id=9), cand(2, "a", 30)]
    assert choose_next(cands, policy(), NOW).id == 2


def test_due_appointment_before_priority_but_not_before_its_slot() -> None:
    due = cand(1, "a", 55, appointment_slot=NOW - timedelta(minutes=5))
    later = cand(2, "a", 56, appointment_slot=NOW + timedelta(minutes=30))
    prio = cand(3, "a", 20, priority="elderly")
    assert choose_next([due, later, prio], policy(), NOW).id == 1
    assert choose_next([later, prio], policy(), NOW).id == 3


def test_priority_interleaves_so_normal_tickets_still_move() -> None:
    prio = [cand(10 + i, "a", 30 + i, priority="elderly") for i in range(6)]
    normal = [cand(i, "a", i) for i in range(1, 4)]
    order = [c.id for c in order_for_counter(prio + normal, policy(), NOW)]
    # two priority, one normal, two priority, one normal, …
    assert order == [10, 11, 1, 12, 13, 2, 14, 15, 3]


def test_streak_carried_from_earlier_calls() -> None:
    cands = [cand(1, "a", 0), cand(2, "a", 10, priority="pregnant")]
    assert choose_next(cands, policy(priority_streak=2), NOW).id == 1
    assert choose_next(cands, policy(priority_streak=1), NOW).id == 2


def test_priority_alone_is_served_back_to_back() -> None:
    prio = [cand(i, "a", i, priority="disabled") for i in range(4)]
    assert [c.id for c in order_for_counter(prio, policy(), NOW)] == [0, 1, 2, 3]


def test_weights_favour_the_main_service() -> None:
    # b waited longer (50 vs 40 min) but weighs 0.5 at this counter: a goes first.
    p = policy(weights={"a": 1.0, "b": 0.5})
    cands = [cand(1, "a", 20), cand(2, "b", 10)]
    assert choose_next(cands, p, NOW).id == 1
    # …until b has waited more than twice as long.
    cands = [cand(1, "a", 45), cand(2, "b", 0)]
    assert choose_next(cands, p, NOW).id == 2


def test_same_time_goes_to_lower_id() -> None:
    assert choose_next([cand(7, "a", 0), cand(3, "a", 0)], policy(), NOW).id == 3
