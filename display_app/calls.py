"""`CallAnnouncer`: says each live call and recall aloud, with the centre's sentence.

Service side (no widgets). It listens to the hall state's `called(call, live)`: only
live calls are announced — after an outage the stream replays what was missed with
`live=False`, and the hall must not hear old calls again. The centre's template and
number reading come from the catalog; until it arrives the default sentence is used
(the same as the sample centre's), so a call is never held back for it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from clientkit.session import ServerLink
from display_app.announce import AnnounceConfig, Announcer
from protocol import Catalog, RecentCall

log = logging.getLogger(__name__)

AnnouncerFactory = Callable[[AnnounceConfig, QObject], Announcer]


def default_factory(config: AnnounceConfig, parent: QObject) -> Announcer:
    announcer = Announcer(config, parent=parent)
    announcer.warm_up()
    return announcer


def config_for(catalog: Catalog | None, base: AnnounceConfig) -> AnnounceConfig:
    """`base` with the centre's template and number reading (a bad one is logged and the
    base kept: a typo in the centre file must not silence the hall)."""
    if catalog is None:
        return base
    try:
        return base.with_changes(
            template=catalog.announcement_template, number_reading=catalog.number_reading
        )
    except (TypeError, ValueError) as exc:
        log.error("centre announcement settings unusable (%s); default sentence used", exc)
        return base


class CallAnnouncer(QObject):
    """Hands live calls to an `Announcer`.

    Args:
        link: the display's ServerLink.
        base: voice settings (voice, clips, rate…); template and reading are overridden
            by the catalog's.
        counter_id: announce only this counter's calls (counter-top display).
        factory: makes the Announcer (tests pass one with a fake player).

    Signals:
        announced(object): the `protocol.RecentCall` just handed to the voice.
        speaking(object): the `RecentCall` whose sentence is heard now, or None when the
            voice falls silent (the hall shows which call is being said: in a burst
            the voice is behind the screen).
    """

    announced = Signal(object)
    speaking = Signal(object)

    def __init__(
        self,
        link: ServerLink,
        base: AnnounceConfig | None = None,
        *,
        counter_id: int | None = None,
        factory: AnnouncerFactory = default_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._link = link
        self._base = base or AnnounceConfig()
        self._factory = factory
        self.counter_id = counter_id
        self._pending: dict[int, int] = {}  # id(announcer) -> announcements not finished
        self._said: dict[int, deque[RecentCall]] = {}  # id(announcer) -> calls in its line
        self.now_speaking: RecentCall | None = None
        self.announcer = self._make(self._base)
        link.state.called.connect(self._on_called)
        link.catalog_changed.connect(self._on_catalog)

    @property
    def muted(self) -> bool:
        return self.announcer.muted

    @property
    def volume(self) -> float:
        return self.announcer.volume

    def set_muted(self, muted: bool) -> None:
        self._base = self._base.with_changes(muted=muted)
        self.announcer.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        self._base = self._base.with_changes(volume=min(1.0, max(0.0, volume)))
        self.announcer.set_volume(self._base.volume)

    def close(self) -> None:
        self.announcer.close()

    def _on_called(self, call: RecentCall, live: bool) -> None:
        if not live:
            return  # catch-up after an outage: shown, not said
        if self.counter_id is not None and call.counter_id != self.counter_id:
            return
        if self.announcer.announce(call.number, call.counter_id, recall=call.recall):
            self._pending[id(self.announcer)] += 1
            self._said[id(self.announcer)].append(call)
        self.announced.emit(call)

    def _set_speaking(self, call: RecentCall | None) -> None:
        if call != self.now_speaking:
            self.now_speaking = call
            self.speaking.emit(call)

    def _on_catalog(self) -> None:
        wanted = config_for(self._link.catalog, self._base)
        current = self.announcer.config
        if (wanted.template, wanted.number_reading) == (current.template, current.number_reading):
            return
        old, self.announcer = self.announcer, self._make(wanted)
        self._retire(old)

    def _make(self, config: AnnounceConfig) -> Announcer:
        announcer = self._factory(config, self)
        key = id(announcer)
        self._pending[key] = 0
        line: deque[RecentCall] = deque()
        self._said[key] = line

        # The queue plays in call order and finishes every entry once (started only when
        # audible), so the head of `line` is the call being said.
        def started(_text: str) -> None:
            if line:
                self._set_speaking(line[0])

        def finished(_text: str) -> None:
            if key not in self._pending:
                return  # already closed
            if line:
                done = line.popleft()
                if self.now_speaking is done:
                    self._set_speaking(None)
            self._pending[key] = max(0, self._pending[key] - 1)
            if announcer is not self.announcer and self._pending[key] == 0:
                self._close(announcer)

        announcer.started.connect(started)
        announcer.finished.connect(finished)
        return announcer

    def _retire(self, old: Announcer) -> None:
        """Close the old voice once it has said all it was asked (never cut one off);
        `finished` closes it later otherwise."""
        if self._pending.get(id(old), 0) == 0:
            self._close(old)

    def _close(self, announcer: Announcer) -> None:
        self._pending.pop(id(announcer), None)
        self._said.pop(id(announcer), None)
        announcer.close()
        announcer.deleteLater()
