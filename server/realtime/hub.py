"""The hub: one per process. Events enter in seq order, each is serialised once and put
on every subscriber's bounded queue. A subscriber whose queue is full is cut off (it
resumes with `since`), so one stalled TV never slows the others or grows memory."""

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from server.realtime.backends import Backend, MemoryBackend

log = logging.getLogger(__name__)
Fetch = Callable[[str, int], list[dict[str, Any]]]  # (site, after_seq) -> events, in order


def _plain_frame(event: dict[str, Any]) -> str:
    return json.dumps({"kind": "event", "event": event}, ensure_ascii=False, default=str)


@dataclass(eq=False)
class Subscriber:
    site: str
    queue: asyncio.Queue[tuple[int, str]]
    on_overflow: Callable[[], None] = lambda: None
    overflowed: bool = False
    owner: str | None = None  # "user:lan", "device:hall-tv": who holds the stream
    on_owner_changed: Callable[[], None] = lambda: None


@dataclass
class _Site:
    last_seq: int = 0
    subscribers: set[Subscriber] = field(default_factory=set)
    catching_up: bool = False


class Hub:
    def __init__(
        self,
        fetch: Fetch,
        backend: Backend | None = None,
        queue_size: int = 2000,
        render: Callable[[dict[str, Any]], str] | None = None,
    ) -> None:
        self._fetch = fetch
        # One event -> its stream frame, once for every subscriber (stream.event_text).
        self._render = render or _plain_frame
        self._backend = backend or MemoryBackend()
        self._queue_size = queue_size
        self._sites: dict[str, _Site] = {}
        self._observers: list[Callable[[dict[str, Any]], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self.dropped = 0  # subscribers cut off for falling behind (server.metrics)

    # -- life cycle -------------------------------------------------------------------
    async def start(self, last_seqs: dict[str, int]) -> None:
        self._loop = asyncio.get_running_loop()
        for site, seq in last_seqs.items():
            self._site(site).last_seq = seq
        await self._backend.start(self._on_remote)

    async def stop(self) -> None:
        await self._backend.stop()

    def _site(self, site: str) -> _Site:
        s = self._sites.get(site)
        if s is None:
            s = self._sites[site] = _Site()
        return s

    def last_seq(self, site: str) -> int:
        return self._site(site).last_seq

    # -- subscribers ------------------------------------------------------------------
    def subscribe(
        self,
        site: str,
        on_overflow: Callable[[], None],
        owner: str | None = None,
        on_owner_changed: Callable[[], None] = lambda: None,
    ) -> Subscriber:
        """`owner`'s `on_owner_changed` runs when `changed(owner)` is said (an account
        or device changed: the stream checks its token again)."""
        sub = Subscriber(
            site, asyncio.Queue(self._queue_size), on_overflow, owner=owner,
            on_owner_changed=on_owner_changed,
        )  # fmt: skip
        self._site(site).subscribers.add(sub)
        return sub

    def observe(self, fn: Callable[[dict[str, Any]], None]) -> None:
        """`fn(event)` for every event this process learns of, once, in seq order per
        site: its own commands' and, through the backend, every other process's."""
        self._observers.append(fn)

    def changed(self, owner: str) -> None:
        """`owner`'s account or device changed: tell each of its open streams."""
        for s in self._sites.values():
            for sub in list(s.subscribers):
                if sub.owner == owner:
                    sub.on_owner_changed()

    def unsubscribe(self, sub: Subscriber) -> None:
        self._site(sub.site).subscribers.discard(sub)

    def subscriber_count(self) -> int:
        return sum(len(s.subscribers) for s in self._sites.values())

    # -- events in --------------------------------------------------------------------
    def publish_threadsafe(self, site: str, events: list[dict[str, Any]]) -> None:
        """Called by a command after its commit, from whatever thread ran it."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is shutting down
            loop.call_soon_threadsafe(self._on_local, site, events)

    def _on_local(self, site: str, events: list[dict[str, Any]]) -> None:
        self._deliver(site, events)
        if events and not isinstance(self._backend, MemoryBackend):
            asyncio.ensure_future(self._safe_publish(site, events[-1]["seq"]))

    async def _safe_publish(self, site: str, seq: int) -> None:
        try:
            await self._backend.publish(site, seq)
        except Exception:  # the other processes catch up on their next notification
            log.exception("broadcast publish failed")

    def _on_remote(self, site: str, seq: int) -> None:
        if seq > self._site(site).last_seq:
            self._schedule_catch_up(site)

    def _deliver(self, site: str, events: list[dict[str, Any]]) -> None:
        s = self._site(site)
        for e in events:
            seq = e["seq"]
            if seq <= s.last_seq:
                continue
            if seq != s.last_seq + 1:
                # A later commit overtook an earlier one on its way here: read the gap
                # from the log (commit order is seq order, so it is there already).
                self._schedule_catch_up(site)
                return
            s.last_seq = seq
            self._fan_out(s, seq, self._render(e))
            for fn in self._observers:
                try:
                    fn(e)
                except Exception:
                    log.exception("event observer failed on seq %s", seq)

    def _fan_out(self, s: _Site, seq: int, text: str) -> None:
        for sub in list(s.subscribers):
            if sub.overflowed:
                continue
            try:
                sub.queue.put_nowait((seq, text))
            except asyncio.QueueFull:
                sub.overflowed = True
                self.dropped += 1
                s.subscribers.discard(sub)
                sub.on_overflow()

    def _schedule_catch_up(self, site: str) -> None:
        s = self._site(site)
        if s.catching_up:
            return
        s.catching_up = True
        asyncio.ensure_future(self._catch_up(site))

    async def _catch_up(self, site: str) -> None:
        s = self._site(site)
        try:
            while True:
                before = s.last_seq
                events = await asyncio.to_thread(self._fetch, site, before)
                self._deliver(site, events)
                if not events or s.last_seq == before:
                    break
        except Exception:
            log.exception("catch-up from the event log failed")
        finally:
            s.catching_up = False
