"""One business day of a centre's event log folded into report tallies, per breakdown.

What each figure counts (the rules of the reports, once):
- an event belongs to the day of its time in the centre's time zone; `day.closed`
  belongs to the day it closes (it happens on a later one);
- issued: `ticket.issued`, under the field it was issued in; served: `ticket.finished`;
  no-show: `ticket.no_show`; transferred: `ticket.transferred`, under the field it left;
  cancelled: `ticket.cancelled`, and the tickets day close cancels that were waiting or
  called (a no-show left at close is already counted), at the hour they last changed;
- wait: from a ticket's issue to its first call, under the call's field, counter and
  clerk; within target when at most the field's `target_wait_s`; service time: from
  start to finish, under the finish's; ratings: `rating.submitted`, under the rated
  ticket's field, procedure, counter and the clerk who finished it;
- counters' time runs from a counter's first event of the day to the day's last event:
  paused (by reason), and idle: open, nobody at the counter, citizens waiting in one of
  its fields; it goes to the counter, its clerk, the hour and the day;
- waiting at HH:00: the day's tickets waiting at each hour mark between the day's first
  and last event (a ticket at HH:00:00 exactly counts from that hour on).
Every figure goes to the day, its hour, and whichever of field, procedure, counter and
clerk it has.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from protocol.centre import CentreConfig
from server.domain.report_figures import Tally

Key = tuple[date, str, str]  # (day, breakdown, key)
# A rated ticket this day's events never mentioned: (field, procedure, clerk) from the store.
Lookup = Callable[[int], tuple[str, str | None, int | None] | None]
MS = timedelta(milliseconds=1)
HOUR = timedelta(hours=1)
DAY_CLOSED = "day.closed"


def day_of(type_: str, at: datetime, data: dict[str, Any], cfg: CentreConfig) -> date:
    """The business day an event's figures belong to."""
    if type_ == DAY_CLOSED:
        return date.fromisoformat(data["day"])
    return at.astimezone(cfg.tz).date()


@dataclass
class _Ticket:
    service_id: str
    procedure_id: str | None
    status: str
    last_at: datetime
    issued_at: datetime | None = None  # set when its issue is among this day's events
    called: bool = False
    clerk: int | None = None  # the clerk who finished it (its rating goes to them)
    counter: int | None = None


@dataclass
class _Counter:
    status: str
    clerk: int | None
    reason: str | None
    busy: bool
    services: list[str]


class DayFold:
    def __init__(self, cfg: CentreConfig, day: date, lookup: Lookup | None = None) -> None:
        self.cfg, self.day, self.lookup = cfg, day, lookup
        self.start = datetime.combine(day, time(0), cfg.tz)
        self.end = self.start + timedelta(days=1)
        self.tallies: dict[Key, Tally] = defaultdict(Tally)
        self.tickets: dict[int, _Ticket] = {}
        self.counters: dict[int, _Counter] = {}
        self.waiting: Counter[str] = Counter()
        # Counters' time: (counter, clerk, hour, pause reason or None for idle) -> ms
        self.times: Counter[tuple[int, int | None, int, str | None]] = Counter()
        self.clock: datetime | None = None
        self.seq = 0
        self.levels = {lv.code: lv for lv in cfg.rating_levels}

    def rows(self) -> dict[Key, Tally]:
        """The tallies so far (copies: folding on changes none of them)."""
        out = {k: Tally().merge(t) for k, t in self.tallies.items() if not t.empty()}
        d = self.day
        for (cid, clerk, hour, why), ms in self.times.items():
            keys = [(d, "day", ""), (d, "hour", f"{hour:02d}"), (d, "counter", str(cid))]
            if clerk is not None:
                keys.append((d, "clerk", str(clerk)))
            for k in keys:
                t = out.setdefault(k, Tally())
                if why is None:
                    t.idle_ms += ms
                else:
                    t.paused_ms[why] += ms
        return out

    # -- one event --------------------------------------------------------------------
    def apply(self, seq: int, at: datetime, type_: str, data: dict[str, Any]) -> None:
        if type_ != DAY_CLOSED or at < self.end:
            self._advance(at)
        self.seq = seq
        handler = _HANDLERS.get(type_)
        if handler is not None:
            handler(self, at, data)
        c = data.get("counter")
        if c:
            self.counters[c["id"]] = _Counter(
                c["status"],
                c.get("clerk_user_id"),
                c.get("pause_reason"),
                c.get("current") is not None,
                list(c.get("services") or []),
            )

    def _keys(
        self,
        at: datetime,
        service: str | None = None,
        procedure: str | None = None,
        counter: int | None = None,
        clerk: int | None = None,
    ) -> Iterator[Tally]:
        d, hour = self.day, at.astimezone(self.cfg.tz).hour
        yield self.tallies[(d, "day", "")]
        yield self.tallies[(d, "hour", f"{hour:02d}")]
        for dim, v in (("service", service), ("procedure", procedure)):
            if v:
                yield self.tallies[(d, dim, v)]
        for dim, n in (("counter", counter), ("clerk", clerk)):
            if n is not None:
                yield self.tallies[(d, dim, str(n))]

    def _track(self, t: dict[str, Any], at: datetime) -> _Ticket:
        """The ticket as the event leaves it; keeps the fields' waiting counts."""
        old = self.tickets.get(t["id"])
        if old is not None and old.status == "waiting":
            self.waiting[old.service_id] -= 1
        if old is None:
            old = self.tickets[t["id"]] = _Ticket(t["service_id"], t.get("procedure_id"), "", at)
        old.service_id, old.procedure_id = t["service_id"], t.get("procedure_id")
        old.status, old.last_at = t["status"], at
        if old.status == "waiting":
            self.waiting[old.service_id] += 1
        return old

    # -- time between events ----------------------------------------------------------
    def _advance(self, at: datetime) -> None:
        at = min(at, self.end)
        if self.clock is None or at <= self.clock:
            self.clock = at if self.clock is None else self.clock
            return
        a = self.clock
        while a < at:
            mark = a.astimezone(self.cfg.tz).replace(minute=0, second=0, microsecond=0) + HOUR
            b = min(mark, at)
            self._counters_time(a, (b - a) // MS)
            if b == mark and mark < self.end:
                t = self.tallies[(self.day, "hour", f"{mark.astimezone(self.cfg.tz).hour:02d}")]
                t.waiting_sum += sum(self.waiting.values())
                t.waiting_samples += 1
            a = b
        self.clock = at

    def _counters_time(self, a: datetime, ms: int) -> None:
        """Counted per (counter, clerk, hour, reason) here; spread over the rows by `rows`."""
        if ms <= 0:
            return
        hour = -1
        for cid, c in self.counters.items():
            if c.status == "paused":
                why: str | None = c.reason or ""
            elif c.status == "open" and not c.busy and any(self.waiting[s] > 0 for s in c.services):
                why = None  # idle
            else:
                continue
            if hour < 0:
                hour = a.astimezone(self.cfg.tz).hour
            self.times[(cid, c.clerk, hour, why)] += ms

    # -- the events ---------------------------------------------------------------------
    def _issued(self, at: datetime, d: dict[str, Any]) -> None:
        t = self._track(d["ticket"], at)
        t.issued_at = at
        for x in self._keys(at, t.service_id, t.procedure_id):
            x.issued += 1

    def _called(self, at: datetime, d: dict[str, Any]) -> None:
        first = (t := self.tickets.get(d["ticket"]["id"])) is not None and not t.called
        t = self._track(d["ticket"], at)
        c = d["counter"]
        if first and t.issued_at is not None:
            ms = (at - t.issued_at) // MS
            within = ms <= self.cfg.target_wait_s(t.service_id) * 1000
            for x in self._keys(at, t.service_id, t.procedure_id, c["id"], c.get("clerk_user_id")):
                x.wait(ms, within)
        t.called = True

    def _status(self, at: datetime, d: dict[str, Any]) -> None:
        self._track(d["ticket"], at)

    def _at_counter(self, at: datetime, d: dict[str, Any], t: _Ticket) -> Iterator[Tally]:
        c = d.get("counter") or {}
        return self._keys(at, t.service_id, t.procedure_id, c.get("id"), c.get("clerk_user_id"))

    def _finished(self, at: datetime, d: dict[str, Any]) -> None:
        t = self._track(d["ticket"], at)
        t.counter, t.clerk = d["counter"]["id"], d["counter"].get("clerk_user_id")
        started, finished = d["ticket"].get("started_at"), d["ticket"].get("finished_at")
        for x in self._at_counter(at, d, t):
            x.served += 1
            if started and finished:
                x.service(
                    (datetime.fromisoformat(finished) - datetime.fromisoformat(started)) // MS
                )

    def _no_show(self, at: datetime, d: dict[str, Any]) -> None:
        t = self._track(d["ticket"], at)
        for x in self._at_counter(at, d, t):
            x.no_show += 1

    def _cancelled(self, at: datetime, d: dict[str, Any]) -> None:
        t = self._track(d["ticket"], at)
        for x in self._at_counter(at, d, t):
            x.cancelled += 1

    def _transferred(self, at: datetime, d: dict[str, Any]) -> None:
        old = self.tickets.get(d["ticket"]["id"])
        proc = old.procedure_id if old else d["ticket"].get("procedure_id")
        c = d["counter"]
        for x in self._keys(at, d["from_service_id"], proc, c["id"], c.get("clerk_user_id")):
            x.transferred += 1
        self._track(d["ticket"], at)

    def _day_closed(self, at: datetime, d: dict[str, Any]) -> None:
        for tid in d.get("cancelled", []):
            t = self.tickets.get(tid)
            if t is None or t.status in ("cancelled", "done"):
                continue
            if t.status != "no_show":
                for x in self._keys(t.last_at, t.service_id, t.procedure_id):
                    x.cancelled += 1
            if t.status == "waiting":
                self.waiting[t.service_id] -= 1
            t.status = "cancelled"

    def _rated(self, at: datetime, d: dict[str, Any]) -> None:
        r = d["rating"]
        t = self.tickets.get(r["ticket_id"])
        found = (t.service_id, t.procedure_id, t.clerk) if t else None
        if found is None and self.lookup is not None:
            found = self.lookup(r["ticket_id"])
        service, proc, clerk = found or (None, None, None)
        level = self.levels.get(r["level"])
        satisfied = level.counts_satisfied if level else False
        low = level.low if level else False
        for x in self._keys(at, service, proc, r.get("counter_id"), clerk):
            x.rating(r["level"], satisfied, low, list(r.get("reasons") or []))


_HANDLERS: dict[str, Callable[[DayFold, datetime, dict[str, Any]], None]] = {
    "ticket.issued": DayFold._issued,
    "ticket.called": DayFold._called,
    "ticket.recalled": DayFold._status,
    "ticket.started": DayFold._status,
    "ticket.returned": DayFold._status,
    "ticket.moved": DayFold._status,
    "ticket.finished": DayFold._finished,
    "ticket.no_show": DayFold._no_show,
    "ticket.cancelled": DayFold._cancelled,
    "ticket.transferred": DayFold._transferred,
    DAY_CLOSED: DayFold._day_closed,
    "rating.submitted": DayFold._rated,
}
