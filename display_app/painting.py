"""Drawing helpers shared by the display's painted widgets.

The hall screen is painted rather than built from labels: every text is sized from the
space it gets (a TV from 1280×720 to 3840×2160 must be readable from 10 m), and a label's
size hints would fight that. Fitting a font is a binary search over font metrics, so its
result is cached: tiles repaint while blinking.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from clientkit import theme

ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@lru_cache(maxsize=4096)
def _fitted_px(text: str, width: int, height: int, bold: bool, condensed: bool, max_px: int) -> int:
    return theme.fit_font(
        text, width, height, bold=bold, condensed=condensed, max_px=max_px, min_px=6
    ).pixelSize()


def fit(
    texts: str | list[str],
    width: int,
    height: int,
    *,
    bold: bool = True,
    condensed: bool = False,
    max_px: int = 2000,
) -> QFont:
    """Largest font in which every one of `texts` fits in width×height on one line.

    Several texts give one common size (all tiles' numbers look alike, whatever digits
    they hold)."""
    items = [texts] if isinstance(texts, str) else texts or [" "]
    # Metrics are rounded to whole pixels while drawing is not: keep 3 % spare, or a text
    # that fits "exactly" gets elided.
    width = max(1, int(width * 0.97))
    px = min(_fitted_px(t or " ", width, max(1, height), bold, condensed, max_px) for t in items)
    return theme.font(px, bold=bold, condensed=condensed)


def draw_text(
    painter: QPainter,
    rect: QRect,
    text: str,
    font: QFont,
    color: str | QColor,
    align: Qt.AlignmentFlag = ALIGN_CENTER,
) -> None:
    """One line of text in `rect`, elided with "…" if it is still too wide."""
    painter.setFont(font)
    painter.setPen(QColor(color))
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, int(align), shown)


def panel(
    painter: QPainter,
    rect: QRect,
    fill: str | QColor,
    border: str | QColor | None = None,
    *,
    border_px: float = 0,
    radius: float = 0,
) -> None:
    """A rounded rectangle; the border is drawn inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    area = QRectF(rect)
    if border is not None and border_px > 0:
        painter.setPen(QPen(QColor(border), border_px))
        half = border_px / 2
        area = area.adjusted(half, half, -half, -half)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(area, radius, radius)
    painter.restore()


def rows(rect: QRect, *fractions: float) -> list[QRect]:
    """Split `rect` top to bottom by fractions of its height (the rest goes last)."""
    out, y = [], rect.top()
    for f in fractions:
        h = int(rect.height() * f)
        out.append(QRect(rect.left(), y, rect.width(), h))
        y += h
    out.append(QRect(rect.left(), y, rect.width(), rect.bottom() + 1 - y))
    return out


def inset(rect: QRect, fraction: float) -> QRect:
    """`rect` shrunk on every side by `fraction` of its smaller side."""
    d = int(min(rect.width(), rect.height()) * fraction)
    return rect.adjusted(d, d, -d, -d)


@lru_cache(maxsize=4096)
def _tight_px(text: str, width: int, height: int, condensed: bool, max_px: int) -> int:
    lo, hi = 6, max(6, max_px)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        box = QFontMetrics(theme.font(mid, bold=True, condensed=condensed)).tightBoundingRect(text)
        if box.width() <= width and box.height() <= height:
            lo = mid
        else:
            hi = mid - 1
    return lo


def fit_ink(
    texts: str | list[str], width: int, height: int, *, condensed: bool = True, max_px: int = 2000
) -> QFont:
    """Largest bold font whose *ink* (the glyphs' tight box, not the line height with its
    room for accents and descenders) of every one of `texts` fits width×height. For
    numbers: digits have neither, so they can fill the box — about 45 % taller than a
    line-height fit."""
    items = [texts] if isinstance(texts, str) else texts or [" "]
    width = max(1, int(width * 0.97))
    px = min(_tight_px(t or " ", width, max(1, height), condensed, max_px) for t in items)
    return theme.font(px, bold=True, condensed=condensed)


def ink_height(text: str, font: QFont) -> int:
    """Height in pixels of the glyphs of `text` drawn in `font` (a digit's height)."""
    return QFontMetrics(font).tightBoundingRect(text).height()


def draw_ink(painter: QPainter, rect: QRect, text: str, font: QFont, color: str | QColor) -> None:
    """`text` with its ink centred in `rect` (see `fit_ink`)."""
    painter.setFont(font)
    painter.setPen(QColor(color))
    box = QFontMetrics(font).tightBoundingRect(text)
    x = rect.left() + (rect.width() - box.width()) / 2 - box.left()
    y = rect.top() + (rect.height() - box.height()) / 2 - box.top()
    painter.drawText(QPointF(x, y), text)


# A 55" 16:9 TV is ~685 mm tall: what a citizen reads from 10 m is sized in mm of it.
PANEL_MM = 685
NUMBER_MM = 40  # ticket numbers: their digits' height
TEXT_MM = 20  # names, counts, titles: their font size (the em; capitals are ~15 mm)


def mm_px(mm: float, screen_h: int) -> int:
    """Pixels (rounded up) that `mm` millimetres take on a 55" TV showing `screen_h` lines."""
    return math.ceil(mm * screen_h / PANEL_MM)


def shorten_list(text: str, font: QFont, width: int, height: int, *, sep: str = ", ") -> str:
    """`text` (items joined by `sep`), wrapped in width×height, or as many of its first items
    as fit followed by "+N" (how many are left out) — never shrunk, never cut mid-word.
    "" if not even one item fits."""
    items = text.split(sep)
    flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    metrics = QFontMetrics(font)

    def fits(candidate: str) -> bool:
        box = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, candidate)
        words_fit = all(metrics.horizontalAdvance(w) <= width for w in candidate.split())
        return words_fit and box.height() <= height and box.width() <= width

    for keep in range(len(items), 0, -1):
        rest = len(items) - keep
        candidate = sep.join(items[:keep]) + (f" +{rest}" if rest else "")
        if fits(candidate):
            return candidate
    return ""
