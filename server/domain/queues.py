"""The day's waiting tickets, filed so that no question about them scans the queue.

Per service, two lines (priority and normal), the appointment check-ins and the tickets a
supervisor moved to the front, each kept in call order; per counter, the tickets
transferred or returned to it. A counter's next
ticket is `choose_next` over the heads of its lines, its whole waiting list is that step
repeated, and a ticket's place is counted with bisection: the cost of "next" and of a
new ticket's place does not grow with the queue.
"""

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime

from server.domain.model import Ticket
from server.domain.policy import CounterPolicy, choose_next


def _key(t: Ticket) -> tuple[datetime, int]:
    return t.key


def _front_key(t: Ticket) -> tuple[int, int]:
    return (t.front or 0, t.id)


def _slot_key(t: Ticket) -> tuple[datetime, datetime, int]:
    assert t.appointment_slot is not None
    return (t.appointment_slot, t.queue_at, t.id)


class Lines:
    def __init__(self) -> None:
        self.prio: dict[str, list[Ticket]] = defaultdict(list)
        self.normal: dict[str, list[Ticket]] = defaultdict(list)
        self.appts: dict[str, list[Ticket]] = defaultdict(list)  # by slot, not yet sent
        self.sent: dict[int, list[Ticket]] = defaultdict(list)  # to_counter_id -> tickets
        self.sent_by_service: dict[str, int] = defaultdict(int)
        self.front: dict[str, list[Ticket]] = defaultdict(list)  # moved, in the order moved

    # -- filing ---------------------------------------------------------------------
    def add(self, t: Ticket) -> None:
        if t.to_counter_id is not None:
            insort(self.sent[t.to_counter_id], t, key=_key)
            self.sent_by_service[t.service_id] += 1
            return
        if t.front is not None:
            insort(self.front[t.service_id], t, key=_front_key)
            return
        insort((self.prio if t.priority else self.normal)[t.service_id], t, key=_key)
        if t.appointment_slot is not None:
            insort(self.appts[t.service_id], t, key=_slot_key)

    def remove(self, t: Ticket) -> None:
        if t.to_counter_id is not None:
            _drop(self.sent[t.to_counter_id], t, _key)
            self.sent_by_service[t.service_id] -= 1
            return
        if t.front is not None:
            _drop(self.front[t.service_id], t, _front_key)
            return
        _drop((self.prio if t.priority else self.normal)[t.service_id], t, _key)
        if t.appointment_slot is not None:
            _drop(self.appts[t.service_id], t, _slot_key)

    def waiting(self, service_id: str) -> int:
        return (
            len(self.prio.get(service_id, ()))
            + len(self.normal.get(service_id, ()))
            + self.sent_by_service.get(service_id, 0)
            + len(self.front.get(service_id, ()))
        )

    # -- a counter's order ----------------------------------------------------------
    def next_for(self, policy: CounterPolicy, now: datetime) -> Ticket | None:
        return next(self.order_for(policy, now), None)

    def order_for(self, policy: CounterPolicy, now: datetime) -> Iterator[Ticket]:
        """The counter's waiting tickets in the order it would call them."""
        # (line, kind): "due" holds appointments (only those due count), "all" lines skip
        # a due appointment (it is called from its own line), "own" lines are whole.
        lines: list[tuple[list[Ticket], str]] = [(self.sent.get(policy.counter_id, []), "own")]
        for sid in policy.weights:
            lines.append((self.front.get(sid, []), "own"))
            lines.append((self.appts.get(sid, []), "due"))
            lines.append((self.prio.get(sid, []), "all"))
            lines.append((self.normal.get(sid, []), "all"))
        pos = [0] * len(lines)
        while True:
            heads: dict[int, int] = {}  # ticket id -> line index
            for i, (line, kind) in enumerate(lines):
                j = pos[i]
                if kind == "due":
                    if j < len(line) and line[j].due(now):
                        heads[line[j].id] = i
                    continue
                while kind == "all" and j < len(line) and line[j].due(now):
                    j += 1  # a due appointment is called from its own line
                pos[i] = j
                if j < len(line):
                    heads[line[j].id] = i
            chosen = choose_next((lines[i][0][pos[i]] for i in heads.values()), policy, now)
            if chosen is None:
                return
            yield chosen
            pos[heads[chosen.id]] += 1
            policy = policy.after(chosen)

    # -- a ticket's place -----------------------------------------------------------
    def ahead(self, t: Ticket, priority_ratio: int, now: datetime) -> int:
        """How many waiting tickets of its service go before `t` (which need not be filed:
        a ticket about to be issued is counted the same way).

        Tickets sent to a counter, those a supervisor moved to the front (in the order
        moved) and due appointments go first; priority tickets overtake
        normal ones, at most `priority_ratio` of them per normal call (the policy's
        interleaving), so a normal ticket is not shown an endless queue.
        """
        if t.to_counter_id is not None:
            return bisect_left(self.sent.get(t.to_counter_id, []), t.key, key=_key)
        sid = t.service_id
        front = self.front.get(sid, [])
        sent = self.sent_by_service.get(sid, 0)
        if t.front is not None:
            return sent + bisect_left(front, _front_key(t), key=_front_key)
        first = sent + len(front)
        appts = self.appts.get(sid, [])
        due = [a for a in appts if a.due(now) and a.id != t.id]
        if t.due(now):
            return len(front) + sum(1 for a in due if _slot_key(a) < _slot_key(t))
        prio_due_earlier = sum(1 for a in due if a.priority and a.key < t.key)
        normal_due_earlier = sum(1 for a in due if not a.priority and a.key < t.key)
        prio = self.prio.get(sid, [])
        prio_earlier = bisect_left(prio, t.key, key=_key) - prio_due_earlier
        normal_earlier = bisect_left(self.normal.get(sid, []), t.key, key=_key) - normal_due_earlier
        first += len(due)
        ratio = max(priority_ratio, 1)
        if t.priority:
            # The interleaving calls the oldest normal ticket, earlier or not than `t`.
            normal_all = len(self.normal.get(sid, [])) - sum(1 for a in due if not a.priority)
            return first + prio_earlier + min(normal_all, prio_earlier // ratio)
        prio_all = len(prio) - sum(1 for a in due if a.priority)
        return first + normal_earlier + min(prio_all, ratio * (normal_earlier + 1))


def _drop(line: list[Ticket], t: Ticket, key: object) -> None:
    i = bisect_left(line, key(t), key=key)  # type: ignore[operator]
    while i < len(line) and line[i] is not t:
        i += 1
    if i < len(line):
        del line[i]
