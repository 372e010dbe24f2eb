"""`LatestCallPanel`: the newest call, as large as the space allows, and blinking when fresh.

"MỜI CÔNG DÂN CÓ SỐ / 1023 / ĐẾN QUẦY 5 / Đất đai" — what the voice says, in writing, for
those who did not hear it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from clientkit import i18n, theme
from display_app import painting
from display_app.views import CallView


class LatestCallPanel(QWidget):
    """Paints `call` (None: nothing called yet today). `flash` is the blink's bright half."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call: CallView | None = None
        self.flash = False
        self.loading = True  # no state from the server yet
        self.over = False  # the latest call no longer stands (absent, counter paused…)
        self.text_px = 0  # the field line's smallest size (the hall's 10 m rule)

    def set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.update()

    def set_call(self, call: CallView | None, over: bool = False) -> None:
        """`call` None with `over`: calls were made but the latest no longer stands."""
        if (call, over) != (self.call, self.over):
            self.call, self.over = call, over
            self.update()

    def set_flash(self, flash: bool) -> None:
        if flash != self.flash:
            self.flash = flash
            self.update()

    def texts(self) -> tuple[str, str, str, str]:
        """(caption, number, counter line, field line) as painted."""
        call = self.call
        if call is None:
            key = "display.loading" if self.loading else "display.no_calls"
            empty = i18n.tr("display.call_over" if self.over else key)
            return i18n.tr("display.now_calling"), "", "", empty
        field = call.field
        if call.recall:
            field = f"{field}  ·  {i18n.tr('display.recall')}"
        return (
            i18n.tr("display.now_calling"),
            call.number,
            i18n.tr("display.to_counter", n=call.counter_id),
            field,
        )

    def _rows(self) -> list[QRect]:
        """(caption, number, counter line, field line) rectangles."""
        return painting.rows(painting.inset(self.rect(), 0.05), 0.13, 0.47, 0.24)

    def number_font(self) -> QFont:
        """The font the number is drawn in (sized by its digits' ink)."""
        num_r = self._rows()[1]
        pad = int(num_r.height() * 0.08)
        return painting.fit_ink(self.texts()[1] or "0", num_r.width(), num_r.height() - 2 * pad)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        c = theme.current
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        outer = self.rect()
        side = min(outer.width(), outer.height())
        frame = max(3.0, side * 0.02)
        fill = c.highlight if self.flash else c.surface
        border = c.highlight if self.call is not None else c.border
        painting.panel(painter, outer, fill, border, border_px=frame, radius=side * 0.05)

        caption, number, counter, field = self.texts()
        cap_r, num_r, ctr_r, fld_r = self._rows()
        on_fill = c.on_accent if self.flash else None
        caption_font = painting.fit(
            [i18n.tr("display.now_calling")], cap_r.width(), int(cap_r.height() * 0.8)
        )
        painting.draw_text(painter, cap_r, caption, caption_font, on_fill or c.muted)
        if number:
            number_font = self.number_font()
            painting.draw_ink(painter, num_r, number, number_font, on_fill or c.highlight)
            counter_font = painting.fit(
                i18n.tr("display.to_counter", n=888), ctr_r.width(), int(ctr_r.height() * 0.85)
            )
            painting.draw_text(painter, ctr_r, counter, counter_font, on_fill or c.text)
            field_px = int(min(fld_r.height() * 0.6, counter_font.pixelSize() * 0.55))
            field_px = max(field_px, min(self.text_px, int(fld_r.height() / 1.2)))
            painting.draw_text(painter, fld_r, field, theme.font(field_px), on_fill or c.muted)
        else:
            empty_font = painting.fit(field, num_r.width(), int(num_r.height() * 0.3), bold=False)
            painting.draw_text(painter, num_r, field, empty_font, c.muted)
        painter.end()
