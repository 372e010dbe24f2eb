"""Vietnamese number reading: words ("một nghìn không trăm hai mươi ba") and digits.

Conventions (northern standard, used consistently everywhere):
- thousands are "nghìn" (not "ngàn"); an empty tens place after hundreds is "linh" (not "lẻ");
- a group after a higher group is always read in full: 1005 → "một nghìn không trăm linh năm";
- units after "mươi" (tens ≥ 20): 1 → "mốt", 4 → "tư", 5 → "lăm";
- units after "mười" (10–19): 5 → "lăm", everything else plain ("mười một", "mười bốn");
- units after "linh": always plain ("một trăm linh một", "một trăm linh năm").
"""

from __future__ import annotations

DIGIT_WORDS: tuple[str, ...] = (
    "không",
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
)

# Scale words for each group of three digits, lowest first. Ticket numbers stay far below
# a billion; the cap keeps "tỷ" grouping rules (which differ in practice) out of scope.
_SCALES: tuple[str, ...] = ("", "nghìn", "triệu")
MAX_NUMBER = 10 ** (3 * len(_SCALES)) - 1

# Every word number_to_words/digits_to_words can produce: used by tests and by the clips
# backend documentation (these are the clips a centre must record for numbers).
NUMBER_WORDS: frozenset[str] = frozenset(
    DIGIT_WORDS + ("mốt", "tư", "lăm", "mười", "mươi", "linh", "trăm") + _SCALES[1:]
)


def _units_after_tens(tens: int, units: int) -> str:
    """Unit word when a tens word ("mười"/"mươi") precedes it."""
    if units == 5:
        return "lăm"
    if tens >= 2 and units == 1:
        return "mốt"
    if tens >= 2 and units == 4:
        return "tư"
    return DIGIT_WORDS[units]


def _below_hundred(n: int, *, after_hundreds: bool) -> list[str]:
    """Words for 0..99; `after_hundreds` adds "linh" for 1..9 (e.g. 105 → "linh năm")."""
    tens, units = divmod(n, 10)
    if tens == 0:
        if units == 0:
            return []
        return ["linh", DIGIT_WORDS[units]] if after_hundreds else [DIGIT_WORDS[units]]
    words = ["mười"] if tens == 1 else [DIGIT_WORDS[tens], "mươi"]
    if units:
        words.append(_units_after_tens(tens, units))
    return words


def _group(n: int, *, full: bool) -> list[str]:
    """Words for one three-digit group 1..999.

    `full` is set for groups after a higher non-zero group: they keep their hundreds
    ("không trăm") so 1023 is "một nghìn không trăm hai mươi ba", not "một nghìn hai mươi ba".
    """
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not full:
        return _below_hundred(rest, after_hundreds=False)
    return [DIGIT_WORDS[hundreds], "trăm", *_below_hundred(rest, after_hundreds=True)]


def number_to_words(n: int) -> str:
    """Read a non-negative integer as Vietnamese words.

    1023 → "một nghìn không trăm hai mươi ba"; 21 → "hai mươi mốt"; 105 → "một trăm linh năm".
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"number_to_words expects an int, got {type(n).__name__}")
    if n < 0 or n > MAX_NUMBER:
        raise ValueError(f"number out of range 0..{MAX_NUMBER}: {n}")
    if n == 0:
        return DIGIT_WORDS[0]
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue  # an all-zero group is silent: 1000005 → "một triệu không trăm linh năm"
        words += _group(group, full=bool(words))
        if _SCALES[index]:
            words.append(_SCALES[index])
    return " ".join(words)


def digits_to_words(digits: str) -> str:
    """Read a digit string one digit at a time: "1023" → "một không hai ba"."""
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"expected ASCII digits, got {digits!r}")
    return " ".join(DIGIT_WORDS[int(d)] for d in digits)
