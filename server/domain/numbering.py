"""Ticket numbers: a numeric block (1001–1999, the Vietnamese habit) or prefix + padding."""

from dataclasses import dataclass

from protocol.centre import Numbers
from protocol.errors import ErrorCode
from server.domain.errors import DomainError


@dataclass(frozen=True)
class NumberScheme:
    start: int = 1
    end: int | None = None  # last usable number; None = unbounded
    prefix: str = ""
    width: int = 0  # zero-padding of the numeric part ("A005" has width 3)

    def __post_init__(self) -> None:
        if self.start < 0 or (self.end is not None and self.end < self.start):
            raise ValueError(f"bad number block {self.start}-{self.end}")

    @property
    def capacity(self) -> int | None:
        return None if self.end is None else self.end - self.start + 1

    def nth(self, n: int) -> int:
        """The number of the day's n-th ticket (n starts at 1)."""
        if n < 1:
            raise ValueError("n starts at 1")
        nxt = self.start + n - 1
        if self.end is not None and nxt > self.end:
            raise DomainError(
                ErrorCode.DAILY_LIMIT_REACHED, f"block {self.start}-{self.end} used up"
            )
        return nxt

    def text(self, number: int) -> str:
        return f"{self.prefix}{number:0{self.width}d}" if self.width else f"{self.prefix}{number}"


def scheme_of(numbers: Numbers) -> NumberScheme:
    """The numbering a service's configuration describes."""
    return NumberScheme(numbers.start, numbers.end, numbers.prefix, numbers.width)
