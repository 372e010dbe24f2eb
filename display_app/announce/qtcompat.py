"""Work around PySide6 6.12.0's Signal.emit() dropping a reference to True on every call.

On Python 3.11 (where True is not immortal) a few hundred emits from Python free True and
abort the process ("Fatal Python error: bool_dealloc"). PySide6 6.11.3 does not do this.
`emit()` below measures the leak once and gives the reference back after each emit, so
this package is safe on either version; on a fixed PySide6 it is a plain emit.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16
_leaks: bool | None = None
_lock = threading.Lock()


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    """Whether this PySide6 loses a reference to True per emit (measured once)."""
    global _leaks
    with _lock:
        if _leaks is None:
            probe = _Probe()
            before = sys.getrefcount(True)
            for _ in range(_PROBES):
                probe.ping.emit()
            lost = before - sys.getrefcount(True)
            # Other threads may touch True meanwhile; a real leak loses one per emit.
            _leaks = lost >= _PROBES // 2
            if _leaks:
                for _ in range(lost):
                    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
        return _leaks


def emit(signal: SignalInstance, *args: Any) -> None:
    """signal.emit(*args), without PySide6 6.12.0's reference leak."""
    leaks = emit_leaks_true()
    signal.emit(*args)
    if leaks:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
