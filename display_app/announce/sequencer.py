"""Announcement queue: plays one at a time, in call order, whatever order audio is ready in.

Qt-free on purpose: the rules (no overlap, call order, recall = another entry, mute skips
without breaking order, how much chime each entry gets) are tested here with a fake
Player and clock; the Qt side only feeds it. Not thread-safe: call it from one thread
(the GUI thread in the display).

A burst of calls at opening must not queue for a minute: every call is still said, but
only the first after a quiet hall gets the full ding-dong (`Lead.FULL`); a call soon
after the previous announcement gets a short ding (`Lead.SHORT`); one that waited in line
behind another follows it straight on (`Lead.NONE`).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

log = logging.getLogger(__name__)

QUIET_S = 10.0  # after this long without an announcement the hall gets the full chime


class Lead(IntEnum):
    """What is played before an entry's sentence."""

    NONE = 0  # it waited in line: it follows the previous sentence straight on
    SHORT = 1  # the previous announcement ended moments ago: a short ding
    FULL = 2  # the hall was quiet: the whole ding-dong


Audio = bytes | Mapping[Lead, bytes]  # one WAV for any lead, or one per lead


class Player(Protocol):
    """Plays one WAV at a time. `on_done` must be called exactly once when it ends, fails
    or is stopped (calling it from inside play() is allowed)."""

    def play(self, wav: bytes, on_done: Callable[[], None]) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def set_muted(self, muted: bool) -> None: ...

    def stop(self) -> None: ...


@dataclass
class _Entry:
    seq: int
    text: str
    behind: bool  # queued while another was playing or waiting: no chime of its own
    wav: Audio | None = None  # None until synthesis delivers it

    @property
    def ready(self) -> bool:
        return self.wav is not None

    def audio(self, lead: Lead) -> bytes:
        assert self.wav is not None
        if isinstance(self.wav, bytes):
            return self.wav
        return self.wav.get(lead) or b""


class AnnouncementQueue:
    """`add()` reserves a place in line; `deliver()` supplies its audio later.

    `on_started(text)` fires when audio starts; `on_finished(text)` fires once for every
    entry, whether it played, was skipped while muted, or had nothing to play.
    `clock` (seconds, monotonic) and `quiet_s` decide the lead (see `Lead`); `leads`
    records the lead of every entry started, for tests and logs.
    """

    def __init__(
        self,
        player: Player,
        on_started: Callable[[str], None] | None = None,
        on_finished: Callable[[str], None] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        quiet_s: float = QUIET_S,
    ) -> None:
        self.player = player
        self.muted = False
        self.leads: list[Lead] = []
        self._clock = clock
        self._quiet_s = quiet_s
        self._last_end: float | None = None
        self._on_started = on_started or (lambda text: None)
        self._on_finished = on_finished or (lambda text: None)
        self._line: deque[_Entry] = deque()
        self._current: _Entry | None = None
        self._next_seq = 0
        self._pumping = False
        self._again = False

    @property
    def playing(self) -> str | None:
        return self._current.text if self._current else None

    @property
    def waiting(self) -> int:
        return len(self._line)

    def add(self, text: str) -> int:
        """Queue an announcement; returns the id to pass to deliver()."""
        seq = self._next_seq
        self._next_seq += 1
        behind = self._current is not None or bool(self._line)
        self._line.append(_Entry(seq, text, behind))
        return seq

    def deliver(self, seq: int, wav: Audio) -> None:
        """Audio for entry `seq`: one WAV, or one per `Lead` (b"" = nothing to play).
        Unknown ids are ignored (cleared)."""
        for entry in self._line:
            if entry.seq == seq:
                entry.wav = wav
                break
        self._pump()

    def clear(self) -> None:
        """Drop everything not yet playing (e.g. on shutdown); the current one ends normally."""
        self._line.clear()

    def _pump(self) -> None:
        # A player may call on_done from inside play(); instead of recursing, the outer
        # loop goes round again.
        if self._pumping:
            self._again = True
            return
        self._pumping = True
        try:
            self._again = True
            while self._again:
                self._again = False
                while self._current is None and self._line and self._line[0].ready:
                    self._start(self._line.popleft())
        finally:
            self._pumping = False

    def _lead(self, entry: _Entry) -> Lead:
        if self._last_end is None or self._clock() - self._last_end >= self._quiet_s:
            return Lead.FULL  # first of the day, or the hall has been quiet a while
        return Lead.NONE if entry.behind else Lead.SHORT

    def _start(self, entry: _Entry) -> None:
        lead = self._lead(entry)
        wav = entry.audio(lead)
        if self.muted or not wav:
            self._on_finished(entry.text)
            return
        self._current = entry
        self.leads.append(lead)
        done = False

        def on_done() -> None:
            nonlocal done
            if done:  # a late or duplicate callback must not end the next entry
                return
            done = True
            self._current = None
            self._last_end = self._clock()
            self._on_finished(entry.text)
            self._pump()

        self._on_started(entry.text)
        try:
            self.player.play(wav, on_done)
        except Exception:  # a broken player must not stall the hall's queue
            log.exception("announce: player failed")
            on_done()
