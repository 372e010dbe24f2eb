"""Random days through the domain: call order, places in queue and wait estimates agree
wherever they are shown, and the hall is exactly its event log folded."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol.centre import CentreConfig
from protocol.enums import CounterStatus, Role, TicketStatus
from server.domain import decide, views
from server.domain.actor import Principal
from server.domain.errors import DomainError
from server.domain.hall import Hall
from server.domain.policy import CounterPolicy
from tests.unit.domain.factories import NOW, naive_order

CFG = CentreConfig.model_validate(
    {
        "site": "t",
        "name": "Trung tâm thử",
        "enforce_hours": False,
        "priority_ratio": 2,
        "priority_groups": [{"code": "elderly", "name": "Người cao tuổi"}],
        "services": [
            {"id": "a", "name": "A", "numbers": {"start": 1001, "end": 1999}},
            {"id": "b", "name": "B", "numbers": {"start": 2001, "end": 2999}},
            {"id": "c", "name": "C", "numbers": {"prefix": "C", "width": 3}},
        ],
        "counters": [
            {"id": 1, "services": [{"id": "a"}, {"id": "b", "weight": 0.5}]},
            {"id": 2, "services": ["b"]},
            {"id": 3, "services": ["a", "c"]},
        ],
    }
)
ADMIN = Principal("user", 1, "admin", Role.ADMIN, "t", "Quản trị")
KIOSK = Principal("device", 7, "kiosk", Role.KIOSK, "t")
S = TicketStatus

op = st.one_of(
    st.tuples(st.just("issue"), st.sampled_from("abc"), st.booleans(), st.booleans()),
    st.tuples(
        st.just("counter"),
        st.sampled_from([1, 2, 3]),
        st.sampled_from(["call-next", "start", "finish", "no-show", "open", "pause", "resume"]),
    ),
    st.tuples(
        st.just("transfer"), st.sampled_from([1, 2, 3]), st.sampled_from(["a", "b", "c", 1, 2, 3])
    ),
    st.tuples(st.just("return"), st.sampled_from([1, 2, 3])),
    st.tuples(st.just("wait"), st.integers(1, 600)),
)


def new_hall() -> Hall:
    return Hall("t", "e", 0, date(2026, 11, 23), CFG, 1)


def check_agreement(hall: Hall, now) -> None:  # type: ignore[no-untyped-def]
    waiting = [t for t in hall.tickets.values() if t.status == S.WAITING]
    for c in hall.counters.values():
        policy = hall.policy(c)
        fast = [t.id for t in hall.waiting_for(c.id, now)]
        assert fast == [t.id for t in naive_order(waiting, policy, now)], f"counter {c.id}"
        listed = views.waiting_list(hall, c.id, now)
        for w in listed:
            assert w.estimated_wait_s == hall.place_of(hall.tickets[w.id], now).estimated_wait_s
    for sid in "abc":
        mine = [t for t in waiting if t.service_id == sid and t.to_counter_id is None]
        virtual = naive_order(mine, CounterPolicy(0, {sid: 1.0}, CFG.priority_ratio), now)
        sent = sum(1 for t in waiting if t.service_id == sid and t.to_counter_id is not None)
        for i, t in enumerate(virtual):
            expected = i if t.due(now) else i + sent
            assert hall.lines.ahead(t, CFG.priority_ratio, now) == expected, (sid, t.id)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, min_size=5, max_size=70))
def test_random_day_agrees_everywhere(ops) -> None:  # type: ignore[no-untyped-def]
    hall = new_hall()
    now = NOW
    log = []
    next_id = 1
    for o in ops:
        hall.pending.clear()
        try:
            if o[0] == "issue":
                _, sid, prio, from_kiosk = o
                tile = next(s for s in views.service_states(hall, now) if s.id == sid)
                who = KIOSK if from_kiosk else ADMIN
                plan = decide.plan_ticket(
                    hall, who, sid, None, "elderly" if prio else None, None, now
                )
                t = decide.issue(hall, plan, next_id, who, now)
                next_id += 1
                if not prio:  # the kiosk tile promised what the ticket now says
                    assert hall.place_of(t, now).estimated_wait_s == tile.estimated_wait_s
                    assert views.snapshot(hall, now).waiting[-1].id == t.id
            elif o[0] == "counter":
                _, cid, action = o
                expected = next(hall.waiting_for(cid, now), None)
                args = {"reason": "Khác: họp giao ban"} if action == "pause" else {}
                state = decide.act(hall, ADMIN, cid, action, now, **args)
                if action == "call-next":
                    assert expected is not None and state.current is not None
                    assert state.current.id == expected.id
            elif o[0] == "transfer":
                _, cid, to = o
                args = {"service_id": to} if isinstance(to, str) else {"to_counter_id": to}
                decide.act(hall, ADMIN, cid, "transfer", now, **args)
            elif o[0] == "return":
                gone = [t for t in hall.tickets.values() if t.status == S.NO_SHOW]
                if gone:
                    decide.act(hall, ADMIN, o[1], "return", now, ticket_id=gone[0].id)
            else:
                now += timedelta(seconds=o[1])
        except DomainError:
            assert not hall.pending  # a refused command changes nothing
        log += hall.pending
        check_agreement(hall, now)
    # The hall is its log folded: replaying every event gives the same state.
    replay = new_hall()
    for type_, data, at in log:
        replay.apply(type_, data, at)
    assert views.snapshot(replay, now) == views.snapshot(hall, now)
    assert {c.id: c.priority_streak for c in replay.counters.values()} == {
        c.id: c.priority_streak for c in hall.counters.values()
    }
    assert all(c.status in CounterStatus for c in hall.counters.values())
