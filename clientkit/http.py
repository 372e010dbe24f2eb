"""REST calls in the Qt event loop: `ApiClient` makes `ApiCall`s that emit their result.

Nothing here blocks: a call returns at once and later emits `succeeded(result)` or
`failed(ApiError)`. Both are always emitted from the event loop, never from inside
`get()`/`post()`, so connecting right after the call is safe.

Retries: a command that carries an `Idempotency-Key` is retried automatically (with
backoff, the same key every time) when no answer came or the server said 502/503/504.
The server answers the same result for the same key, so a retry after a network cut
never issues a second ticket. The key stays the same until an answer arrives.
"""

from __future__ import annotations

import json
import logging
import random
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from pydantic_core import to_jsonable_python
from PySide6.QtCore import QByteArray, QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from clientkit.errors import ApiError

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
Parser = Callable[[Any], Any]


def new_idempotency_key() -> str:
    """A fresh key for one user intent (one press of "take a number")."""
    return uuid.uuid4().hex


def backoff_delay(attempt: int, base_s: float = 0.5, max_s: float = 10.0) -> float:
    """Seconds to wait before retry number `attempt` (1, 2, …): doubling, capped, with
    ±20 % jitter so that many devices coming back together do not knock in step."""
    delay = min(max_s, base_s * (2 ** max(0, attempt - 1)))
    return min(max_s, delay * random.uniform(0.8, 1.2))


class ApiCall(QObject):
    """One request (with its retries). Emits exactly one of `succeeded` / `failed`,
    then `finished`, unless `abort()` was called.

    Signals:
        succeeded(object): decoded JSON (None for an empty answer), or the parser's
            result when the call was made with `parse=`.
        failed(object): an `ApiError`.
        retrying(int, object): attempt number about to be sent (2, 3, …) and the
            `ApiError` that made the previous one fail — e.g. to show "đang thử lại".
        finished(): after succeeded or failed.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    retrying = Signal(int, object)
    finished = Signal()

    def __init__(
        self,
        client: ApiClient,
        method: str,
        path: str,
        body: bytes | None,
        *,
        params: dict[str, Any] | None,
        idempotency_key: str | None,
        parse: Parser | None,
        retry: bool,
    ) -> None:
        super().__init__()
        self.method = method
        self.path = path
        self.idempotency_key = idempotency_key
        self.attempts = 0
        self.result: Any = None
        self.error: ApiError | None = None
        self.done = False
        self._client = client
        self._body = body
        self._params = params
        self._parse = parse
        self._retry = retry
        self._reply: QNetworkReply | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._send)

    def abort(self) -> None:
        """Stop the call (and its retries); no signal will be emitted."""
        if self.done:
            return
        self.done = True
        self._timer.stop()
        reply, self._reply = self._reply, None
        if reply is not None:
            reply.finished.disconnect(self._on_finished)
            reply.abort()
            reply.deleteLater()
        self._client._release(self)

    def _start(self) -> None:
        # Deferred so the caller can connect its slots first.
        self._timer.start(0)

    def _send(self) -> None:
        if self.done:
            return
        self.attempts += 1
        request = self._client._build_request(self.path, self._params, self.idempotency_key)
        data = QByteArray(self._body or b"")
        self._reply = self._client._nam.sendCustomRequest(request, self.method.encode(), data)
        self._reply.finished.connect(self._on_finished)

    def _on_finished(self) -> None:
        reply, self._reply = self._reply, None
        if reply is None or self.done:
            return
        reply.deleteLater()
        try:
            status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
            payload = bytes(reply.readAll().data())
            ctype = bytes(reply.rawHeader("Content-Type").data()).decode("latin-1")
            network = f"{reply.error().name}: {reply.errorString()}"
        except Exception as exc:  # never leave a call without an outcome
            log.exception("reading the answer to %s %s failed", self.method, self.path)
            self._finish(error=ApiError.bad_response(0, repr(exc)[:300]))
            return
        if status is None:  # no HTTP answer at all: refused, reset, timeout, DNS…
            self._fail(ApiError.network(network))
        elif 200 <= int(status) < 300:
            self._succeed(int(status), payload)
        else:
            self._fail(ApiError.from_response(int(status), payload, ctype))

    def _succeed(self, status: int, payload: bytes) -> None:
        try:
            result = json.loads(payload) if payload.strip() else None
            if self._parse is not None:
                result = self._parse(result)
        except Exception as exc:  # any parser error means the answer is unusable
            self._finish(error=ApiError.bad_response(status, repr(exc)[:300]))
            return
        self._finish(result=result)

    def _fail(self, error: ApiError) -> None:
        if self._retry and error.retryable and self.attempts < self._client.max_attempts:
            delay = backoff_delay(self.attempts, *self._client.backoff)
            log.info("%s %s failed (%s); retry in %.1fs", self.method, self.path, error, delay)
            self.retrying.emit(self.attempts + 1, error)
            self._timer.start(int(delay * 1000))
            return
        if error.status == 401 and error.code != "bad-credentials":  # a wrong password
            self._client.unauthenticated.emit(error)  # is not a lost session
        self._finish(error=error)

    def _finish(self, *, result: Any = None, error: ApiError | None = None) -> None:
        self.done = True
        self.result, self.error = result, error
        if error is None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)
        self.finished.emit()
        self._client._release(self)


class ApiClient(QObject):
    """HTTP client for `{base_url}/api/v1`. Paths are those of docs/API.md
    ("/catalog", "/counters/5/call-next").

    Args:
        base_url: "http://10.0.0.2:8000" (a path prefix behind a proxy is kept).
        token: bearer token (device token or the one `POST /auth/login` returned).
        timeout_s: per attempt; a transfer silent for this long fails as "network".
        max_attempts: attempts for a retried call, the first included.
        backoff: (first delay, max delay) in seconds between attempts.

    Signals:
        unauthenticated(object): an answer was 401 (token missing or expired) —
            the app shows its login or device-setup screen.
    """

    unauthenticated = Signal(object)

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout_s: float = 10.0,
        max_attempts: int = 6,
        backoff: tuple[float, float] = (0.5, 10.0),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.base_url = base_url
        self.token = token
        self.timeout_s = timeout_s
        self.max_attempts = max_attempts
        self.backoff = backoff
        self._nam = QNetworkAccessManager(self)
        self._inflight: set[ApiCall] = set()  # keeps calls alive until they finish

    @property
    def base_url(self) -> str:
        return self._base_url

    @base_url.setter
    def base_url(self, value: str) -> None:
        self._base_url = value.rstrip("/")

    def get(
        self,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        parse: Parser | None = None,
        retry: bool = False,
    ) -> ApiCall:
        """GET; `parse` (e.g. `Catalog.model_validate`) turns the JSON into a model."""
        return self.request("GET", path, params=params, parse=parse, retry=retry)

    def post(
        self,
        path: str,
        json: Any = None,
        *,
        idempotency_key: str | None = None,
        parse: Parser | None = None,
        retry: bool | None = None,
    ) -> ApiCall:
        """POST a JSON body (dict, list or pydantic model). With `idempotency_key` the
        call is retried on network failure unless `retry=False`."""
        return self.request(
            "POST", path, json, idempotency_key=idempotency_key, parse=parse, retry=retry
        )

    def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        *,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
        parse: Parser | None = None,
        retry: bool | None = None,
    ) -> ApiCall:
        body = None if json is None else _encode(json)
        call = ApiCall(
            self,
            method.upper(),
            path,
            body,
            params=params,
            idempotency_key=idempotency_key,
            parse=parse,
            retry=idempotency_key is not None if retry is None else retry,
        )
        self._inflight.add(call)
        call._start()
        return call

    def url(self, path: str, params: dict[str, Any] | None = None) -> QUrl:
        url = QUrl(f"{self._base_url}{API_PREFIX}/{path.lstrip('/')}")
        query = {k: v for k, v in (params or {}).items() if v is not None}
        if query:
            # urlencode escapes "&", "+" and "=" inside values; QUrlQuery does not.
            url.setQuery(urlencode(query, quote_via=quote))
        return url

    def _build_request(
        self, path: str, params: dict[str, Any] | None, idempotency_key: str | None
    ) -> QNetworkRequest:
        request = QNetworkRequest(self.url(path, params))
        request.setTransferTimeout(int(self.timeout_s * 1000))
        request.setRawHeader(b"Accept", b"application/json, application/problem+json")
        request.setRawHeader(b"Content-Type", b"application/json")
        if self.token:
            request.setRawHeader(b"Authorization", f"Bearer {self.token}".encode())
        if idempotency_key:
            request.setRawHeader(b"Idempotency-Key", idempotency_key.encode())
        return request

    def _release(self, call: ApiCall) -> None:
        # Deferred: the call may be inside its own slot; the lambda keeps it alive.
        QTimer.singleShot(0, self, lambda: self._inflight.discard(call))


def _encode(body: Any) -> bytes:
    """JSON body; pydantic models are dumped without None fields (strict bodies)."""
    if hasattr(body, "model_dump"):
        body = body.model_dump(mode="json", exclude_none=True)
    return json.dumps(to_jsonable_python(body), ensure_ascii=False).encode("utf-8")
