"""Announcer: the one object the display uses to announce calls and recalls.

    announcer = Announcer(AnnounceConfig(...), parent=window)
    announcer.announce("A005", 3)                # on ticket.called
    announcer.announce("A005", 3, recall=True)   # on ticket.recalled

announce() returns at once: the sentence is synthesised on a worker thread (cached), then
queued behind anything already playing. Results come back to the GUI thread through a
queued signal, and the queue puts them back in call order.
"""

from __future__ import annotations

import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot

from .backend import SynthesisError
from .config import AnnounceConfig
from .player import QtPlayer
from .qtcompat import emit
from .sequencer import AnnouncementQueue, Player
from .synth import Synthesizer
from .text import announcement_text

log = logging.getLogger(__name__)


class Announcer(QObject):
    """Queued voice announcements for the hall.

    Signals: started(text) when an announcement becomes audible; finished(text) once per
    announce() call (played, muted or failed); failed(reason) when the voice could not be
    produced; the chime is then played alone so the hall still hears the call.
    """

    started = Signal(str)
    finished = Signal(str)
    failed = Signal(str)
    _ready = Signal(int, object, str)  # seq, wav bytes, error ("" if none); worker → GUI

    def __init__(
        self,
        config: AnnounceConfig | None = None,
        parent: QObject | None = None,
        *,
        player: Player | None = None,
        synthesizer: Synthesizer | None = None,
        workers: int = 2,
    ) -> None:
        super().__init__(parent)
        self.config = config or AnnounceConfig()
        self._synth = synthesizer or Synthesizer(self.config)
        self._player: Player = player if player is not None else QtPlayer(self)
        self._queue = AnnouncementQueue(
            self._player,
            on_started=lambda text: emit(self.started, text),
            on_finished=lambda text: emit(self.finished, text),
        )
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="announce")
        self._closed = False
        self._ready.connect(self._on_ready)
        self.set_volume(self.config.volume)
        self.set_muted(self.config.muted)

    # -- public API -----------------------------------------------------------------------
    def announce(self, number: str | int, counter: int | str, recall: bool = False) -> str | None:
        """Queue "chime + template" for a (re)called ticket; returns the sentence, or None
        (and emits failed) if the number/counter cannot be read. Never raises."""
        if self._closed:
            return None
        template = (recall and self.config.recall_template) or self.config.template
        try:
            text = announcement_text(template, str(number), counter, self.config.number_reading)
        except (TypeError, ValueError) as exc:
            emit(self.failed, f"cannot announce {number!r} at counter {counter!r}: {exc}")
            return None
        seq = self._queue.add(text)
        log.info("announce%s #%d: %s", " (recall)" if recall else "", seq, text)
        self._pool.submit(self._work, seq, text)
        return text

    def set_muted(self, muted: bool) -> None:
        """Muted: announcements are skipped (still in order, still emit finished)."""
        self._queue.muted = bool(muted)
        self._player.set_muted(bool(muted))

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, float(volume)))
        self._player.set_volume(self._volume)

    @property
    def muted(self) -> bool:
        return self._queue.muted

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def playing(self) -> str | None:
        """The sentence being played now, if any."""
        return self._queue.playing

    def render(self, number: str | int, counter: int | str) -> bytes:
        """The announcement WAV, synchronously (tools, tests, pre-recording); may raise."""
        text = announcement_text(
            self.config.template, str(number), counter, self.config.number_reading
        )
        return self._synth.announcement(text)

    def warm_up(self) -> None:
        """Load the voice in the background so the first call is not slower than the rest."""
        self._pool.submit(self._load_backend)

    def close(self) -> None:
        """Stop playback and workers; pending announcements are dropped."""
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._queue.clear()
        self._player.stop()

    # -- internals ------------------------------------------------------------------------
    def _load_backend(self) -> None:
        try:
            self._synth.chime_only()  # the chime is built once per sample rate (~0.2 s)
            self._synth.backend  # noqa: B018 - loading is the point
        except SynthesisError as exc:
            log.warning("announce: voice unavailable: %s", exc)

    def _work(self, seq: int, text: str) -> None:
        """Worker thread: never touches Qt objects except to emit the result signal."""
        error = ""
        wav: dict | bytes
        try:
            wav = self._synth.announcements(text)
        except Exception as exc:  # the voice failing must not lose the call's place in line
            if not isinstance(exc, SynthesisError):
                log.exception("announce: synthesis crashed")
            error = f"announcement voice failed: {exc}"
            try:
                wav = self._synth.chimes_only()
            except Exception:
                log.exception("announce: chime failed")
                wav = b""
        if self._closed:
            return
        # RuntimeError: the Announcer was deleted while we worked; nobody is listening.
        with contextlib.suppress(RuntimeError):
            emit(self._ready, seq, wav, error)

    @Slot(int, object, str)
    def _on_ready(self, seq: int, wav: dict | bytes, error: str) -> None:
        if error:
            log.warning("announce: %s", error)
            emit(self.failed, error)
        self._queue.deliver(seq, wav)
