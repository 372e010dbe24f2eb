"""Every error leaves as application/problem+json with a stable code and a Vietnamese
title. Nothing else (no HTML, no traceback) reaches a client."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from protocol.errors import ERROR_TITLES, ErrorCode
from server.domain.errors import DomainError

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"

STATUS: dict[ErrorCode, int] = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.BAD_CREDENTIALS: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_YOUR_COUNTER: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.UNKNOWN_TICKET: 404,
    ErrorCode.UNKNOWN_COUNTER: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.VALIDATION: 422,
    ErrorCode.MALFORMED: 400,
    ErrorCode.IDEMPOTENCY_KEY_REQUIRED: 400,
    ErrorCode.UNKNOWN_REASON: 422,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.TOO_MANY_LOGINS: 429,
    ErrorCode.LAST_ADMIN: 409,
    ErrorCode.UNKNOWN_USER: 404,
    ErrorCode.UNKNOWN_DEVICE: 404,
    ErrorCode.UNKNOWN_ALERT: 404,
    ErrorCode.NAME_TAKEN: 409,
    ErrorCode.FIELD_IN_USE: 409,
    ErrorCode.CENTRE_INVALID: 422,
    ErrorCode.UNKNOWN_SERVICE: 422,
    ErrorCode.UNKNOWN_PROCEDURE: 422,
    ErrorCode.UNKNOWN_PRIORITY: 422,
    ErrorCode.UNKNOWN_RATING_LEVEL: 422,
    ErrorCode.APPOINTMENT_INVALID: 422,
    ErrorCode.TOO_MANY_TICKETS: 429,
    ErrorCode.PHONE_LIMIT_REACHED: 429,
    ErrorCode.UNKNOWN_APPOINTMENT: 404,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.INTERNAL: 500,
}


def problem(
    code: ErrorCode,
    detail: str | None = None,
    status: int | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    status = status or STATUS.get(code, 409)
    body: dict[str, Any] = {"type": code.value, "title": ERROR_TITLES[code], "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    out = {"Retry-After": "5"} if status in (429, 503) else {}
    out.update(headers or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=out or None)


_HTTP_CODES = {
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.TOO_LARGE,
    429: ErrorCode.RATE_LIMITED,
}


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        wait = exc.retry_after_s
        headers = {"Retry-After": str(wait)} if wait else None
        return problem(exc.code, exc.detail, headers=headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem(ErrorCode.MALFORMED, "body is not valid JSON")
        slim = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
            for e in errors[:20]
        ]
        return problem(
            ErrorCode.VALIDATION,
            "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in slim)[:500],
            errors=slim,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, ErrorCode.MALFORMED)
        detail = str(exc.detail) if exc.detail else None
        return problem(code, detail, status=exc.status_code, headers=exc.headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def _db(_: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable: %s", exc)
        return problem(ErrorCode.UNAVAILABLE, "database unavailable")

    @app.exception_handler(Exception)
    async def _any(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem(ErrorCode.INTERNAL)


class BodyLimit:
    """Refuse bodies over the limit before reading them all (ASGI middleware); `larger`:
    the paths allowed more (the centre's configuration)."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app, self.max_bytes, self.larger = app, max_bytes, larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.max_bytes)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await problem(ErrorCode.TOO_LARGE, f"limit {limit} bytes")(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise _TooLarge(limit)
            return msg

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await problem(ErrorCode.TOO_LARGE, f"limit {limit} bytes")(scope, receive, send)


class _TooLarge(StarletteHTTPException):
    """Raised while the app reads the body. An HTTPException, because FastAPI turns any
    other error while reading a body into a 400; this one reaches `_http` as a 413."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"limit {max_bytes} bytes")


# -- OpenAPI: the document says what the server really answers ----------------------

_DESCRIPTIONS = {
    400: "Malformed request (`malformed-request`, `idempotency-key-required`)",
    401: "No valid token (`unauthenticated`, `bad-credentials`)",
    403: "Not allowed for this role or counter (`forbidden`, `not-your-counter`)",
    404: "No such ticket, counter or page (`unknown-ticket`, `unknown-counter`, `not-found`)",
    409: "Refused by a queue rule in the current state (`queue-empty`, `counter-paused`, …)",
    413: "Body too large (`payload-too-large`)",
    422: "Invalid input (`validation-error`, `unknown-service`, …); `errors` lists the fields",
    429: "Too many requests (`too-many-tickets`, `too-many-requests`, `too-many-logins`); "
    "see Retry-After",
    500: "Unexpected error (`internal-error`)",
    503: "Temporarily unavailable, e.g. the database (`unavailable`); see Retry-After",
}
# Routes whose refusals the generic rules below would miss.
_EXTRA_STATUSES: dict[tuple[str, str], set[int]] = {
    ("post", "/auth/login"): {401, 429},
    ("post", "/tickets"): {400, 429},
    ("get", "/public/tickets/{code}"): {429},
    ("get", "/t/{code}"): {429},
}


def _statuses(method: str, path: str, op: dict[str, Any], api_prefix: str) -> set[int]:
    out = {500, 503}
    if op.get("security"):
        out |= {401, 403}
    params = op.get("parameters") or []
    if any(p.get("in") == "path" for p in params):
        out |= {404}
    if params or "requestBody" in op:
        out |= {422}
    if "requestBody" in op:
        out |= {400, 413}
    if method in ("post", "put", "patch", "delete"):
        out |= {409, 422}
    out |= _EXTRA_STATUSES.get((method, path.removeprefix(api_prefix)), set())
    return out


def problem_openapi(app: FastAPI, api_prefix: str) -> dict[str, Any]:
    """`app.openapi`: FastAPI's document, with every operation listing the
    application/problem+json errors it can give (schema `Problem`) instead of FastAPI's
    `HTTPValidationError`, which this server never sends."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    from protocol.errors import Problem

    doc = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem_schema.pop("$defs", {}))
    schemas["Problem"] = problem_schema
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            responses = op["responses"]
            responses.pop("422", None)  # FastAPI's HTTPValidationError
            for status in sorted(_statuses(method, path, op, api_prefix)):
                responses[str(status)] = {
                    "description": _DESCRIPTIONS[status],
                    "content": {PROBLEM: {"schema": ref}},
                }
    app.openapi_schema = doc
    return doc


def install_openapi(app: FastAPI, api_prefix: str) -> None:
    app.openapi = lambda: problem_openapi(app, api_prefix)  # type: ignore[method-assign]
