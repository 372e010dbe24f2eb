"""The sender: an asyncio task that claims the outbox's due messages and sends each in a
task of its own (at most `concurrency` at once), so a slow push service or gateway holds
only its own messages, never a request. A failed try is tried again after 1×, 2×, 4×…
`backoff_s` (at most `cap_s`); after `tries` tries the message is `failed`, with the last
error, for supervisors to see. A message is claimed with a lease (its `next_at` moves to
the lease's end): another process, or this one after a crash, sends it again only then."""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from protocol.notify import NotifyChannel
from protocol.phone_numbers import mask_phone
from server.notify import outbox
from server.notify.channels import Gateway, SendFailed, Sms, WebPush
from server.notify.contacts import ContactBook
from server.notify.texts import title
from server.store.context import Context

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retry:
    tries: int = 5
    backoff_s: float = 10.0
    cap_s: float = 600.0

    def after(self, tries: int) -> float | None:
        """Seconds until the next try after `tries` failed ones; None: give up."""
        if tries >= self.tries:
            return None
        return float(min(self.cap_s, self.backoff_s * 2 ** (tries - 1)))


@dataclass(frozen=True)
class Job:
    due: outbox.Due
    subscription: dict[str, Any] | None = None  # push
    phone: str | None = None  # sms


class Sender:
    def __init__(
        self,
        ctx: Context,
        push: WebPush | None,
        gateway: Gateway | None,
        contacts: ContactBook,
        retry: Retry = Retry(),
        timeout_s: float = 10.0,
        concurrency: int = 8,
    ) -> None:
        self.ctx, self.push, self.gateway, self.contacts = ctx, push, gateway, contacts
        self.retry, self.concurrency = retry, concurrency
        self.lease = timedelta(seconds=timeout_s + 30)
        self.inflight: set[asyncio.Task[None]] = set()
        self.wake = asyncio.Event()
        self.on_done: Callable[[int, str], None] = lambda _id, _status: None  # tests watch

    # -- one round ---------------------------------------------------------------------
    async def round(self) -> int:
        """Claim what is due (as many as there is room for) and start sending it."""
        room = self.concurrency - len(self.inflight)
        if room <= 0:
            return 0
        jobs = await asyncio.to_thread(self._take, room)
        for job in jobs:
            task = asyncio.create_task(self._send(job))
            self.inflight.add(task)
            task.add_done_callback(self.inflight.discard)
        return len(jobs)

    def _take(self, limit: int) -> list[Job]:
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            conn = uow.session.connection()
            claimed = outbox.claim(conn, now, now + self.lease, limit)
            jobs = []
            for d in claimed:
                if d.channel == NotifyChannel.PUSH:
                    target = outbox.push_target(conn, d.ticket_id)
                    jobs.append(Job(d, subscription=target.subscription_info() if target else None))
                else:
                    jobs.append(
                        Job(d, phone=self.contacts.phones(conn, [d.ticket_id]).get(d.ticket_id))
                    )
            uow.commit()
        return jobs

    async def _send(self, job: Job) -> None:
        d = job.due
        try:
            await self._deliver(job)
        except SendFailed as e:
            wait = None if e.final else self.retry.after(d.tries)
            retry_at = self.ctx.now() + timedelta(seconds=wait) if wait is not None else None
            await self._record(outbox.failed_try, d.id, str(e), retry_at)
            self.on_done(d.id, "retry" if retry_at else "failed")
            if retry_at is None:
                log.warning("message %s (%s %s) failed: %s", d.id, d.channel, d.kind, e)
        except Exception as e:  # a bug must not kill the sender: count it as a try
            log.exception("sending message %s failed", d.id)
            wait = self.retry.after(d.tries)
            retry_at = self.ctx.now() + timedelta(seconds=wait) if wait is not None else None
            await self._record(outbox.failed_try, d.id, f"internal: {type(e).__name__}", retry_at)
            self.on_done(d.id, "retry" if retry_at else "failed")
        else:
            await self._record(outbox.sent, d.id, self.ctx.now())
            self.on_done(d.id, "sent")
        self.wake.set()  # room for the next one

    async def _deliver(self, job: Job) -> None:
        d = job.due
        if d.channel == NotifyChannel.PUSH:
            if self.push is None:
                raise SendFailed("web push is off", final=True)
            if job.subscription is None:
                raise SendFailed("no subscription: the ticket has ended", final=True)
            payload = {
                "title": title(d.number, d.lang),
                "body": d.text,
                "kind": d.kind,
                "number": d.number,
                "url": f"/t/{d.tracking_code}?lang={d.lang}",
            }
            await self.push.send(job.subscription, payload)
            return
        if self.gateway is None:
            raise SendFailed("no SMS gateway (MOTCUA_NOTIFIER_URL)", final=True)
        if job.phone is None:
            raise SendFailed("no phone number (deleted)", final=True)
        log.debug("SMS %s to %s", d.id, mask_phone(job.phone))
        await self.gateway.send(Sms(job.phone, d.text, d.number, d.kind))

    async def _record(self, fn: Callable[..., None], *args: Any) -> None:
        def write() -> None:
            with self.ctx.uow() as uow:
                fn(uow.session.connection(), *args)
                uow.commit()

        try:
            await asyncio.to_thread(write)
        except Exception:  # the lease runs out and the message is tried again
            log.exception("recording message %s failed", args[0])

    # -- the loop ------------------------------------------------------------------------
    async def run(self, poll_s: float) -> None:
        """Rounds until cancelled: at once when woken (a message was queued, one ended),
        else when the earliest queued one is due, at least every `poll_s` (messages
        queued by another process)."""
        while True:
            self.wake.clear()
            try:
                await self.round()
                wait = await asyncio.to_thread(self._until_next, poll_s)
            except Exception:
                log.exception("the message sender's round failed; trying again")
                wait = poll_s
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await self.wake.wait()

    def _until_next(self, poll_s: float) -> float:
        with self.ctx.db.reader.connect() as conn:
            at = outbox.next_due(conn)
        if at is None:
            return poll_s
        return max(0.0, min(poll_s, (at - self.ctx.now()).total_seconds()))

    async def stop(self) -> None:
        for task in list(self.inflight):
            task.cancel()
        for task in list(self.inflight):
            with contextlib.suppress(asyncio.CancelledError):
                await task
