"""`ApiError`: every failure an app sees, with a Vietnamese title ready to show.

Server errors arrive as `application/problem+json` (`protocol.Problem`) and keep their
stable `type` code. Failures with no usable answer (connection refused, timeout, a proxy's
HTML error page) are mapped here so that an app only ever handles `ApiError`.
"""

from __future__ import annotations

import json
from typing import Any

from protocol import ERROR_TITLES, ErrorCode

NETWORK = "network"
BAD_RESPONSE = "bad-response"

NETWORK_TITLE = "Không kết nối được máy chủ, đang thử lại…"
BAD_RESPONSE_TITLE = "Máy chủ trả lời không đúng định dạng"

# When an answer carries no problem+json (e.g. a reverse proxy's page), the status
# alone still says what happened.
_STATUS_CODES: dict[int, ErrorCode] = {
    400: ErrorCode.MALFORMED,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.TOO_LARGE,
    422: ErrorCode.VALIDATION,
    429: ErrorCode.TOO_MANY_TICKETS,
    502: ErrorCode.UNAVAILABLE,
    503: ErrorCode.UNAVAILABLE,
    504: ErrorCode.UNAVAILABLE,
}

# Answers worth retrying for an idempotent command: the server (or its proxy) is
# restarting; the command may or may not have run, and the key makes that safe.
RETRYABLE_STATUSES = frozenset({502, 503, 504})


class ApiError(Exception):
    """A failed request.

    Attributes:
        code: the server's stable `type` (an `ErrorCode` value), or "network" when no
            answer came, or "bad-response" when the answer could not be read.
        title: Vietnamese sentence for the user (show it as is).
        status: HTTP status, 0 when no answer came.
        detail: technical detail for logs; not for the user.
        body: the full problem object (extra fields such as `errors`), if any.
    """

    def __init__(
        self,
        code: str,
        title: str,
        status: int = 0,
        detail: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{code} ({status}): {title}" + (f" — {detail}" if detail else ""))
        self.code = code
        self.title = title
        self.status = status
        self.detail = detail
        self.body = body or {}

    @property
    def is_network(self) -> bool:
        """No answer came: the server may not have seen the request at all."""
        return self.code == NETWORK

    @property
    def retryable(self) -> bool:
        """Worth retrying with the same Idempotency-Key."""
        return self.is_network or self.status in RETRYABLE_STATUSES

    @classmethod
    def network(cls, detail: str | None = None) -> ApiError:
        return cls(NETWORK, NETWORK_TITLE, 0, detail)

    @classmethod
    def bad_response(cls, status: int, detail: str | None = None) -> ApiError:
        return cls(BAD_RESPONSE, BAD_RESPONSE_TITLE, status, detail)

    @classmethod
    def from_status(cls, status: int, detail: str | None = None) -> ApiError:
        """Error for an answer without a usable problem body."""
        code = _STATUS_CODES.get(status, ErrorCode.INTERNAL)
        return cls(code.value, ERROR_TITLES[code], status, detail)

    @classmethod
    def from_response(cls, status: int, body: bytes, content_type: str = "") -> ApiError:
        """Build from an HTTP error answer: problem+json if possible, else from status."""
        problem: Any = None
        if body:
            try:
                problem = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                problem = None
        if isinstance(problem, dict) and isinstance(problem.get("type"), str):
            code = problem["type"]
            title = problem.get("title")
            if not isinstance(title, str) or not title:
                known = ErrorCode(code) if code in ErrorCode._value2member_map_ else None
                title = ERROR_TITLES[known] if known else cls.from_status(status).title
            detail = problem.get("detail")
            given = problem.get("status")
            return cls(
                code,
                title,
                given if isinstance(given, int) and given >= 400 else status,
                detail if isinstance(detail, str) else None,
                problem,
            )
        snippet = body[:200].decode("utf-8", "replace") if body else None
        return cls.from_status(status, f"{content_type}: {snippet}" if snippet else None)
