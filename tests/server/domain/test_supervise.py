"""A supervisor's moves on the waiting list: to the front of its field (every reader of
the order agrees), and to another field keeping its place."""

from datetime import date, datetime, timedelta

import pytest

from protocol.centre import CentreConfig
from protocol.enums import Role, TicketStatus
from protocol.errors import ErrorCode
from protocol.events import EventType
from server.domain import decide, supervise, views
from server.domain.actor import Principal
from server.domain.errors import DomainError
from server.domain.hall import Hall
from tests.server.domain.factories import NOW, naive_order

BOSS = Principal("user", 9, "giamsat", Role.SUPERVISOR, "t", "Giám sát viên")
KIOSK = Principal("device", 7, "kiosk-1", Role.KIOSK, "t")
M = timedelta(minutes=1)


def new_hall() -> Hall:
    config = CentreConfig.model_validate(
        {
            "site": "t",
            "name": "Trung tâm thử",
            "enforce_hours": False,
            "priority_groups": [{"code": "elderly", "name": "Người cao tuổi"}],
            "services": [
                {"id": "a", "name": "A", "numbers": {"start": 1001, "end": 1999}},
                {"id": "b", "name": "B", "numbers": {"start": 2001, "end": 2999}},
            ],
            "counters": [{"id": 1, "services": ["a"]}, {"id": 3, "services": ["a", "b"]}],
        }
    )
    return Hall("t", "e", 0, date(2026, 11, 23), config, 1)


def issue(hall: Hall, service: str, at: datetime, tid: int, priority: str | None = None) -> None:
    plan = decide.plan_ticket(hall, KIOSK, service, None, priority, None, at)
    decide.issue(hall, plan, tid, KIOSK, at)


def numbers(tickets: object) -> list[str]:
    return [t.number for t in tickets]  # type: ignore[attr-defined]


def queue() -> Hall:
    hall = new_hall()
    issue(hall, "a", NOW, 1)  # 1001
    issue(hall, "a", NOW + M, 2, priority="elderly")  # 1002
    issue(hall, "a", NOW + 2 * M, 3)  # 1003
    issue(hall, "b", NOW + 3 * M, 4)  # 2001
    issue(hall, "a", NOW + 4 * M, 5)  # 1004
    return hall


def test_moved_ticket_is_called_next_and_every_reader_agrees() -> None:
    hall = queue()
    at = NOW + 10 * M
    before = hall.service_state("a", at).estimated_wait_s
    moved = supervise.move_to_front(hall, BOSS, 5, "Người khuyết tật đi cùng", at)
    assert moved.number == "1004" and moved.status == TicketStatus.WAITING
    event, data, _ = hall.pending[-1]
    assert event == EventType.TICKET_MOVED
    assert (data.reason, data.actor) == ("Người khuyết tật đi cùng", "user:giamsat")
    assert [s.id for s in data.services] == ["a"]
    order = list(hall.waiting_for(1, at))
    assert numbers(order) == ["1004", "1002", "1001", "1003"]
    everyone = [t for t in hall.tickets.values() if t.status == TicketStatus.WAITING]
    assert order == naive_order(everyone, hall.policy(hall.counters[1]), at)
    places = [w.position for w in views.waiting_list(hall, 1, at)]
    assert places == [1, 2, 3, 4]
    assert hall.place_of(hall.tickets[5], at).ahead == 0
    assert hall.service_state("a", at).estimated_wait_s == before  # one more ahead? no: same 4
    board = views.waiting_by_field(hall, at)
    assert numbers(board) == ["1004", "1002", "1001", "1003", "2001"]
    assert [w.position for w in board] == [1, 2, 3, 4, 1]
    decide.act(hall, BOSS, 1, "open", at)
    assert decide.act(hall, BOSS, 1, "call-next", at).current.number == "1004"  # type: ignore[union-attr]


def test_several_moved_go_in_the_order_moved_across_fields() -> None:
    hall = queue()
    at = NOW + 10 * M
    supervise.move_to_front(hall, BOSS, 4, "Hẹn trước với lãnh đạo", at)  # 2001, field b
    supervise.move_to_front(hall, BOSS, 3, "Đã chờ từ hôm qua", at)  # 1003, field a
    assert numbers(hall.waiting_for(3, at))[:2] == ["2001", "1003"]
    assert numbers(hall.waiting_for(1, at))[0] == "1003"
    assert hall.place_of(hall.tickets[3], at).ahead == 0
    assert hall.place_of(hall.tickets[4], at).ahead == 0
    assert hall.place_of(hall.tickets[1], at).ahead == 2  # 1003 moved, 1002 priority


def test_a_ticket_sent_to_the_counter_still_goes_first_there() -> None:
    hall = queue()
    at = NOW + 10 * M
    decide.act(hall, BOSS, 1, "open", at)
    decide.act(hall, BOSS, 1, "call", at, ticket_id=1)
    decide.act(hall, BOSS, 1, "start", at)
    decide.act(hall, BOSS, 1, "transfer", at, to_counter_id=3)  # 1001 waits for counter 3
    supervise.move_to_front(hall, BOSS, 5, "Lý do", at)
    assert numbers(hall.waiting_for(3, at))[:2] == ["1001", "1004"]
    assert numbers(hall.waiting_for(1, at))[0] == "1004"


def test_the_next_change_ends_the_move() -> None:
    hall = queue()
    at = NOW + 10 * M
    supervise.move_to_front(hall, BOSS, 5, "Lý do", at)
    supervise.transfer_waiting(hall, BOSS, 5, "b", at)
    assert hall.tickets[5].front is None
    assert numbers(hall.waiting_for(3, at))[-2:] == ["2001", "1004"]  # its own place in b


def test_transfer_keeps_the_place_and_tells_where_from() -> None:
    hall = queue()
    at = NOW + 10 * M
    pub = supervise.transfer_waiting(hall, BOSS, 1, "b", at)
    assert (pub.service_id, pub.status, pub.queue_at) == ("b", TicketStatus.WAITING, NOW)
    event, data, _ = hall.pending[-1]
    assert event == EventType.TICKET_TRANSFERRED and data.counter is None
    assert (data.from_service_id, data.to_service_id) == ("a", "b")
    assert sorted(s.id for s in data.services) == ["a", "b"]
    assert numbers(views.waiting_by_field(hall, at, "b")) == ["1001", "2001"]


@pytest.mark.parametrize(
    ("action", "args", "code"),
    [
        ("move", {"ticket_id": 99}, ErrorCode.UNKNOWN_TICKET),
        ("move", {"ticket_id": 1, "reason": "   "}, ErrorCode.VALIDATION),
        ("transfer", {"ticket_id": 1, "service_id": "a"}, ErrorCode.INVALID_TRANSITION),
        ("transfer", {"ticket_id": 1, "service_id": "zz"}, ErrorCode.UNKNOWN_SERVICE),
        ("move", {"ticket_id": 2}, ErrorCode.TICKET_NOT_WAITING),
        ("transfer", {"ticket_id": 2, "service_id": "b"}, ErrorCode.TICKET_NOT_WAITING),
    ],
)
def test_refusals_change_nothing(action: str, args: dict[str, object], code: ErrorCode) -> None:
    hall = queue()
    at = NOW + 10 * M
    decide.act(hall, BOSS, 1, "open", at)
    decide.act(hall, BOSS, 1, "call", at, ticket_id=2)  # 1002 is called, not waiting
    hall.pending.clear()
    order = numbers(hall.waiting_for(3, at))
    with pytest.raises(DomainError) as err:
        if action == "move":
            supervise.move_to_front(hall, BOSS, args["ticket_id"], args.get("reason", "x"), at)  # type: ignore[arg-type]
        else:
            supervise.transfer_waiting(hall, BOSS, args["ticket_id"], args["service_id"], at)  # type: ignore[arg-type]
    assert err.value.code == code
    assert hall.pending == [] and numbers(hall.waiting_for(3, at)) == order
