"""The watcher: which messages are due, decided when events commit.

It observes the hub (every event this process learns of, its own and other processes'),
notes the site, and a task of its own then reads that site's hall once for everything
that came meanwhile: the tickets watched (a push subscription, or a phone number where
the centre sends SMS) that the domain says are due (server.domain.notices) are queued in
the outbox, once per ticket, kind and channel. A ticket that ends loses its subscription.
Nothing here runs on a request's path: the observer only notes, the rest is a task."""

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from protocol.events import EventType
from protocol.notify import NotifyChannel, NotifyStatus
from protocol.phone_numbers import mask_phone
from server.domain import notices
from server.notify import outbox
from server.notify.contacts import ContactBook
from server.notify.texts import message_text
from server.store.context import Context
from server.store.convert import utc

log = logging.getLogger(__name__)
ENDED = frozenset({EventType.TICKET_FINISHED.value, EventType.TICKET_CANCELLED.value})
Key = tuple[int, str, str]  # (ticket, kind, channel)


def ended_tickets(event: dict[str, Any]) -> list[int]:
    """The tickets an event ends (finished, cancelled, or cancelled by the day's close).
    `data` is the model (this process's events) or its JSON (from the log)."""
    data = event.get("data")
    if data is None:
        return []
    if not isinstance(data, dict):
        data = data.model_dump(mode="json")
    if event.get("type") in ENDED:
        tid = (data.get("ticket") or {}).get("id")
        return [tid] if isinstance(tid, int) else []
    if event.get("type") == EventType.DAY_CLOSED.value:
        return [i for i in data.get("cancelled") or () if isinstance(i, int)]
    return []


class Watcher:
    def __init__(
        self, ctx: Context, contacts: ContactBook, sms: bool, queued: Callable[[], None]
    ) -> None:
        """`sms`: an SMS gateway is set (else only web push is queued); `queued()` runs
        (in a worker thread) when new messages are in the outbox."""
        self.ctx, self.contacts, self.sms, self.queued = ctx, contacts, sms, queued
        self._sites: set[str] = set()
        self._ended: list[int] = []
        self._wake = asyncio.Event()
        self._known: set[Key] = set()  # queued already (by anyone): no insert needed

    # -- on the event loop ------------------------------------------------------------
    def observe(self, event: dict[str, Any]) -> None:
        site = event.get("site")
        if not site:
            return
        self._sites.add(site)
        self._ended += ended_tickets(event)
        self._wake.set()

    def poke(self, site: str) -> None:
        """Look at `site` again (a new subscription)."""
        self._sites.add(site)
        self._wake.set()

    async def run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            sites, self._sites = self._sites, set()
            ended, self._ended = self._ended, []
            try:
                if ended:
                    await asyncio.to_thread(self.forget, ended)
                for site in sorted(sites):
                    await asyncio.to_thread(self.plan, site)
            except Exception:
                log.exception("deciding the phones' messages failed; trying at the next event")

    # -- in a worker thread -----------------------------------------------------------
    def forget(self, ticket_ids: list[int]) -> None:
        if len(self._known) > 100_000:  # a long-running process: what the outbox knows
            self._known.clear()
        with self.ctx.uow() as uow:
            outbox.unsubscribe(uow.session.connection(), ticket_ids)
            uow.commit()

    def plan(self, site: str) -> int:
        """Queue what is due at `site` now; returns how many messages are new."""
        with self.ctx.db.reader.connect() as conn:
            subs = outbox.subscribed(conn, site)
        with self.ctx.halls.read(site) as hall:
            live, cfg = list(hall.tickets), hall.cfg
        phones: dict[int, str] = {}
        if self.sms and cfg.phones.sms and live:
            with self.ctx.db.reader.connect() as conn:
                phones = self.contacts.phones(conn, live)
        watched = [t for t in live if t in subs or t in phones]
        if not watched:
            return 0
        now = self.ctx.now()
        with self.ctx.halls.read(site) as hall:
            due, cfg, day = notices.due(hall, watched, now), hall.cfg, hall.day
        rows = []
        for n in due:
            for channel, lang in (
                (NotifyChannel.PUSH.value, subs.get(n.ticket_id)),
                (NotifyChannel.SMS.value, "vi" if n.ticket_id in phones else None),
            ):
                key = (n.ticket_id, n.kind.value, channel)
                if lang is None or key in self._known:
                    continue
                self._known.add(key)
                to = mask_phone(phones[n.ticket_id]) if channel == NotifyChannel.SMS else None
                rows.append(
                    {"site": site, "day": day, "ticket_id": n.ticket_id, "number": n.number,
                     "service_id": n.service_id, "kind": n.kind.value, "channel": channel,
                     "lang": lang, "text": message_text(cfg, n, lang),
                     "status": NotifyStatus.QUEUED.value, "tries": 0, "next_at": utc(now),
                     "to_masked": to, "created_at": utc(now)}
                )  # fmt: skip
        if not rows:
            return 0
        try:
            with self.ctx.uow() as uow:
                new = outbox.queue(uow.session.connection(), rows)
                uow.commit()
        except Exception:
            for r in rows:  # not written: decide them again next time
                self._known.discard((r["ticket_id"], r["kind"], r["channel"]))
            raise
        if new:
            self.queued()
        return new
