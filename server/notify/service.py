"""The notifier of one server process: the watcher on the hub, the sender, the VAPID key
pair, and the phone page's subscription. `create_app` builds it, the lifespan starts and
stops it."""

import asyncio
import contextlib
import logging

from protocol.errors import ErrorCode
from protocol.notify import PushKey, PushSubscribe, PushSubscribed
from server.domain.errors import DomainError
from server.notify import outbox
from server.notify.channels import WebPush, gateway_for
from server.notify.contacts import ContactBook, TicketContacts
from server.notify.keys import VapidKeys, ensure_keys
from server.notify.sender import Retry, Sender
from server.notify.watcher import Watcher
from server.queries.tracking import ticket_of_code, tracking_of
from server.realtime.hub import Hub
from server.settings import Settings
from server.store.context import Context

log = logging.getLogger(__name__)


class Notifier:
    def __init__(
        self, ctx: Context, hub: Hub, settings: Settings, contacts: ContactBook | None = None
    ) -> None:
        self.ctx, self.settings = ctx, settings
        self.contacts = contacts or TicketContacts()
        self.gateway = gateway_for(settings.notifier_url, settings.notify_timeout_s)
        self.watcher = Watcher(ctx, self.contacts, self.gateway is not None, self._queued)
        hub.observe(self.watcher.observe)
        self.keys: VapidKeys | None = None
        self.sender: Sender | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._lifespans = 0

    async def start(self, sites: list[str]) -> None:
        """Once per app: an app whose lifespan is entered again (a second ASGI client
        of the same app, in its own event loop) keeps the one notifier it has."""
        self._lifespans += 1
        if self._lifespans > 1:
            return
        self._loop = asyncio.get_running_loop()
        self.keys = await asyncio.to_thread(ensure_keys, self.ctx, self.ctx.now())
        s = self.settings
        self.sender = Sender(
            self.ctx,
            WebPush(self.keys, s.push_subject, s.notify_timeout_s),
            self.gateway,
            self.contacts,
            Retry(s.notify_tries, s.notify_backoff_s),
            s.notify_timeout_s,
        )
        self._tasks = [
            asyncio.create_task(self.watcher.run()),
            asyncio.create_task(self.sender.run(s.notify_poll_s)),
        ]
        for site in sites:  # what became due while no process was running
            self.watcher.poke(site)

    async def stop(self) -> None:
        self._lifespans -= 1
        if self._lifespans > 0 or asyncio.get_running_loop() is not self._loop:
            return  # another lifespan of this app still runs it (or this loop never did)
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.sender is not None:
            await self.sender.stop()
            for channel in (self.sender.push, self.gateway):
                if channel is not None:
                    await channel.close()

    def _queued(self) -> None:
        """From a worker thread: new messages, wake the sender."""
        loop, sender = self._loop, self.sender
        if loop is not None and sender is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(sender.wake.set)

    # -- the phone page ---------------------------------------------------------------
    def push_key(self) -> PushKey:
        if self.keys is None:
            raise DomainError(ErrorCode.UNAVAILABLE, "the server is starting")
        return PushKey(public_key=self.keys.public_key)

    def subscribe(self, code: str, body: PushSubscribe) -> tuple[str, PushSubscribed]:
        """The ticket's messages go to this push subscription; returns its site (for
        `poke`) and the answer. A ticket that is done or cancelled takes none."""
        if body.endpoint.startswith("http://") and not self.settings.push_allow_http:
            raise DomainError(ErrorCode.VALIDATION, "endpoint: a push service is https://")
        ref = ticket_of_code(self.ctx, code)
        info = tracking_of(self.ctx, ref)
        if info.final:
            raise DomainError(ErrorCode.TICKET_NOT_WAITING, "the ticket is done or cancelled")
        with self.ctx.uow() as uow:
            conn = uow.session.connection()
            outbox.subscribe(conn, ref.site, ref.ticket_id, body, self.ctx.now())
            uow.commit()
        return ref.site, PushSubscribed(number=info.number, lang=body.lang)

    def use(self, push: object = None, gateway: object = None, contacts: object = None) -> None:
        """Tests: replace the push channel, the SMS gateway or the contact book."""
        assert self.sender is not None
        if push is not None:
            self.sender.push = push  # type: ignore[assignment]
        if gateway is not None:
            self.gateway = self.sender.gateway = gateway  # type: ignore[assignment]
            self.watcher.sms = True
        if contacts is not None:
            self.contacts = self.sender.contacts = self.watcher.contacts = contacts  # type: ignore[assignment]
