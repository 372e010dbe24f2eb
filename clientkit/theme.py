"""Look of the apps: shipped fonts, a calm high-contrast palette, big touch targets.

`register_fonts()` must run after the QApplication exists and before any text is drawn:
kiosks and offscreen Qt may have no system font with Vietnamese diacritics (or no font at
all). `clientkit.qtapp.make_app` does it. Colours come in two schemes: `LIGHT` for the
kiosk and counter (bright rooms, touch) and `DARK` for the hall TV (read from far away).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication

from clientkit import assets

log = logging.getLogger(__name__)

FAMILY = assets.FONT_FAMILY  # "DejaVu Sans"
CONDENSED_FAMILY = "DejaVu Sans Condensed"  # bold only: long numbers on narrow tiles
TOUCH_MIN_PX = 64  # smallest touch target (design rule)


class Sizes:
    """Pixel sizes of text. The hall TV scales from its height instead (`scaled_px`)."""

    SMALL = 18
    BODY = 22
    LARGE = 30
    TITLE = 40
    NUMBER = 96  # a ticket number on a kiosk or counter screen


@dataclass(frozen=True)
class Colors:
    """One colour scheme (hex strings, usable in stylesheets and QColor)."""

    background: str
    surface: str
    text: str
    muted: str
    border: str
    primary: str
    on_primary: str
    success: str
    warning: str
    danger: str
    on_accent: str  # text on success / warning / danger backgrounds
    highlight: str  # the latest call on the hall TV


# Contrast of text on background is above 12:1 in both schemes (WCAG AAA is 7:1).
LIGHT = Colors(
    background="#F4F6F9",
    surface="#FFFFFF",
    text="#14202E",
    muted="#4A5565",
    border="#C5CED9",
    primary="#0B57A4",
    on_primary="#FFFFFF",
    success="#1D7A35",
    warning="#A86300",
    danger="#B3261E",
    on_accent="#FFFFFF",
    highlight="#FFE082",
)
DARK = Colors(
    background="#0D1828",
    surface="#162740",
    text="#FFFFFF",
    muted="#B8C4D4",
    border="#2E4566",
    primary="#4FA3F7",
    on_primary="#0D1828",
    success="#4CC38A",
    warning="#F5B83D",
    danger="#FF7A70",
    on_accent="#0D1828",  # bright accents on a dark screen need dark text
    highlight="#FFD54A",
)

current: Colors = LIGHT  # the scheme last applied by apply_theme; widgets draw with it
_registered: list[str] = []


def register_fonts() -> list[str]:
    """Add the shipped DejaVu fonts to Qt (idempotent). Returns the families added."""
    if _registered:
        return list(_registered)
    for path in (assets.FONT_REGULAR, assets.FONT_BOLD, assets.FONT_CONDENSED_BOLD):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("cannot load font %s: Vietnamese text may not render", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _registered:
                _registered.append(family)
    return list(_registered)


def font(px: int = Sizes.BODY, *, bold: bool = False, condensed: bool = False) -> QFont:
    """A DejaVu font of `px` pixels (pixels, not points: screens differ in DPI but a
    kiosk layout is designed in pixels)."""
    f = QFont(CONDENSED_FAMILY if condensed else FAMILY)
    f.setPixelSize(max(1, int(px)))
    f.setBold(bold or condensed)
    return f


def scaled_px(height_px: int, fraction: float, *, minimum: int = 12) -> int:
    """Text size as a fraction of a screen/widget height: e.g. 0.12 of a TV's height
    for the called number keeps it readable from 10 m on any screen size."""
    return max(minimum, int(height_px * fraction))


def fit_font(
    text: str,
    width: int,
    height: int,
    *,
    bold: bool = True,
    condensed: bool = False,
    max_px: int = 600,
    min_px: int = 8,
) -> QFont:
    """Largest font in which `text` fits in width×height (one line)."""
    lo, hi = min_px, max(min_px, min(max_px, height))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        metrics = QFontMetrics(font(mid, bold=bold, condensed=condensed))
        if metrics.horizontalAdvance(text) <= width and metrics.height() <= height:
            lo = mid
        else:
            hi = mid - 1
    return font(lo, bold=bold, condensed=condensed)


def palette(colors: Colors) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, colors.background),
        (role.Base, colors.surface),
        (role.AlternateBase, colors.background),
        (role.Text, colors.text),
        (role.WindowText, colors.text),
        (role.PlaceholderText, colors.muted),
        (role.Button, colors.surface),
        (role.ButtonText, colors.text),
        (role.Highlight, colors.primary),
        (role.HighlightedText, colors.on_primary),
        (role.ToolTipBase, colors.surface),
        (role.ToolTipText, colors.text),
    ):
        pal.setColor(r, QColor(value))
    return pal


def stylesheet(colors: Colors) -> str:
    """Application stylesheet. Buttons take a `variant` property: "primary" (default
    look of BigButton), "secondary", "success", "warning", "danger"."""
    c = colors
    return f"""
QWidget {{ font-family: "{FAMILY}"; font-size: {Sizes.BODY}px; color: {c.text}; }}
QPushButton {{
    min-height: {TOUCH_MIN_PX}px; min-width: {TOUCH_MIN_PX}px; padding: 6px 18px;
    border-radius: 10px; border: 2px solid {c.border};
    background: {c.surface}; color: {c.text};
}}
QPushButton:focus {{ border-color: {c.primary}; }}
QPushButton:disabled {{ color: {c.muted}; background: {c.border}; border-color: {c.border}; }}
QPushButton[variant="primary"] {{ background: {c.primary}; color: {c.on_primary};
    border-color: {c.primary}; font-weight: bold; }}
QPushButton[variant="success"] {{ background: {c.success}; color: {c.on_accent};
    border-color: {c.success}; font-weight: bold; }}
QPushButton[variant="warning"] {{ background: {c.warning}; color: {c.on_accent};
    border-color: {c.warning}; font-weight: bold; }}
QPushButton[variant="danger"] {{ background: {c.danger}; color: {c.on_accent};
    border-color: {c.danger}; font-weight: bold; }}
QPushButton[variant="primary"]:disabled, QPushButton[variant="success"]:disabled,
QPushButton[variant="warning"]:disabled, QPushButton[variant="danger"]:disabled {{
    background: {c.border}; border-color: {c.border}; color: {c.muted}; }}
QLineEdit, QComboBox, QSpinBox {{
    min-height: 56px; padding: 4px 12px; border-radius: 8px;
    border: 2px solid {c.border}; background: {c.surface};
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border-color: {c.primary}; }}
QScrollBar:vertical {{ width: 28px; }}
QListView::item, QTreeView::item, QTableView::item {{ min-height: 56px; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="title"] {{ font-size: {Sizes.TITLE}px; font-weight: bold; }}
"""


def apply_theme(app: QApplication, colors: Colors = LIGHT) -> None:
    """Fonts, palette and stylesheet on the whole application."""
    register_fonts()
    app.setStyle("Fusion")  # same look on every platform, follows the palette
    app.setFont(font(Sizes.BODY))
    app.setPalette(palette(colors))
    app.setStyleSheet(stylesheet(colors))
    global current
    current = colors
