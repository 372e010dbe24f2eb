"""How a message leaves: web push (pywebpush, RFC 8291 encryption, VAPID), and the
centre's SMS/Zalo gateway chosen by URL (MOTCUA_NOTIFIER_URL):

- `webhook+https://sms.example.gov.vn/send` (or `webhook+http://…`): a POST of the JSON
  `{"to": "0912345678", "text": "…", "ticket_number": "1023", "kind": "near"|"called"}`
  to the centre's own gateway; any 2xx answer is "sent". `to` is the full number only
  in this POST (everywhere else it is masked).
- `log://`: the message is written to the server's log, the number masked (trials).
- unset: no SMS (web push only).

Each send is bounded by a timeout and runs on the event loop (no thread held), so a
hanging gateway holds nothing but its own message."""

import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp
from py_vapid import Vapid
from pywebpush import WebPushException, webpush_async

from protocol.phone_numbers import mask_phone
from server.notify.keys import VapidKeys

log = logging.getLogger(__name__)


class SendFailed(Exception):
    """A try failed. `final`: trying again cannot help (the subscription is gone)."""

    def __init__(self, why: str, final: bool = False) -> None:
        super().__init__(why)
        self.final = final


@dataclass(frozen=True)
class Sms:
    to: str  # the full number: only for the gateway
    text: str
    ticket_number: str
    kind: str


class Gateway(Protocol):
    name: str

    async def send(self, sms: Sms) -> None: ...


class WebPush:
    """Sends one encrypted payload (JSON: title, body, kind, number, url) to a phone's
    push service, signed with the server's VAPID key."""

    def __init__(self, keys: VapidKeys, subject: str, timeout_s: float) -> None:
        self.vapid = Vapid.from_raw(keys.private_key.encode())
        self.subject, self.timeout_s = subject, timeout_s
        self.session: aiohttp.ClientSession | None = None

    async def send(self, subscription: dict[str, Any], payload: dict[str, Any]) -> None:
        if self.session is None or self.session.closed:
            self.session = aiohttp.ClientSession()
        try:
            await webpush_async(
                subscription,
                json.dumps(payload, ensure_ascii=False),
                vapid_private_key=self.vapid,
                vapid_claims={"sub": self.subject},  # a new dict each time: it is filled in
                timeout=aiohttp.ClientTimeout(total=self.timeout_s),  # type: ignore[arg-type]
                ttl=15 * 60,
                aiohttp_session=self.session,
            )
        except WebPushException as e:
            status = e.response.status if e.response is not None else None  # type: ignore[union-attr]
            # 404/410: the phone unsubscribed or the subscription expired.
            raise SendFailed(f"push service answered {status}", final=status in (404, 410)) from e
        except (aiohttp.ClientError, TimeoutError, OSError) as e:
            raise SendFailed(f"push service unreachable: {type(e).__name__}") from e

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()


class Webhook:
    """POST `{to, text, ticket_number, kind}` to the centre's own gateway."""

    name = "webhook"

    def __init__(self, url: str, timeout_s: float) -> None:
        self.url, self.timeout_s = url, timeout_s
        self.session: aiohttp.ClientSession | None = None

    async def send(self, sms: Sms) -> None:
        if self.session is None or self.session.closed:
            self.session = aiohttp.ClientSession()
        body = {"to": sms.to, "text": sms.text, "ticket_number": sms.ticket_number,
                "kind": sms.kind}  # fmt: skip
        try:
            async with self.session.post(
                self.url, json=body, timeout=aiohttp.ClientTimeout(total=self.timeout_s)
            ) as r:
                if not 200 <= r.status < 300:
                    raise SendFailed(f"gateway answered {r.status}")
        except (aiohttp.ClientError, TimeoutError, OSError) as e:
            raise SendFailed(f"gateway unreachable: {type(e).__name__}") from e

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()


class LogGateway:
    name = "log"

    async def send(self, sms: Sms) -> None:
        log.info("SMS to %s (%s, %s): %s", mask_phone(sms.to), sms.ticket_number, sms.kind,
                 sms.text)  # fmt: skip

    async def close(self) -> None:
        return None


def gateway_for(url: str | None, timeout_s: float) -> Webhook | LogGateway | None:
    """The SMS/Zalo gateway of MOTCUA_NOTIFIER_URL (None: no SMS); ValueError for a URL
    it does not know, said at start rather than at the first message."""
    if not url:
        return None
    if url.startswith(("webhook+http://", "webhook+https://")):
        return Webhook(url.removeprefix("webhook+"), timeout_s)
    if url.startswith("log://"):
        return LogGateway()
    raise ValueError(
        f"MOTCUA_NOTIFIER_URL {url.split('://')[0]}://…: use webhook+https://host/path, "
        "webhook+http://host/path or log://"
    )
