"""The one exception the domain raises: a stable code the API turns into problem+json."""

from protocol.errors import ERROR_TITLES, ErrorCode


class DomainError(Exception):
    def __init__(self, code: ErrorCode, detail: str | None = None) -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code.value}: {detail or ERROR_TITLES.get(code, '')}")
