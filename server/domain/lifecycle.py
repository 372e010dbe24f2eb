"""The ticket state machine of DESIGN.md as an explicit transition table."""

from enum import StrEnum

from protocol.enums import TicketStatus
from protocol.errors import ErrorCode
from server.domain.errors import DomainError

S = TicketStatus


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    RETURN = "return"
    TRANSFER = "transfer"
    CANCEL = "cancel"


TRANSITIONS: dict[tuple[TicketStatus, Action], TicketStatus] = {
    (S.WAITING, Action.CALL): S.CALLED,
    (S.CALLED, Action.RECALL): S.CALLED,  # stays called, announced again
    (S.CALLED, Action.START): S.SERVING,
    (S.SERVING, Action.FINISH): S.DONE,
    (S.CALLED, Action.NO_SHOW): S.NO_SHOW,
    (S.NO_SHOW, Action.RETURN): S.WAITING,
    (S.CALLED, Action.TRANSFER): S.WAITING,  # into another service or counter, same place
    (S.SERVING, Action.TRANSFER): S.WAITING,
    (S.WAITING, Action.TRANSFER): S.WAITING,  # a supervisor sends it to another field
    (S.WAITING, Action.CANCEL): S.CANCELLED,
}

FINAL: frozenset[TicketStatus] = frozenset({S.DONE, S.CANCELLED})

# What day close does with a ticket left in each state. Serving tickets stay: the
# clerk is still with the citizen and will press "finish".
DAY_CLOSE: dict[TicketStatus, TicketStatus] = {
    S.WAITING: S.CANCELLED,
    S.CALLED: S.CANCELLED,
    S.NO_SHOW: S.CANCELLED,
}


def next_status(current: TicketStatus, action: Action) -> TicketStatus:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        code = (
            ErrorCode.TICKET_NOT_WAITING if action is Action.CALL else ErrorCode.INVALID_TRANSITION
        )
        raise DomainError(code, f"{action.value} from {current.value}") from None
