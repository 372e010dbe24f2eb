"""The home tiles' icons: a name in the centre file (`icon: land`) → a symbol drawn
from the shipped DejaVu font (no image files, no emoji font needed), and the colours a
field gets when the centre file names none."""

from __future__ import annotations

ICONS: dict[str, str] = {
    "land": "⌂",
    "construction": "⚒",
    "business": "₫",
    "justice": "⚖",
    "social": "♥",
    "transport": "✈",
    "environment": "♻",
    "investment": "★",
    "finance": "€",
    "trade": "⚙",
    "health": "✚",
    "education": "✎",
    "agriculture": "☘",
    "culture": "♫",
    "media": "✉",
    "home-affairs": "⚑",
    "id-card": "☰",
    "phone": "☎",
    "info": "ℹ",
}

# Dark enough for white text and icons (contrast of white on each ≥ 4.5:1), and apart
# from each other; used in turn by fields without a `color`.
DEFAULT_COLORS = (
    "#0B57A4", "#1D7A35", "#8D5A00", "#6A1B9A", "#AD1457",
    "#00695C", "#283593", "#BF360C", "#4E342E", "#37474F",
)  # fmt: skip


def icon_for(name: str | None, field_name: str) -> str:
    """The symbol of `name`; without one (or an unknown name), the field's initial."""
    if name and name in ICONS:
        return ICONS[name]
    initial = next((ch for ch in field_name if ch.isalnum()), "•")
    return initial.upper()


def color_for(color: str | None, index: int) -> str:
    """The field's colour, darkened if white on it would read poorly (a pale colour in
    the centre file must not make the icon vanish)."""
    chosen = color or DEFAULT_COLORS[index % len(DEFAULT_COLORS)]
    r, g, b = (int(chosen[i : i + 2], 16) for i in (1, 3, 5))
    while _contrast_with_white(r, g, b) < 4.5:
        r, g, b = (v * 9 // 10 for v in (r, g, b))
    return f"#{r:02X}{g:02X}{b:02X}" if (r, g, b) != _rgb(chosen) else chosen


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _contrast_with_white(r: int, g: int, b: int) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)
