"""Cache of synthesised speech, in memory and on disk, so no phrase is synthesised twice."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

log = logging.getLogger(__name__)


def cache_key(backend: str, voice_id: str, text: str, rate: int) -> str:
    raw = "\0".join((backend, voice_id, text, str(rate))).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


class SpeechCache:
    """Thread-safe two-level cache of WAV bytes by key.

    Memory is a small LRU (a hall repeats the same few counters and recent numbers); disk
    keeps everything across restarts. Disk problems are logged, never raised: the cache
    only saves time.
    """

    def __init__(self, directory: Path | None, memory_items: int = 256) -> None:
        self.directory = directory
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._limit = memory_items
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path | None:
        # Two-level fan-out keeps directories small on a centre that runs for years.
        return None if self.directory is None else self.directory / key[:2] / f"{key}.wav"

    def get(self, key: str) -> bytes | None:
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        path = self._path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("announce cache: cannot read %s: %s", path, exc)
            return None
        self._remember(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        self._remember(key, data)
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a crash never leaves a truncated WAV under a valid key.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("announce cache: cannot write %s: %s", path, exc)

    def _remember(self, key: str, data: bytes) -> None:
        with self._lock:
            self._memory[key] = data
            self._memory.move_to_end(key)
            while len(self._memory) > self._limit:
                self._memory.popitem(last=False)
