"""What a clerk may press now, decided from the counter's state alone (pure Python).

The server decides for real and refuses with a problem title; these rules only keep
buttons that would certainly be refused greyed out, so a keypad press does something
or visibly nothing.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from protocol import CounterState, CounterStatus, TicketStatus


class Action(StrEnum):
    """A console action; the value is the server's path segment where there is one."""

    NEXT = "call-next"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no-show"
    TRANSFER = "transfer"
    PAUSE = "pause"
    RESUME = "resume"
    CALL = "call"  # a chosen ticket from the waiting list
    RETURN = "return"  # a no-show ticket whose citizen came back
    CLOSE = "close"


# F-keys, so a clerk with a keypad never needs the mouse. Pause and resume share F7:
# one button that toggles.
SHORTCUTS: dict[Action, str] = {
    Action.NEXT: "F1",
    Action.RECALL: "F2",
    Action.START: "F3",
    Action.FINISH: "F4",
    Action.NO_SHOW: "F5",
    Action.TRANSFER: "F6",
    Action.PAUSE: "F7",
    Action.RESUME: "F7",
    Action.CALL: "F8",
    Action.RETURN: "F9",
    Action.CLOSE: "F10",
}
LANGUAGE_SHORTCUT = "F12"


def allowed(counter: CounterState | None) -> frozenset[Action]:
    """Actions that make sense for `counter` as it is."""
    if counter is None or counter.status == CounterStatus.CLOSED:
        return frozenset()
    out = {Action.CLOSE, Action.RETURN}
    current = counter.current
    active = current is not None and current.status in (
        TicketStatus.CALLED,
        TicketStatus.SERVING,
    )
    if counter.status == CounterStatus.PAUSED:
        out.add(Action.RESUME)
    elif not active:  # a counter pauses between citizens (the server says counter-busy)
        out |= {Action.PAUSE, Action.NEXT, Action.CALL}
    if active and current is not None:
        out.add(Action.TRANSFER)
        if current.status == TicketStatus.CALLED:
            out |= {Action.RECALL, Action.START, Action.NO_SHOW}
        else:
            out.add(Action.FINISH)
    return frozenset(out)


def citizen_at_counter(counter: CounterState | None) -> bool:
    """True when closing now would leave a called or served citizen behind."""
    return (
        counter is not None
        and counter.current is not None
        and counter.current.status in (TicketStatus.CALLED, TicketStatus.SERVING)
    )


def no_show_wait(counter: CounterState | None, now: datetime) -> tuple[int, int] | None:
    """What the called citizen still gets before F5 works: (recalls, seconds), or None
    when it may be pressed. The server says both (`CounterState.no_show_recalls_left`,
    `no_show_at`); the console only counts down to them."""
    if counter is None or counter.current is None or counter.current.status != "called":
        return None
    recalls = counter.no_show_recalls_left
    seconds = 0
    if counter.no_show_at is not None:
        seconds = max(0, int((counter.no_show_at - now).total_seconds() + 0.999))
    return (recalls, seconds) if recalls or seconds else None
