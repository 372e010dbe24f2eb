"""Small pieces every kiosk screen uses: text labels, the bottom button bar, the base
class that re-translates a screen when the language changes."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from clientkit.widgets import BigButton

MARGIN = 32
BAR_BUTTON_PX = 88  # bottom-bar buttons: well above the 64 px minimum, for elderly hands


def text_label(
    px: int = theme.Sizes.BODY,
    *,
    bold: bool = False,
    muted: bool = False,
    color: str | None = None,
    center: bool = False,
    wrap: bool = True,
) -> QLabel:
    label = QLabel()
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names from the server are not HTML
    label.setFont(theme.font(px, bold=bold))
    # Padding above: stacked marks on capitals ("Ố", "Ủ") rise above the font's ascent
    # and a tight label would cut them off.
    style = f"font-size: {px}px; font-weight: {'bold' if bold else 'normal'};"
    style += f" padding-top: {max(2, px // 6)}px;"
    if color or muted:
        style += f" color: {color or theme.current.muted};"
    label.setStyleSheet(style)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def restyle(label: QLabel, px: int) -> None:
    """Change the text size of a `text_label` (screens that scale with their height)."""
    style = re.sub(r"font-size: \d+px", f"font-size: {px}px", label.styleSheet())
    style = re.sub(r"padding-top: \d+px", f"padding-top: {max(2, px // 6)}px", style)
    if style == label.styleSheet():
        return  # unchanged: a new style sheet would re-polish and re-layout for nothing
    label.setStyleSheet(style)
    label.setFont(theme.font(px, bold=label.font().bold()))


def bar_button(variant: str = "secondary") -> BigButton:
    button = BigButton(variant=variant)
    button.setMinimumHeight(BAR_BUTTON_PX)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px;")
    return button


def centered(widget: QWidget) -> QHBoxLayout:
    """A row holding `widget` as wide as its maximum width allows, centred."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(widget, 100)
    row.addStretch(1)
    return row


class Screen(QWidget):
    """A page of the kiosk. Subclasses build in `__init__` and set their texts in
    `retranslate()`, which runs again on every language switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN)
        self.body.setSpacing(16)
        i18n.notifier().language_changed.connect(self._on_language)

    def _on_language(self, *_: object) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        pass

    def bar(self, *buttons: QWidget, stretch_after: int = -1) -> QHBoxLayout:
        """A row of buttons at the bottom; a stretch after button `stretch_after`."""
        row = QHBoxLayout()
        row.setSpacing(16)
        for i, button in enumerate(buttons):
            row.addWidget(button, 2)
            if i == stretch_after:
                row.addStretch(1)
        self.body.addLayout(row)
        return row


def cover_parent(overlay: QWidget) -> None:
    """Show `overlay` over the whole of its parent, on top of everything else."""
    parent = overlay.parentWidget()
    if parent is not None:
        overlay.setGeometry(parent.rect())
    overlay.show()
    overlay.raise_()
