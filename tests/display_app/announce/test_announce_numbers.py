"""Vietnamese number words: a hand-written table for every rule, plus checks over 1..9999."""

from __future__ import annotations

import pytest

from display_app.announce.numbers import NUMBER_WORDS, digits_to_words, number_to_words

TABLE: list[tuple[int, str]] = [
    # units
    (0, "không"),
    (1, "một"),
    (2, "hai"),
    (3, "ba"),
    (4, "bốn"),
    (5, "năm"),
    (6, "sáu"),
    (7, "bảy"),
    (8, "tám"),
    (9, "chín"),
    # 10..19: "mười"; 5 → "lăm", 1 and 4 stay plain after "mười"
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (19, "mười chín"),
    # tens ≥ 20: "mươi"; 1 → "mốt", 4 → "tư", 5 → "lăm"
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (22, "hai mươi hai"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (30, "ba mươi"),
    (41, "bốn mươi mốt"),
    (44, "bốn mươi tư"),
    (45, "bốn mươi lăm"),
    (50, "năm mươi"),
    (55, "năm mươi lăm"),
    (99, "chín mươi chín"),
    # hundreds; empty tens → "linh", units after "linh" stay plain
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (124, "một trăm hai mươi tư"),
    (200, "hai trăm"),
    (305, "ba trăm linh năm"),
    (555, "năm trăm năm mươi lăm"),
    (999, "chín trăm chín mươi chín"),
    # thousands: the group after "nghìn" is read in full ("không trăm", "linh")
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1023, "một nghìn không trăm hai mươi ba"),
    (1100, "một nghìn một trăm"),
    (1101, "một nghìn một trăm linh một"),
    (1234, "một nghìn hai trăm ba mươi tư"),
    (2000, "hai nghìn"),
    (2020, "hai nghìn không trăm hai mươi"),
    (5005, "năm nghìn không trăm linh năm"),
    (9999, "chín nghìn chín trăm chín mươi chín"),
    # beyond the ticket range, same rules
    (10000, "mười nghìn"),
    (21000, "hai mươi mốt nghìn"),
    (100005, "một trăm nghìn không trăm linh năm"),
    (1000005, "một triệu không trăm linh năm"),
]


def test_table_has_enough_cases() -> None:
    assert len(TABLE) >= 40


@pytest.mark.parametrize(("n", "words"), TABLE)
def test_number_to_words_table(n: int, words: str) -> None:
    assert number_to_words(n) == words


def _parse(words: str) -> int:
    """An independent reader of the words, to prove every output means its number."""
    digit = {
        "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
        "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    }  # fmt: skip
    total = group = 0
    pending: int | None = None
    last = ""
    for w in words.split():
        if w in digit:
            assert pending is None, words
            pending = digit[w]
        elif w == "trăm":
            assert pending is not None, words
            group, pending = group + pending * 100, None
        elif w == "mươi":
            assert pending is not None and pending >= 2, words
            group, pending = group + pending * 10, None
        elif w == "mười":
            assert pending is None, words
            group += 10
        elif w == "linh":
            assert last == "trăm", words
        elif w == "nghìn":
            total, group, pending = (group + (pending or 0)) * 1000, 0, None
        else:
            raise AssertionError(f"unexpected word {w!r} in {words!r}")
        last = w
    return total + group + (pending or 0)


def test_every_number_1_to_9999() -> None:
    seen: set[str] = set()
    for n in range(1, 10000):
        words = number_to_words(n)
        tokens = words.split()
        assert tokens and set(tokens) <= NUMBER_WORDS, (n, words)
        assert _parse(words) == n, (n, words)
        assert words not in seen, (n, words)
        seen.add(words)
        for prev, word in zip(tokens, tokens[1:], strict=False):
            # the special unit forms appear only where the rules allow them
            if word in ("mốt", "tư"):
                assert prev == "mươi", (n, words)
            if word == "lăm":
                assert prev in ("mươi", "mười"), (n, words)
            if prev in ("mười", "mươi"):
                assert word not in ("năm", "không"), (n, words)
            if prev == "linh":
                assert word in ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
        if "không" in tokens:
            assert n >= 1000 and tokens[tokens.index("không") + 1] == "trăm", (n, words)
        if n >= 1000 and n % 1000:
            assert "trăm" in tokens, (n, words)  # "không trăm" is never dropped
        assert "lẻ" not in tokens and "ngàn" not in tokens


@pytest.mark.parametrize(
    ("digits", "words"),
    [
        ("1023", "một không hai ba"),
        ("005", "không không năm"),
        ("0", "không"),
        ("9876543210", "chín tám bảy sáu năm bốn ba hai một không"),
    ],
)
def test_digits_to_words(digits: str, words: str) -> None:
    assert digits_to_words(digits) == words


@pytest.mark.parametrize("bad", [-1, 10**9, 1.5, "12", True])
def test_number_to_words_rejects(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        number_to_words(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", "12a", "١٢", " 1"])
def test_digits_to_words_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        digits_to_words(bad)
