"""Fitting text into a column: cached fonts, balanced word wrap, shrink-to-fit.

Ticket text comes from the centre's catalog and can be long ("Lao động – Thương binh
và Xã hội"); it must never be clipped on paper, so every paragraph is wrapped on word
boundaries and, when a single word is wider than the column, drawn smaller.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

# Never draw smaller than this (in dots, ≈1.5 mm at 203 dpi): below it the diacritics
# of Vietnamese merge into the letters on a thermal head.
MIN_FONT_PX = 12

# Dashes that must stay at the end of a line, never start the next one.
_GLUE_TO_PREVIOUS = {"–", "—", "-", ":", ";", ",", "."}
# A line ending in one of these ends a phrase: the best place to wrap.
_BREAK_AFTER = set("–—-:;,.!?)")
# …and so does the space before these words.
_BREAK_BEFORE = {"và", "hoặc", "and", "or"}
# Two-syllable words that fill the names of one-stop-shop services and centres; a
# line break inside one reads like a typo. Not a dictionary: just the usual suspects.
_COMPOUNDS = frozenset(
    pair.strip()
    for line in """
    hành chính|thủ tục|trung tâm|phục vụ|tiếp nhận|kết quả|giải quyết|đăng ký|kinh doanh
    thành lập|doanh nghiệp|hợp tác|chứng nhận|chứng thực|công chứng|giấy phép|giấy tờ
    hộ tịch|khai sinh|kết hôn|cư trú|căn cước|đất đai|quyền sử|sử dụng|nhà ở|xây dựng
    tài nguyên|môi trường|giao thông|vận tải|lái xe|lao động|thương binh|xã hội|tư pháp
    y tế|giáo dục|đào tạo|văn hóa|thể thao|du lịch|nông nghiệp|phát triển|nông thôn
    công thương|tài chính|kế hoạch|đầu tư|khoa học|công nghệ|nội vụ|bảo hiểm|người có
    có công|chuyên gia|trợ cấp|cách mạng|nhân dân|ủy ban|thành phố|thị xã|quận huyện
    cấp lại|cấp đổi|cấp mới|điều chỉnh|thay đổi|bổ sung|hộ kinh|một lần|sử dụng
    """.splitlines()
    for pair in line.split("|")
    if pair.strip()
)


@lru_cache(maxsize=256)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """Loading a TTF costs ~1 ms; a ticket asks for the same few sizes every time."""
    return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class FittedText:
    font: ImageFont.FreeTypeFont
    lines: list[str]

    @property
    def size(self) -> int:
        return int(self.font.size)


def _tokens(paragraph: str) -> list[str]:
    """Words, with a lone dash or punctuation glued to the word before it."""
    tokens: list[str] = []
    for word in paragraph.split():
        if tokens and word in _GLUE_TO_PREVIOUS:
            tokens[-1] = f"{tokens[-1]} {word}"
        else:
            tokens.append(word)
    return tokens


def _greedy(widths: list[float], space: float, max_w: float) -> list[int]:
    """Greedy line breaking on measured widths; returns the token count of each line."""
    counts: list[int] = []
    line_w = -1.0  # no line yet
    for w in widths:
        if line_w >= 0 and line_w + space + w <= max_w:
            line_w += space + w
            counts[-1] += 1
        else:
            counts.append(1)
            line_w = w
    return counts


def _break_costs(tokens: list[str], max_w: float) -> list[float]:
    """What ending a line after each token costs, on top of the slack it leaves.

    Vietnamese is written syllable by syllable, so any space may split a word
    ("Thương / binh"). Official names are phrases joined by dashes, commas and "và"
    — free places to break — and their proper nouns start with a capital
    ("Giao thông", "Xã hội"): a break right after a capitalised syllable, before a
    lower-case one, most likely splits such a word, so it costs double.
    """
    normal = (0.4 * max_w) ** 2
    costs = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token[-1] in _BREAK_AFTER or after.lower() in _BREAK_BEFORE:
            costs.append(0.0)
        elif (token[:1].isupper() and after[:1].islower()) or _is_compound(token, after):
            costs.append(2 * normal)
        else:
            costs.append(normal)
    return costs


def _is_compound(token: str, after: str) -> bool:
    last = token.split()[-1].lower() if token.strip() else ""
    return f"{last} {after.lower()}" in _COMPOUNDS


def _balanced(
    widths: list[float], space: float, max_w: float, break_cost: list[float]
) -> list[int]:
    """As few lines as greedy wrapping gives, but even, and broken at phrase ends.

    Greedy wrapping leaves an orphan word on a centred heading ("… Xã" / "hội").
    This picks, among the breakings with the same number of lines, the one with the
    smallest sum of squared slack plus the cost of each break (`_break_costs`).
    Headings have a few dozen words at most: the O(lines × words²) search is instant.
    """
    lines = len(_greedy(widths, space, max_w))
    n = len(widths)
    if lines < 2:
        return [n]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(lines + 1)]
    back = [[0] * (n + 1) for _ in range(lines + 1)]
    cost[0][0] = 0.0
    for k in range(1, lines + 1):
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):  # line = tokens[i:j], growing leftwards
                width = prefix[j] - prefix[i] + space * (j - i - 1)
                if width > max_w:
                    break
                if cost[k - 1][i] == inf:
                    continue
                c = cost[k - 1][i] + (max_w - width) ** 2
                if k < lines:
                    c += break_cost[j - 1]
                if c < cost[k][j]:
                    cost[k][j], back[k][j] = c, i
    counts, j = [], n
    for k in range(lines, 0, -1):
        i = back[k][j]
        counts.append(j - i)
        j = i
    return counts[::-1]


def _wrap(tokens: list[str], f: ImageFont.FreeTypeFont, max_w: float, balance: bool) -> list[str]:
    """Wrap using each word's width measured once (a ticket re-wraps a paragraph a dozen
    times while balancing), then check the real width of every line: kerning across a
    space could in theory add a fraction of a dot, and then the plain greedy wrap,
    measured line by line, is used."""
    widths = [f.getlength(t) for t in tokens]
    space = f.getlength(" ")
    if balance:
        counts = _balanced(widths, space, max_w, _break_costs(tokens, max_w))
    else:
        counts = _greedy(widths, space, max_w)
    lines, i = [], 0
    for n in counts:
        lines.append(" ".join(tokens[i : i + n]))
        i += n
    if all(f.getlength(line) <= max_w for line in lines if " " in line):
        return lines
    lines, current = [], ""
    for token in tokens:
        candidate = f"{current} {token}" if current else token
        if current and f.getlength(candidate) > max_w:
            lines.append(current)
            candidate = token
        current = candidate
    return [*lines, current] if current else lines


def _break_word(word: str, f: ImageFont.FreeTypeFont, max_w: float) -> list[str]:
    """Last resort for a word wider than the column even at the smallest size."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and f.getlength(current + ch) > max_w:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def fit_text(
    text: str, path: Path, size: int, max_w: int, *, min_size: int = MIN_FONT_PX
) -> FittedText:
    """Wrap `text` to `max_w` dots at `size`, shrinking until its longest word fits.

    Explicit newlines start a new line. All lines of one paragraph share a size,
    so a block never mixes sizes.
    """
    # Text pasted from some editors arrives decomposed (NFD: "a" + combining marks);
    # composed letters measure, wrap and draw the same with or without libraqm.
    text = unicodedata.normalize("NFC", text)
    paragraphs = [_tokens(p) for p in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return FittedText(font(path, size), [])
    words = [t for p in paragraphs for t in p]
    min_size = min(min_size, size)
    chosen = font(path, min_size)
    # Shrink in ~4 % steps: fine enough that the result is not visibly smaller than needed.
    s = size
    while s >= min_size:
        f = font(path, s)
        if max(f.getlength(w) for w in words) <= max_w:
            chosen = f
            break
        s = min(s - 1, int(s * 0.96))
    lines: list[str] = []
    for tokens in paragraphs:
        if max(chosen.getlength(t) for t in tokens) <= max_w:
            lines.extend(_wrap(tokens, chosen, max_w, balance=True))
            continue
        # Still too wide at the smallest size: split the offending word by characters.
        pieces: list[str] = []
        for token in tokens:
            if chosen.getlength(token) <= max_w:
                pieces.append(token)
            else:
                pieces.extend(_break_word(token, chosen, max_w))
        lines.extend(_wrap(pieces, chosen, max_w, balance=False))
    return FittedText(chosen, lines)


def largest_size_fitting(text: str, path: Path, max_w: int, max_h: int, hi: int) -> int:
    """The biggest font size at which `text` is at most `max_w` wide and `max_h` tall (ink)."""
    lo = MIN_FONT_PX
    best = lo
    while lo <= hi:
        mid = (lo + hi) // 2
        left, top, right, bottom = font(path, mid).getbbox(text, anchor="ls")
        if right - left <= max_w and bottom - top <= max_h:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best
