"""When each device was last seen (`device.last_seen`), written off the hot path.

A device is seen when it makes an authenticated request and while its stream is open (at
each ping). `seen()` only notes it in memory (a dict look-up per request); `flush()`, run
by a background task, writes what is due in one UPDATE per batch. A device is written at
most once per SEEN_EVERY_S per process, never once per request."""

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import bindparam, update

from server.commands.context import Context
from server.domain.accounts import SEEN_EVERY_S
from server.principal import Principal
from server.store.convert import utc
from server.store.tables import Device

log = logging.getLogger(__name__)
_TOUCH = (
    update(Device).where(Device.id == bindparam("device_id")).values(last_seen=bindparam("seen"))
)


class LastSeen:
    def __init__(self, ctx: Context, clock: Callable[[], float] = time.monotonic) -> None:
        self.ctx, self.clock = ctx, clock
        self._written: dict[int, float] = {}  # device id -> when it was last queued
        self._due: set[int] = set()
        self._lock = threading.Lock()

    def seen(self, who: Principal) -> None:
        if who.kind != "device":
            return
        now = self.clock()
        last = self._written.get(who.id)
        if last is not None and now - last < SEEN_EVERY_S:
            return
        with self._lock:
            self._written[who.id] = now
            self._due.add(who.id)

    def flush(self) -> int:
        """Write the due devices' `last_seen` (now); returns how many."""
        with self._lock:
            due, self._due = self._due, set()
        if not due:
            return 0
        seen = utc(self.ctx.now())
        with self.ctx.uow() as uow:
            uow.session.connection().execute(
                _TOUCH, [{"device_id": d, "seen": seen} for d in sorted(due)]
            )
            uow.commit()
        return len(due)
