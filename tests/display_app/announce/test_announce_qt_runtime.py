"""Canary: the installed PySide6 must not drop references on ordinary calls.

PySide6 6.12.0 on Python 3.11 loses a reference to None on every call of a C++ method
returning void (QTimer.stop(), QLabel.setText(), processEvents()...) and to True on every
Signal.emit(). None and True are then freed and the process aborts ("Fatal Python error:
none_dealloc"): for a hall display that is a crash within minutes. PySide6 6.11.3 is fine.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, QTimer, Signal


class _Probe(QObject):
    ping = Signal()


def test_void_calls_and_emits_keep_references(qapp) -> None:
    timer, probe = QTimer(), _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(100):
        timer.stop()
    none_lost = none_before - sys.getrefcount(None)
    for _ in range(100):
        probe.ping.emit()
    true_lost = true_before - sys.getrefcount(True)
    # Give back what the probe took, so that this test fails cleanly instead of aborting.
    for obj, lost in ((None, none_lost), (True, true_lost)):
        for _ in range(max(0, lost)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    advice = (
        f"PySide6 {pyside_version} drops references (None: {none_lost}/100 void calls, "
        f"True: {true_lost}/100 emits); the app will abort. Use PySide6 6.11.3 "
        "(PySide6-Essentials/PySide6-Addons <6.12)."
    )
    # Python 3.12+ makes None/True immortal, so the leak is harmless there.
    if sys.version_info < (3, 12):
        assert none_lost < 50 and true_lost < 50, advice
