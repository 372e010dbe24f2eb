"""`BigButton`: a touch-sized push button that shows its keyboard shortcut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QPushButton, QWidget

from clientkit import theme

VARIANTS = ("primary", "secondary", "success", "warning", "danger")


class BigButton(QPushButton):
    """At least 64 px high; the shortcut (e.g. "F2") is drawn small in the corner so
    clerks learn the keys while using the mouse.

    Args:
        text: the label (set a translated text; call `setText` on language change).
        shortcut: key sequence such as "F2" or "Ctrl+R"; it also triggers the button.
        variant: "primary", "secondary", "success", "warning" or "danger" (colour).
    """

    def __init__(
        self,
        text: str = "",
        shortcut: str | QKeySequence | None = None,
        *,
        variant: str = "primary",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.setMinimumHeight(theme.TOUCH_MIN_PX)
        self.setMinimumWidth(theme.TOUCH_MIN_PX)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_variant(variant)
        self._hint = ""
        if shortcut:
            self.set_shortcut(shortcut)

    @property
    def shortcut_text(self) -> str:
        """The shortcut as shown ("" when none)."""
        return self._hint

    def set_shortcut(self, shortcut: str | QKeySequence | None) -> None:
        seq = QKeySequence(shortcut) if shortcut else QKeySequence()
        self.setShortcut(seq)
        self._hint = seq.toString(QKeySequence.SequenceFormat.NativeText)
        self.update()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        # QAbstractButton.setText replaces the shortcut with the text's mnemonic, so a
        # button retranslated after set_shortcut("F1") would silently lose F1 while
        # still drawing "F1". Put it back.
        super().setText(text)
        hint = getattr(self, "_hint", "")
        if hint:
            self.set_shortcut(hint)

    def set_variant(self, variant: str) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}")
        self.setProperty("variant", variant)
        # A dynamic property change needs a re-polish for the stylesheet to follow.
        self.style().unpolish(self)
        self.style().polish(self)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._hint:
            return
        painter = QPainter(self)
        painter.setFont(theme.font(max(12, theme.Sizes.SMALL - 2), bold=True))
        color = self.palette().buttonText().color()
        color.setAlphaF(0.75)
        painter.setPen(color)
        rect = self.rect().adjusted(8, 4, -10, -6)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, self._hint
        )
