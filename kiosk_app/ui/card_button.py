"""`CardButton`: a big touch target with a wrapped title and a second line.

QPushButton cannot wrap text, and the names of fields and procedures are long
("Lao động – Thương binh và Xã hội"), so the card paints its text itself, as large as
the card allows: the same names stay readable on a 15" portrait kiosk and on a 27"
landscape one.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from clientkit import theme

_WRAP = Qt.TextFlag.TextWordWrap


@lru_cache(maxsize=2048)
def fitted_px(text: str, width: int, height: int, max_px: int, min_px: int, bold: bool) -> int:
    """Largest pixel size at which `text`, word-wrapped to `width`, fits `height`."""
    lo, hi = min_px, max(min_px, max_px)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        metrics = QFontMetrics(theme.font(mid, bold=bold))
        rect = metrics.boundingRect(QRect(0, 0, max(1, width), 100_000), _WRAP, text)
        if rect.width() <= width and rect.height() <= height:
            lo = mid
        else:
            hi = mid - 1
    return lo


class CardButton(QAbstractButton):
    """Args:
    variant: "tile" (white card), "primary", "success", "warning" (coloured).
    centered: centre the text (tiles) or align it left (list rows).
    title_px: largest title size; it shrinks to fit.
    """

    def __init__(
        self,
        title: str = "",
        subtitle: str = "",
        *,
        variant: str = "tile",
        centered: bool = True,
        title_px: int = 34,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._subtitle = subtitle
        self._note = ""  # a reason shown in red (field not available)
        # A home tile's colour band with its icon (`set_mark`): tells fields apart at a
        # glance, and gives the small lines their larger, easy-to-read size.
        self.accent: str | None = None
        self.icon = ""
        self.variant = variant
        self.centered = centered
        self.title_px = title_px
        self.setText(title)
        self.setMinimumSize(theme.TOUCH_MIN_PX * 2, theme.TOUCH_MIN_PX + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch: no focus rectangles

    def subtitle(self) -> str:
        return self._subtitle

    def note(self) -> str:
        return self._note

    def set_texts(self, title: str, subtitle: str = "", note: str = "") -> None:
        if (title, subtitle, note) == (self.text(), self._subtitle, self._note):
            return
        self.setText(title)
        self._subtitle, self._note = subtitle, note
        self.update()

    def set_mark(self, accent: str | None, icon: str) -> None:
        if (accent, icon) != (self.accent, self.icon):
            self.accent, self.icon = accent, icon
            self.update()

    def small_text_px(self) -> int:
        """The pixel size of the line under the title (the waiting count), as painted."""
        title_box, small_px, small_h = self._geometry()
        px = fitted_px(self.text(), title_box.width(), title_box.height(), self.title_px, 14, True)
        lines = [(t, note) for t, note in ((self._subtitle, False), (self._note, True)) if t]
        if not lines:
            return 0
        small_px = min(small_px, max(self._small_min(px), px * 4 // 5))
        unit_h = small_h // self.line_count()
        return min(
            fitted_px(t, title_box.width(), unit_h * self._weight(n), small_px, 12, n)
            for t, n in lines
        )

    def _small_min(self, title_px: int) -> int:
        """A home tile keeps its small lines at 24 px, but never larger than its name
        (on a small screen the name still reads first)."""
        return min(24, max(14, title_px)) if self.accent else 14

    def _geometry(self) -> tuple[QRect, int, int]:
        return card_geometry(self.size(), self.line_count(), banded=self.accent is not None)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 120)

    def _colors(self) -> tuple[QColor, QColor, QColor]:
        c = theme.current
        if not self.isEnabled():
            return QColor(c.background), QColor(c.muted), QColor(c.border)
        fill = {"primary": c.primary, "success": c.success, "warning": c.warning}.get(self.variant)
        if fill is None:
            return QColor(c.surface), QColor(c.text), QColor(c.border)
        on = c.on_primary if self.variant == "primary" else c.on_accent
        return QColor(fill), QColor(on), QColor(fill)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill, ink, border = self._colors()
        if self.isDown():
            fill = fill.darker(112)
        painter.setPen(QPen(border, 3 if self.variant == "tile" else 2))
        painter.setBrush(fill)
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 16, 16)
        if self.accent is not None:
            self._paint_band(painter)

        title_box, small_px, small_h = self._geometry()
        align = Qt.AlignmentFlag.AlignHCenter if self.centered else Qt.AlignmentFlag.AlignLeft
        px = fitted_px(self.text(), title_box.width(), title_box.height(), self.title_px, 14, True)
        painter.setFont(theme.font(px, bold=True))
        painter.setPen(ink)
        painter.drawText(title_box, int(align | Qt.AlignmentFlag.AlignVCenter) | _WRAP, self.text())

        lines = [(t, note) for t, note in ((self._subtitle, False), (self._note, True)) if t]
        y = title_box.bottom() + 8
        unit_h = small_h // max(1, self.line_count())
        # The name matters more than the count under it: never let the line outgrow it.
        small_px = min(small_px, max(self._small_min(px), px * 4 // 5))
        for text, is_note in lines:
            # Shrink a long one (an English reason) rather than clip it; a home tile's
            # reason may take two lines, so it stays large.
            line_h = unit_h * self._weight(is_note)
            line_px = fitted_px(text, title_box.width(), line_h, small_px, 12, is_note)
            painter.setFont(theme.font(line_px, bold=is_note))
            color = QColor(theme.current.danger) if is_note else QColor(ink)
            if not is_note and self.variant == "tile" and self.isEnabled() and not self.accent:
                color = QColor(theme.current.muted)
            painter.setPen(color)
            box = QRect(title_box.left(), y, title_box.width(), line_h)
            painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter) | _WRAP, text)
            y += box.height()

    def _paint_band(self, painter: QPainter) -> None:
        """The field's colour down the left side, its icon in white on it (grey when the
        field takes no tickets now)."""
        band = QRect(2, 2, band_width(self.size()), self.height() - 4)
        color = QColor(self.accent if self.isEnabled() else theme.current.border)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(band, 16, 16)
        painter.drawRect(band.adjusted(band.width() // 2, 0, 0, 0))  # square inner edge
        if self.icon:
            px = max(18, min(band.width() * 3 // 5, band.height() * 3 // 5))
            painter.setFont(theme.font(px, bold=True))
            painter.setPen(QColor(theme.current.on_accent if self.isEnabled() else "#FFFFFF"))
            painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter), self.icon)

    def line_count(self) -> int:
        """Lines under the title (subtitle, note; a home tile's note counts two)."""
        return int(bool(self._subtitle)) + self._weight(True) * int(bool(self._note))

    def _weight(self, is_note: bool) -> int:
        return 2 if is_note and self.accent is not None else 1


def band_width(size: QSize) -> int:
    """The width of a home tile's colour band."""
    return max(32, min(size.height() // 2, size.width() // 6))


def card_geometry(size: QSize, lines: int, *, banded: bool = False) -> tuple[QRect, int, int]:
    """Where a card of `size` draws its title, the pixel size of its small lines and
    their total height. Shared with the home grid, which sizes all tiles' titles alike.
    A banded (home) tile's small lines grow with it, 24 px or more on a tile 120 px
    high (a 1080p kiosk): the waiting count and the reason a field is closed are read
    by elderly eyes; a small screen's tiles keep room for the name."""
    pad = max(12, min(24, size.height() // 10))
    area = QRect(0, 0, size.width(), size.height()).adjusted(pad, pad, -pad, -pad)
    if banded:
        area.setLeft(band_width(size) + pad // 2)
        small_px = max(18, min(32, size.height() // 5))  # 24+ from a 120-px tile
    else:
        small_px = max(18, min(26, size.height() // 6))
    small_h = (QFontMetrics(theme.font(small_px)).height() + 4) * lines
    gap = 8 if lines else 0  # air between a two-line title and the line under it
    return area.adjusted(0, 0, 0, -small_h - gap), small_px, small_h
