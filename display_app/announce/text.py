"""Turn a ticket number and counter into the sentence that is spoken."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from protocol.announcement import DEFAULT_TEMPLATE, check_template, fill_template

from .numbers import digits_to_words, number_to_words

__all__ = ["DEFAULT_TEMPLATE", "announcement_text", "check_template", "read_ticket_number"]

NumberReading = Literal["words", "digits"]

# A ticket number is runs of letters and digits ("A005", "AB-12"); separators are not spoken.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def read_digits(digits: str, number_reading: NumberReading) -> str:
    """Read a run of ASCII digits: as one number ("words") or digit by digit ("digits")."""
    if number_reading == "words":
        return number_to_words(int(digits))  # leading zeros are not spoken: "005" → "năm"
    if number_reading == "digits":
        return digits_to_words(digits)
    raise ValueError(f"number_reading must be 'words' or 'digits', got {number_reading!r}")


def read_ticket_number(number: str, number_reading: NumberReading = "words") -> str:
    """Spoken form of a ticket number: each prefix letter on its own, then the digits.

    Letters stay as upper-case letters (espeak's Vietnamese voice spells them, "B" → "bê";
    the clips backend looks up "b.wav"). "A005" → "A năm" (words) or "A không không năm" (digits).
    """
    number = unicodedata.normalize("NFC", str(number)).strip()
    tokens = _TOKEN.findall(number)
    if not tokens:
        raise ValueError(f"ticket number has no letters or digits: {number!r}")
    spoken: list[str] = []
    for token in tokens:
        if token.isdigit():
            if not token.isascii():
                token = "".join(str(unicodedata.digit(ch)) for ch in token)
            spoken.append(read_digits(token, number_reading))
        else:
            spoken.extend(ch.upper() for ch in token)
    return " ".join(spoken)


def read_counter(counter: int | str) -> str:
    """Counters are always read as words ("quầy số mười hai"), whatever the ticket reading."""
    if isinstance(counter, str):
        return read_ticket_number(counter, "words")
    return number_to_words(int(counter))


def announcement_text(
    template: str,
    number: str,
    counter: int | str,
    number_reading: NumberReading = "words",
) -> str:
    """The spoken sentence, with numbers already written out as Vietnamese words.

    >>> announcement_text(DEFAULT_TEMPLATE, "1023", 5, "words")
    'Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số năm'
    """
    # Templates come from a settings file: fill_template collapses stray whitespace so
    # that cache keys and clip lookup see one canonical sentence.
    text = fill_template(
        template, read_ticket_number(number, number_reading), read_counter(counter)
    )
    return unicodedata.normalize("NFC", text)
