"""When a phone's message is due (server.domain.notices): "near" once the ticket has its
field's `notify_ahead` citizens ahead (by the hall's own place), "called" while a counter
calls it; a field with `notify_ahead: 0` sends only the call."""

from datetime import date, timedelta

from protocol.centre import CentreConfig
from protocol.enums import Role
from protocol.notify import NotifyKind
from server.domain import decide, notices
from server.domain.actor import Principal
from server.domain.hall import Hall
from tests.server.domain.factories import NOW

BOSS = Principal("user", 9, "giamsat", Role.SUPERVISOR, "t", "Giám sát viên")
KIOSK = Principal("device", 7, "kiosk-1", Role.KIOSK, "t")
M = timedelta(minutes=1)


def hall_with(tickets: int, notify_ahead: int = 2) -> Hall:
    config = CentreConfig.model_validate(
        {
            "site": "t",
            "name": "Trung tâm thử",
            "enforce_hours": False,
            "services": [
                {
                    "id": "a",
                    "name": "A",
                    "numbers": {"start": 1001, "end": 1999},
                    "notify_ahead": notify_ahead,
                },
                {
                    "id": "b",
                    "name": "B",
                    "numbers": {"start": 2001, "end": 2999},
                    "notify_ahead": 0,
                },
            ],
            "counters": [{"id": 1, "services": ["a"]}, {"id": 2, "services": ["b"]}],
        }
    )
    hall = Hall("t", "e", 0, date(2026, 11, 23), config, 1)
    for i in range(1, tickets + 1):
        plan = decide.plan_ticket(hall, KIOSK, "a", None, None, None, NOW + i * M)
        decide.issue(hall, plan, i, KIOSK, NOW + i * M)
    decide.act(hall, BOSS, 1, "open", NOW)
    return hall


def kinds(due: list[notices.Notice]) -> list[tuple[str, NotifyKind]]:
    return [(n.number, n.kind) for n in due]


def test_near_is_due_at_exactly_notify_ahead_and_not_before() -> None:
    hall = hall_with(5)  # 1001…1005; 1005 has 4 ahead
    at = NOW + 10 * M
    assert notices.near(hall, [5], at) == []
    decide.act(hall, BOSS, 1, "call-next", at)  # 1001 called: 1005 has 3 ahead
    decide.act(hall, BOSS, 1, "start", at)
    decide.act(hall, BOSS, 1, "finish", at)
    assert notices.near(hall, [5], at) == []
    decide.act(hall, BOSS, 1, "call-next", at)  # 1002: 1005 has 2 ahead = notify_ahead
    (n,) = notices.near(hall, [5], at)
    assert (n.number, n.kind, n.ahead, n.service_id) == ("1005", NotifyKind.NEAR, 2, "a")
    assert kinds(notices.due(hall, [3, 4, 5], at)) == [
        ("1003", NotifyKind.NEAR),
        ("1004", NotifyKind.NEAR),
        ("1005", NotifyKind.NEAR),
    ]


def test_called_is_due_with_the_counter_and_a_called_ticket_is_not_near() -> None:
    hall = hall_with(2)
    at = NOW + 10 * M
    decide.act(hall, BOSS, 1, "call-next", at)
    (n,) = notices.due(hall, [1], at)
    assert (n.number, n.kind, n.counter_id) == ("1001", NotifyKind.CALLED, 1)
    decide.act(hall, BOSS, 1, "start", at)
    assert notices.due(hall, [1], at) == []  # at the counter: nothing more to say


def test_a_field_with_notify_ahead_0_sends_only_the_call() -> None:
    hall = hall_with(0)
    at = NOW + 10 * M
    plan = decide.plan_ticket(hall, KIOSK, "b", None, None, None, at)
    decide.issue(hall, plan, 9, KIOSK, at)
    assert notices.due(hall, [9], at) == []  # first in line, but b says: only the call
    decide.act(hall, BOSS, 2, "open", at)
    decide.act(hall, BOSS, 2, "call-next", at)
    assert kinds(notices.due(hall, [9], at)) == [("2001", NotifyKind.CALLED)]


def test_tickets_not_watched_or_gone_are_left_alone() -> None:
    hall = hall_with(1)
    at = NOW + 10 * M
    assert notices.due(hall, [], at) == []
    assert notices.due(hall, [42], at) == []  # not in the hall (done, another day)
