"""The spoken sentence: template, number reading modes, prefix letters, counters."""

from __future__ import annotations

import pytest

from display_app.announce.text import (
    DEFAULT_TEMPLATE,
    announcement_text,
    read_counter,
    read_ticket_number,
)


def test_default_template_words() -> None:
    assert (
        announcement_text(DEFAULT_TEMPLATE, "1023", 5, "words")
        == "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số năm"
    )


def test_default_template_digits() -> None:
    assert (
        announcement_text(DEFAULT_TEMPLATE, "1023", 5, "digits")
        == "Mời công dân có số thứ tự một không hai ba đến quầy số năm"
    )


def test_counter_is_always_words() -> None:
    assert announcement_text("{counter}", "1", 12, "digits") == "mười hai"
    assert announcement_text("{counter}", "1", 21, "words") == "hai mươi mốt"
    assert read_counter("15") == "mười lăm"


@pytest.mark.parametrize(
    ("number", "reading", "spoken"),
    [
        ("A005", "words", "A năm"),
        ("A005", "digits", "A không không năm"),
        ("a005", "digits", "A không không năm"),
        ("B1023", "words", "B một nghìn không trăm hai mươi ba"),
        ("AB-12", "words", "A B mười hai"),
        ("Đ21", "words", "Đ hai mươi mốt"),
        ("C 101", "digits", "C một không một"),
        ("0", "words", "không"),
        ("24", "words", "hai mươi tư"),
    ],
)
def test_ticket_numbers(number: str, reading: str, spoken: str) -> None:
    assert read_ticket_number(number, reading) == spoken  # type: ignore[arg-type]


def test_prefix_in_sentence() -> None:
    text = announcement_text(DEFAULT_TEMPLATE, "A005", 3, "digits")
    assert text == "Mời công dân có số thứ tự A không không năm đến quầy số ba"


def test_custom_template_and_whitespace() -> None:
    text = announcement_text("  Xin mời số {number}\n  tới  quầy {counter}. ", "15", 2, "words")
    assert text == "Xin mời số mười lăm tới quầy hai."


def test_template_without_counter() -> None:
    assert announcement_text("Số {number}", "7", 1) == "Số bảy"


@pytest.mark.parametrize("template", ["{quay}", "{number", "{0}", "{}"])
def test_bad_template(template: str) -> None:
    with pytest.raises(ValueError):
        announcement_text(template, "1", 1)


@pytest.mark.parametrize("number", ["", "---", "  "])
def test_bad_number(number: str) -> None:
    with pytest.raises(ValueError):
        read_ticket_number(number)


def test_bad_reading() -> None:
    with pytest.raises(ValueError):
        announcement_text(DEFAULT_TEMPLATE, "1", 1, "roman")  # type: ignore[arg-type]
