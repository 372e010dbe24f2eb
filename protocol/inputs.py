"""The shapes every request input shares: ids bounded to the database's integer columns,
and text that is clean Unicode of a stated length.

- `RowId`: a row id (ticket, user, device…): 1 … 2³¹−1, the range of PostgreSQL's
  `integer` (SQLite's is wider). A larger number cannot name a row, so it is refused as
  invalid input instead of reaching the database.
- `CounterNo`: a counter's number, 1 … 999 (as in the centre file).
- `text(max_length)`: a string normalised to NFC and stripped, refused when empty, longer
  than `max_length` characters, or holding a control character (a newline only where
  `multiline=True`), an invisible/zero-width or bidirectional-override character, a
  surrogate, a private-use character or a noncharacter. What is stored and shown is then
  exactly what a person typed and sees.
- "Other" reasons: a pause or rating reason is one of the centre's list, or
  `"Khác: <text>"` with at most `OTHER_MAX` characters of text (see `other_text`).
"""

import unicodedata
from datetime import datetime
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import AfterValidator, StringConstraints

INT32_MAX = 2**31 - 1
RowId = Annotated[int, Ge(1), Le(INT32_MAX)]
CounterNo = Annotated[int, Ge(1), Le(999)]


def _plausible(v: datetime) -> datetime:
    # Far from the representable edges, where a time-zone shift would overflow.
    if not 2000 <= v.year <= 2100:
        raise ValueError("year must be within 2000…2100")
    return v


# A moment a person may book: years 2000…2100, with or without a UTC offset.
Moment = Annotated[datetime, AfterValidator(_plausible)]

OTHER_PREFIX = "Khác:"  # a reason outside the centre's list: "Khác: <what>"
OTHER_MAX = 100  # characters of <what>

# Format characters (Cf: zero-width, bidi marks/overrides/isolates, BOM, soft hyphen…),
# controls (Cc), surrogates (Cs), private use (Co) and line/paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def bad_character(value: str, multiline: bool = False) -> str | None:
    """The first character `value` may not hold, or None when it is clean."""
    for ch in value:
        if multiline and ch == "\n":
            continue
        o = ord(ch)
        if (
            unicodedata.category(ch) in _REFUSED_CATEGORIES
            or 0xFDD0 <= o <= 0xFDEF
            or (o & 0xFFFE) == 0xFFFE
        ):
            return ch
    return None


def clean_text(
    value: str, max_length: int, *, multiline: bool = False, strip: bool = True, min_length: int = 1
) -> str:
    """`value` as NFC, stripped; ValueError saying why it is refused."""
    if multiline:
        value = value.replace("\r\n", "\n")
    bad = bad_character(value, multiline)
    if bad is not None:
        raise ValueError(f"character U+{ord(bad):04X} is not allowed")
    value = unicodedata.normalize("NFC", value)
    if strip:
        value = value.strip()
    if len(value) < min_length:
        raise ValueError(
            "must not be empty" if min_length == 1 else f"at least {min_length} characters"
        )
    if len(value) > max_length:
        raise ValueError(f"at most {max_length} characters")
    return value


def text(
    max_length: int, *, multiline: bool = False, strip: bool = True, min_length: int = 1
) -> Any:
    """An annotated `str` type: clean text of `min_length` … `max_length` characters."""

    def check(v: str) -> str:
        return clean_text(v, max_length, multiline=multiline, strip=strip, min_length=min_length)

    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        AfterValidator(check),
    ]


def other_text(reason: str) -> str | None:
    """The free text of an "other" reason (`"Khác: …"`), or None when `reason` is not one."""
    if not reason.startswith(OTHER_PREFIX):
        return None
    return reason[len(OTHER_PREFIX) :].strip()


def reason_problem(reason: str, allowed: list[str]) -> str | None:
    """Why `reason` is not acceptable against the centre's list `allowed`, or None."""
    if reason in allowed:
        return None
    other = other_text(reason)
    if other is None:
        return f"not in the centre's list; use one of it or '{OTHER_PREFIX} <text>'"
    if not other:
        return f"'{OTHER_PREFIX}' needs a text"
    if len(other) > OTHER_MAX:
        return f"'{OTHER_PREFIX}' text is at most {OTHER_MAX} characters"
    return None


def normal_reason(reason: str) -> str:
    """One spelling of an "other" reason: `"Khác: <text>"`."""
    other = other_text(reason)
    return reason if other is None else f"{OTHER_PREFIX} {other}"
