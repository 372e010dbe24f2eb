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
from tests.server.domain.factories import NOW, naive_order

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


STREAKS: dict[int, int] = {}  # counter -> priority calls in a row, as the test counts them


def step(hall: Hall, rnd, now, next_id: int, counter_turn: bool):  # type: ignore[no-untyped-def]
    """One random but plausible move of a day: a ticket issued (or a no-show back, or a
    pause), or, on a counter's turn, that counter's next step."""
    roll = 0.4 + 0.5 * rnd.random() if counter_turn else 0.45 * rnd.random()
    if roll < 0.4:
        sid, prio = rnd.choice("abc"), rnd.random() < 0.25
        who = KIOSK if rnd.random() < 0.5 else ADMIN
        tile = next(s for s in views.service_states(hall, now) if s.id == sid)
        plan = decide.plan_ticket(hall, who, sid, None, "elderly" if prio else None, None, now)
        t = decide.issue(hall, plan, next_id, who, now)
        if not prio:  # the kiosk tile promised what the ticket now says
            assert hall.place_of(t, now).estimated_wait_s == tile.estimated_wait_s
        return "issue"
    c = hall.counters[rnd.choice([1, 2, 3])]
    if roll < 0.9:
        current = hall.current(c)
        if c.status == CounterStatus.PAUSED:
            action, args = "resume", {}
        elif current is None:
            expected = next(hall.waiting_for(c.id, now), None)
            if expected is None:
                return "idle"
            state = decide.act(hall, ADMIN, c.id, "call-next", now)
            assert state.current is not None and state.current.id == expected.id
            # The interleaving, counted here on its own: priority calls in a row.
            before = STREAKS.get(c.id, 0)
            STREAKS[c.id] = before + 1 if expected.priority else 0
            assert c.priority_streak == STREAKS[c.id]
            return "call-next"
        elif current.status == S.CALLED:
            action = rnd.choice(["start"] * 6 + ["no-show", "recall", "transfer"])
            args = {}
        else:
            action = rnd.choice(["finish"] * 8 + ["transfer"])
            args = {}
        if action == "transfer":
            to = rnd.choice(["a", "b", "c", 1, 2, 3])
            args = {"service_id": to} if isinstance(to, str) else {"to_counter_id": to}
        decide.act(hall, ADMIN, c.id, action, now, **args)
        return action
    if roll < 0.43:
        gone = sorted(t.id for t in hall.tickets.values() if t.status == S.NO_SHOW)
        if gone:
            decide.act(hall, ADMIN, c.id, "return", now, ticket_id=rnd.choice(gone))
            return "return"
        return "idle"
    if c.status == CounterStatus.OPEN and hall.current(c) is None:
        decide.act(hall, ADMIN, c.id, "pause", now, reason="Khác: họp giao ban")
        return "pause"
    return "idle"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(40, 160))
def test_random_day_agrees_everywhere(rnd, steps: int) -> None:  # type: ignore[no-untyped-def]
    hall = new_hall()
    now = NOW
    log = []
    next_id = 1
    STREAKS.clear()
    for cid in hall.counters:  # the day starts with every counter open
        decide.act(hall, ADMIN, cid, "open", now)
    log += hall.pending
    moves: dict[str, int] = {}
    for i in range(steps):
        hall.pending.clear()
        now += timedelta(seconds=rnd.randint(0, 240))
        try:
            move = step(hall, rnd, now, next_id, counter_turn=i % 2 == 1)
            moves[move] = moves.get(move, 0) + 1
            next_id += move == "issue"
        except DomainError:
            assert not hall.pending  # a refused command changes nothing
        log += hall.pending
        check_agreement(hall, now)
    assert moves.get("issue", 0) > 0 and moves.get("call-next", 0) > 0, moves
    # The hall is its log folded: replaying every event gives the same state.
    replay = new_hall()
    for type_, data, at in log:
        replay.apply(type_, data, at)
    assert views.snapshot(replay, now) == views.snapshot(hall, now)
    assert {c.id: c.priority_streak for c in replay.counters.values()} == {
        c.id: c.priority_streak for c in hall.counters.values()
    }
