"""Announcement queue: plays one at a time, in call order, whatever order audio is ready in.

Qt-free on purpose: the rules (no overlap, call order, recall = another entry, mute skips
without breaking order) are tested here with a fake Player; the Qt side only feeds it.
Not thread-safe: call it from one thread (the GUI thread in the display).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)


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
    wav: bytes | None = None  # None until synthesis delivers it

    @property
    def ready(self) -> bool:
        return self.wav is not None


class AnnouncementQueue:
    """`add()` reserves a place in line; `deliver()` supplies its audio later.

    `on_started(text)` fires when audio starts; `on_finished(text)` fires once for every
    entry, whether it played, was skipped while muted, or had nothing to play.
    """

    def __init__(
        self,
        player: Player,
        on_started: Callable[[str], None] | None = None,
        on_finished: Callable[[str], None] | None = None,
    ) -> None:
        self.player = player
        self.muted = False
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
        self._line.append(_Entry(seq, text))
        return seq

    def deliver(self, seq: int, wav: bytes) -> None:
        """Audio for entry `seq` (b"" = nothing to play). Unknown ids are ignored (cleared)."""
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

    def _start(self, entry: _Entry) -> None:
        if self.muted or not entry.wav:
            self._on_finished(entry.text)
            return
        self._current = entry
        done = False

        def on_done() -> None:
            nonlocal done
            if done:  # a late or duplicate callback must not end the next entry
                return
            done = True
            self._current = None
            self._on_finished(entry.text)
            self._pump()

        self._on_started(entry.text)
        try:
            self.player.play(entry.wav, on_done)
        except Exception:  # a broken player must not stall the hall's queue
            log.exception("announce: player failed")
            on_done()
