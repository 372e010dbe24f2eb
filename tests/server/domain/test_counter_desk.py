"""Counter rules a clerk meets: no-show only after the centre's recalls and wait, and no
pause while a citizen is called or being served."""

from datetime import date, timedelta

import pytest

from protocol.centre import CentreConfig
from protocol.enums import CounterStatus, Role, TicketStatus
from protocol.errors import ErrorCode
from server.domain import decide
from server.domain.actor import Principal
from server.domain.errors import DomainError
from server.domain.hall import Hall
from tests.server.domain.factories import NOW

CLERK = Principal("user", 5, "canbo1", Role.CLERK, "t", "Cán bộ 1")
KIOSK = Principal("device", 7, "kiosk", Role.KIOSK, "t")


def hall_with(**cfg: object) -> Hall:
    config = CentreConfig.model_validate(
        {
            "site": "t",
            "name": "Trung tâm thử",
            "enforce_hours": False,
            "pause_reasons": ["Họp"],
            "services": [{"id": "a", "name": "A", "numbers": {"start": 1001}}],
            "counters": [{"id": 1, "services": ["a"]}],
            **cfg,
        }
    )
    hall = Hall("t", "e", 0, date(2026, 11, 23), config, 1)
    decide.act(hall, CLERK, 1, "open", NOW)
    plan = decide.plan_ticket(hall, KIOSK, "a", None, None, None, NOW)
    decide.issue(hall, plan, 1, KIOSK, NOW)
    return hall


def refused(hall: Hall, action: str, at, **args: object) -> ErrorCode:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as err:
        decide.act(hall, CLERK, 1, action, at, **args)
    assert not [p for p in hall.pending if p[2] == at]  # nothing written
    return err.value.code


def test_defaults_ask_for_a_recall_and_a_minute():
    cfg = hall_with().cfg
    assert (cfg.no_show_after_s, cfg.no_show_after_recalls) == (60, 1)


def test_no_show_only_after_the_recalls_and_the_wait():
    hall = hall_with(no_show_after_s=60, no_show_after_recalls=1)
    decide.act(hall, CLERK, 1, "call-next", NOW)
    # 1.5 s after the call, and even 5 minutes after without a recall: refused.
    assert refused(hall, "no-show", NOW + timedelta(seconds=1.5)) == ErrorCode.NO_SHOW_TOO_EARLY
    assert refused(hall, "no-show", NOW + timedelta(minutes=5)) == ErrorCode.NO_SHOW_TOO_EARLY
    recalled = NOW + timedelta(minutes=5)
    decide.act(hall, CLERK, 1, "recall", recalled)
    # The recall announced the number again: the citizen gets a minute from then.
    at = recalled + timedelta(seconds=59)
    assert refused(hall, "no-show", at) == ErrorCode.NO_SHOW_TOO_EARLY
    assert hall.tickets[1].status == TicketStatus.CALLED
    state = decide.act(hall, CLERK, 1, "no-show", recalled + timedelta(seconds=60))
    assert state.current is None and hall.tickets[1].status == TicketStatus.NO_SHOW


def test_a_centre_may_allow_an_immediate_no_show():
    hall = hall_with(no_show_after_s=0, no_show_after_recalls=0)
    decide.act(hall, CLERK, 1, "call-next", NOW)
    decide.act(hall, CLERK, 1, "no-show", NOW)
    assert hall.tickets[1].status == TicketStatus.NO_SHOW


def test_the_wait_rule_names_what_is_missing():
    hall = hall_with(no_show_after_s=30, no_show_after_recalls=2)
    decide.act(hall, CLERK, 1, "call-next", NOW)
    assert decide.no_show_wait(hall.cfg, hall.tickets[1], NOW) == "recall 2 more time(s) first"
    decide.act(hall, CLERK, 1, "recall", NOW)
    decide.act(hall, CLERK, 1, "recall", NOW + timedelta(seconds=10))
    t = hall.tickets[1]
    assert decide.no_show_wait(hall.cfg, t, NOW + timedelta(seconds=20)) == (
        "wait 20 s more after the latest call"
    )
    assert decide.no_show_wait(hall.cfg, t, NOW + timedelta(seconds=40)) is None


@pytest.mark.parametrize("then", [[], ["start"]])
def test_no_pause_while_a_citizen_is_called_or_served(then: list[str]):
    hall = hall_with()
    decide.act(hall, CLERK, 1, "call-next", NOW)
    for action in then:
        decide.act(hall, CLERK, 1, action, NOW)
    at = NOW + timedelta(seconds=1)
    assert refused(hall, "pause", at, reason="Họp") == ErrorCode.COUNTER_BUSY
    assert hall.counters[1].status == CounterStatus.OPEN
    decide.act(hall, CLERK, 1, "transfer", at, to_counter_id=1)  # sent on: free again
    decide.act(hall, CLERK, 1, "pause", at, reason="Họp")
    assert hall.counters[1].status == CounterStatus.PAUSED


def test_the_counter_state_says_when_a_no_show_becomes_possible() -> None:
    """The console counts down to what the server says; it keeps no copy of the rule."""
    hall = hall_with(no_show_after_s=30, no_show_after_recalls=1)
    called = decide.act(hall, CLERK, 1, "call-next", NOW)
    assert called.no_show_recalls_left == 1
    assert called.no_show_at == NOW + timedelta(seconds=30)
    recalled = decide.act(hall, CLERK, 1, "recall", NOW + timedelta(seconds=10))
    assert recalled.no_show_recalls_left == 0
    assert recalled.no_show_at == NOW + timedelta(seconds=40)  # from the latest call
    assert hall.counter_state(hall.counters[1]) == recalled  # the snapshot says the same
    started = decide.act(hall, CLERK, 1, "start", NOW + timedelta(seconds=50))
    assert (started.no_show_recalls_left, started.no_show_at) == (0, None)
