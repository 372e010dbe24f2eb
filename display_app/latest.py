"""`LatestCallPanel`: the newest call, as large as the space allows, and blinking when fresh.

"MỜI CÔNG DÂN CÓ SỐ / 1023 / ĐẾN QUẦY 5 / Đất đai" — what the voice says, in writing, for
those who did not hear it.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent
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

    def set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.update()

    def set_call(self, call: CallView | None) -> None:
        if call != self.call:
            self.call = call
            self.update()

    def set_flash(self, flash: bool) -> None:
        if flash != self.flash:
            self.flash = flash
            self.update()

    def texts(self) -> tuple[str, str, str, str]:
        """(caption, number, counter line, field line) as painted."""
        call = self.call
        if call is None:
            empty = i18n.tr("display.loading" if self.loading else "display.no_calls")
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
        inner = painting.inset(outer, 0.05)
        cap_r, num_r, ctr_r, fld_r = painting.rows(inner, 0.13, 0.47, 0.24)
        on_fill = c.on_accent if self.flash else None
        caption_font = painting.fit(
            [i18n.tr("display.now_calling")], cap_r.width(), int(cap_r.height() * 0.8)
        )
        painting.draw_text(painter, cap_r, caption, caption_font, on_fill or c.muted)
        if number:
            number_font = painting.fit(number, num_r.width(), num_r.height(), condensed=True)
            painting.draw_text(painter, num_r, number, number_font, on_fill or c.highlight)
            counter_font = painting.fit(
                i18n.tr("display.to_counter", n=888), ctr_r.width(), int(ctr_r.height() * 0.85)
            )
            painting.draw_text(painter, ctr_r, counter, counter_font, on_fill or c.text)
            field_px = int(min(fld_r.height() * 0.6, counter_font.pixelSize() * 0.55))
            painting.draw_text(painter, fld_r, field, theme.font(field_px), on_fill or c.muted)
        else:
            empty_font = painting.fit(field, num_r.width(), int(num_r.height() * 0.3), bold=False)
            painting.draw_text(painter, num_r, field, empty_font, c.muted)
        painter.end()
