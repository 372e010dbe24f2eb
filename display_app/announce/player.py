"""QtMultimedia playback behind the small Player interface of sequencer.py.

With no audio device (offscreen CI, no PulseAudio, speakers unplugged) nothing is played
but on_done still fires after the clip's length, so the queue keeps its pace and the
display's "now announcing" state stays truthful. A watchdog ends any clip that the backend
never reports finished, so the queue can never stall.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from .wavutil import WavError, wav_duration

log = logging.getLogger(__name__)

_WATCHDOG_SLACK_MS = 3000  # backend start-up latency allowed beyond the clip's length


def has_audio_output() -> bool:
    return not QMediaDevices.defaultAudioOutput().isNull()


class QtPlayer(QObject):
    """Plays WAV bytes with QMediaPlayer + QAudioOutput; one clip at a time."""

    def __init__(self, parent: QObject | None = None, *, silent: bool = False) -> None:
        super().__init__(parent)
        self._silent = silent  # force the no-device path (tests, a display with no speakers)
        self._volume = 1.0
        self._muted = False
        self._media: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._on_done: Callable[[], None] | None = None
        self._file: Path | None = None
        self._duration_ms = 0
        self._started_at = 0.0
        self._count = 0
        self._warned = False
        self._tmp = tempfile.TemporaryDirectory(prefix="motcua-announce-")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._finish)

    # -- Player interface ---------------------------------------------------------------
    def play(self, wav: bytes, on_done: Callable[[], None]) -> None:
        if self._on_done is not None:
            self._finish()  # the queue never overlaps clips; keep the contract if misused
        try:
            self._duration_ms = int(wav_duration(wav) * 1000)
        except WavError as exc:
            log.error("announce: cannot play bad WAV: %s", exc)
            on_done()
            return
        self._on_done = on_done
        self._started_at = time.monotonic()
        if self._silent or not has_audio_output():
            if not self._warned:
                log.warning("announce: no audio output device; announcements are silent")
                self._warned = True
            self._timer.start(self._duration_ms)  # keep the pace as if it were heard
            return
        try:
            self._start_media(wav)
        except Exception:  # never let playback problems reach the display
            log.exception("announce: playback failed; continuing silently")
            self._timer.start(self._duration_ms)
            return
        self._timer.start(self._duration_ms + _WATCHDOG_SLACK_MS)

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, float(volume)))
        if self._output is not None:
            self._output.setVolume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        if self._output is not None:
            self._output.setMuted(self._muted)

    def stop(self) -> None:
        self._finish()

    # -- internals ------------------------------------------------------------------------
    def _ensure_media(self) -> QMediaPlayer:
        if self._media is None:
            self._output = QAudioOutput(self)
            self._output.setVolume(self._volume)
            self._output.setMuted(self._muted)
            self._media = QMediaPlayer(self)
            self._media.setAudioOutput(self._output)
            self._media.mediaStatusChanged.connect(self._on_status)
            self._media.errorOccurred.connect(self._on_error)
        # Follow the current default device (speakers may be plugged in after start-up).
        assert self._output is not None
        self._output.setDevice(QMediaDevices.defaultAudioOutput())
        return self._media

    def _start_media(self, wav: bytes) -> None:
        media = self._ensure_media()
        # A fresh file name each time: setting the same source again would not reload it.
        self._count += 1
        self._file = Path(self._tmp.name) / f"announce-{self._count}.wav"
        self._file.write_bytes(wav)
        media.setSource(QUrl.fromLocalFile(str(self._file)))
        media.play()

    @Slot(QMediaPlayer.MediaStatus)
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._on_done is None:
            return
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._finish()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fall_back("invalid media")

    @Slot(QMediaPlayer.Error, str)
    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if self._on_done is not None and error != QMediaPlayer.Error.NoError:
            self._fall_back(message or str(error))

    def _fall_back(self, reason: str) -> None:
        """Playback broke mid-clip: finish when the clip would have ended."""
        log.warning("announce: playback error (%s); continuing silently", reason)
        elapsed_ms = int((time.monotonic() - self._started_at) * 1000)
        self._timer.start(max(0, self._duration_ms - elapsed_ms))

    @Slot()
    def _finish(self) -> None:
        self._timer.stop()
        callback, self._on_done = self._on_done, None
        if self._media is not None:
            self._media.stop()
            self._media.setSource(QUrl())  # release the file (Windows cannot delete it open)
        if self._file is not None:
            self._file.unlink(missing_ok=True)
            self._file = None
        if callback is not None:
            callback()
