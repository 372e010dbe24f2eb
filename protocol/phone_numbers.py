"""Citizens' phone numbers: the one normal form the server stores and the one mask every
answer, log line and export shows (Decree 13/2023/NĐ-CP). No I/O."""

import re

_SEPARATORS = re.compile(r"[\s.\-()/]")
_NORMAL = re.compile(r"^0[1-9]\d{8,9}$")  # 10 digits (mobile) or 11 (old landline)
# Anything in free text that looks like a Vietnamese number, for the log filter.
PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?84|0)[\s.\-]?[1-9](?:[\s.\-]?\d){7,8}(?!\d)")


def normal_phone(raw: str) -> str:
    """`raw` as `0xxxxxxxxx` ("+84 912 345 678", "84912345678", "0912.345.678" all give
    "0912345678"); ValueError saying why it is not a Vietnamese phone number."""
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _NORMAL.match(digits):
        raise ValueError("not a Vietnamese phone number (e.g. 0912 345 678 or +84 912 345 678)")
    return digits


def mask_phone(phone: str | None) -> str | None:
    """`0912345678` → `09xx xxx 678`: the only form a number is shown in."""
    if phone is None:
        return None
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return "x" * len(digits)
    middle = "x" * (len(digits) - 5)
    return f"{digits[:2]}{middle[:2]} {middle[2:]} {digits[-3:]}".replace("  ", " ")


def mask_in_text(text: str) -> str:
    """`text` with every phone-number-like run masked (log lines, free text)."""

    def one(m: re.Match[str]) -> str:
        try:
            return mask_phone(normal_phone(m.group(0))) or ""
        except ValueError:
            return mask_phone(m.group(0)) or ""

    return PHONE_IN_TEXT.sub(one, text)
