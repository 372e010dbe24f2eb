"""Maintenance keys of both display windows (a TV has no mouse; a technician plugs in a
keyboard): L language, M sound on/off, + / - volume, F11 full screen."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n

VOLUME_STEP = 0.1


class Voice(Protocol):
    @property
    def muted(self) -> bool: ...

    @property
    def volume(self) -> float: ...

    def set_muted(self, muted: bool) -> None: ...

    def set_volume(self, volume: float) -> None: ...


def handle_key(window: QWidget, event: QKeyEvent, voice: Voice | None) -> bool:
    """Act on a maintenance key; False if the key is not one of them."""
    key = event.key()
    if key == Qt.Key.Key_L:
        i18n.toggle()
    elif key == Qt.Key.Key_F11:
        window.showNormal() if window.isFullScreen() else window.showFullScreen()
    elif voice is not None and key == Qt.Key.Key_M:
        voice.set_muted(not voice.muted)
        note = getattr(window, "set_muted_note", None)  # the hall shows "Tắt tiếng"
        if note is not None:
            note(voice.muted)
    elif voice is not None and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        voice.set_volume(voice.volume + VOLUME_STEP)
    elif voice is not None and key == Qt.Key.Key_Minus:
        voice.set_volume(voice.volume - VOLUME_STEP)
    else:
        return False
    return True
