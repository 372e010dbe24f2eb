"""Typing Vietnamese on the kiosk's on-screen keyboard: put a tone mark on a word.

The keyboard has keys for the letters ă â đ ê ô ơ ư and five tone keys (sắc, huyền,
hỏi, ngã, nặng). A tone key marks the last word typed, on the vowel where Vietnamese
spelling puts it, so a citizen types "dat" then "sắc" and sees "dát". Search ignores
diacritics anyway; this is so that what people see looks like their language.
"""

from __future__ import annotations

import unicodedata

TONES: dict[str, str] = {
    "sac": "\u0301",  # á
    "huyen": "\u0300",  # à
    "hoi": "\u0309",  # ả
    "nga": "\u0303",  # ã
    "nang": "\u0323",  # ạ
}
# What the tone keys show: the mark on the letter "a".
TONE_KEY_LABELS: dict[str, str] = {
    name: unicodedata.normalize("NFC", "a" + m) for name, m in TONES.items()
}
_TONE_MARKS = frozenset(TONES.values())
_VOWELS = frozenset("aeiouy")
_SHAPED = frozenset("\u0302\u0306\u031b")  # circumflex â ê ô, breve ă, horn ơ ư


def _letters(word: str) -> list[list[str]]:
    """The word as [base letter, its marks…] groups, tone marks removed."""
    groups: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch):
            if ch in _TONE_MARKS or not groups:
                continue
            groups[-1].append(ch)
        else:
            groups.append([ch])
    return groups


def _tone_position(groups: list[list[str]]) -> int | None:
    """Index of the letter that carries the tone, or None when there is no vowel."""
    vowels = [i for i, g in enumerate(groups) if g[0].lower() in _VOWELS]
    if not vowels:
        return None
    # "qu" and "gi" + vowel: the u / i belongs to the consonant.
    first = groups[0][0].lower()
    if (
        len(vowels) > 1
        and vowels[0] == 1
        and (
            (first == "q" and groups[1][0].lower() == "u")
            or (first == "g" and groups[1][0].lower() == "i")
        )
    ):
        vowels = vowels[1:]
    shaped = [i for i in vowels if _SHAPED & set(groups[i][1:])]
    if shaped:
        return shaped[-1]  # "ươ" takes it on ơ; "ê", "ô"… always win
    # The vowel cluster nearest the end of the word.
    cluster = [vowels[-1]]
    while len(cluster) < len(vowels) and vowels[-len(cluster) - 1] == cluster[0] - 1:
        cluster.insert(0, vowels[-len(cluster) - 1])
    ends_word = cluster[-1] == len(groups) - 1
    if len(cluster) == 1:
        return cluster[0]
    if not ends_word:
        return cluster[-1]  # "hoàng", "tuấn": the vowel before the final consonant
    if len(cluster) == 3:
        return cluster[1]  # "ngoài", "khuya"
    return cluster[0]  # "mùa", "tái", "hỏi"


def apply_tone(text: str, tone: str) -> str:
    """`text` with its last word marked with `tone` (a key of `TONES`); any tone it
    had is replaced. Text without a vowel at the end is returned unchanged."""
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}")
    head, sep, word = text.rpartition(" ")
    groups = _letters(word)
    pos = _tone_position(groups)
    if pos is None:
        return text
    groups[pos].append(TONES[tone])
    marked = unicodedata.normalize("NFC", "".join("".join(g) for g in groups))
    return f"{head}{sep}{marked}"
