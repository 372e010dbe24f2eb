"""The one exception the domain raises: a stable code the API turns into problem+json."""

from typing import Any

from protocol.errors import ERROR_TITLES, ErrorCode


class DomainError(Exception):
    """`extra`: members the problem+json carries besides `detail` (e.g. `in_use` of
    `field-in-use`, `errors` of `centre-invalid`); `retry_after_s`: sent as Retry-After
    (a 429's wait)."""

    def __init__(
        self,
        code: ErrorCode,
        detail: str | None = None,
        retry_after_s: int | None = None,
        **extra: Any,
    ) -> None:
        self.code = code
        self.detail = detail
        self.retry_after_s = retry_after_s
        self.extra = extra
        super().__init__(f"{code.value}: {detail or ERROR_TITLES.get(code, '')}")
