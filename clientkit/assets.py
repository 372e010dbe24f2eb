"""Paths of files shipped with the install (no Qt import: the printer uses them too).

The fonts are DejaVu (free licence, see fonts/LICENSE-DejaVu.txt): they cover every
Vietnamese letter with its diacritics, so no screen or ticket depends on a system font.
"""

from pathlib import Path

FONT_DIR = Path(__file__).with_name("fonts")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_CONDENSED_BOLD = FONT_DIR / "DejaVuSansCondensed-Bold.ttf"
FONT_FAMILY = "DejaVu Sans"
