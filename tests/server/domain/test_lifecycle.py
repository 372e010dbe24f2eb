"""Every (state, action) pair: the allowed ones move as DESIGN.md draws, the rest refuse."""

import itertools

import pytest

from protocol.enums import TicketStatus as S
from protocol.errors import ErrorCode
from server.domain.errors import DomainError
from server.domain.lifecycle import DAY_CLOSE, TRANSITIONS, Action, next_status

EXPECTED = {
    (S.WAITING, Action.CALL): S.CALLED,
    (S.CALLED, Action.RECALL): S.CALLED,
    (S.CALLED, Action.START): S.SERVING,
    (S.SERVING, Action.FINISH): S.DONE,
    (S.CALLED, Action.NO_SHOW): S.NO_SHOW,
    (S.NO_SHOW, Action.RETURN): S.WAITING,
    (S.CALLED, Action.TRANSFER): S.WAITING,
    (S.SERVING, Action.TRANSFER): S.WAITING,
    (S.WAITING, Action.TRANSFER): S.WAITING,  # a supervisor sends it to another field
    (S.WAITING, Action.CANCEL): S.CANCELLED,
}


@pytest.mark.parametrize(("state", "action"), list(itertools.product(S, Action)))
def test_every_pair(state: S, action: Action) -> None:
    if (state, action) in EXPECTED:
        assert next_status(state, action) == EXPECTED[(state, action)]
    else:
        with pytest.raises(DomainError) as e:
            next_status(state, action)
        want = (
            ErrorCode.TICKET_NOT_WAITING if action is Action.CALL else ErrorCode.INVALID_TRANSITION
        )
        assert e.value.code == want


def test_table_is_the_design() -> None:
    assert TRANSITIONS == EXPECTED


def test_finished_ticket_cannot_be_called_again() -> None:
    with pytest.raises(DomainError):
        next_status(S.DONE, Action.CALL)


def test_day_close_cancels_all_but_serving_and_final() -> None:
    assert DAY_CLOSE == {S.WAITING: S.CANCELLED, S.CALLED: S.CANCELLED, S.NO_SHOW: S.CANCELLED}
