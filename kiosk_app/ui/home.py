"""Home screen: every field (lĩnh vực) as a big tile with its waiting count.

All tiles on one screen, never scrolled: the grid picks the number of columns in which
the names can be written largest, all at the same size. A field that cannot take
tickets now is shown greyed with the reason
("Tạm ngừng tiếp nhận", "Ngoài giờ tiếp nhận", "Đã hết số hôm nay") and does nothing
when touched, so nobody queues for nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from clientkit import i18n, theme
from kiosk_app.fields import FieldStatus
from kiosk_app.strings import unavailable_text
from kiosk_app.ui.card_button import CardButton, card_geometry, fitted_px
from kiosk_app.ui.common import Screen, bar_button, restyle, text_label
from kiosk_app.ui.icons import color_for, icon_for

SPACING = 16
TILE_ASPECT = 1.6  # width / height that reads best for two-line names


def plan_grid(
    names: list[str], width: int, height: int, spacing: int = SPACING, max_px: int = 44
) -> tuple[int, int]:
    """(columns, title px) for tiles named `names` in width×height: the grid where the
    longest name can be written largest (the same size on every tile, so the screen
    reads calmly), and among equals the most tile-shaped tiles."""
    count = len(names)
    if count == 0:
        return 1, max_px
    best: tuple[int, float] = (-1, -math.inf)
    plan = (1, 14)
    for cols in range(1, count + 1):
        rows = -(-count // cols)
        tile_w = (width - (cols - 1) * spacing) // cols
        tile_h = (height - (rows - 1) * spacing) // rows
        if tile_w < 2 * theme.TOUCH_MIN_PX or tile_h < theme.TOUCH_MIN_PX + 16:
            continue
        box, _, _ = card_geometry(QSize(tile_w, tile_h), 1, banded=True)
        px = min(fitted_px(n, box.width(), box.height(), max_px, 12, True) for n in names)
        key = (px, -abs(math.log((tile_w / tile_h) / TILE_ASPECT)))
        if key > best:
            best, plan = key, (cols, px)
    return plan


class HomeScreen(Screen):
    """Signals: field_chosen(str), search_requested(), appointment_requested()."""

    field_chosen = Signal(str)
    search_requested = Signal()
    appointment_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, CardButton] = {}
        self._fields: list[FieldStatus] = []
        self._columns = 0
        self.prompt = text_label(theme.Sizes.TITLE, bold=True, center=True)
        self.loading = text_label(theme.Sizes.LARGE, muted=True, center=True)
        # The printer does not work: said first, in the alarm colour, before any choice.
        self.printer_banner = text_label(theme.Sizes.LARGE, bold=True, center=True)
        self.printer_banner.setStyleSheet(
            self.printer_banner.styleSheet()
            + f" color: {theme.current.on_accent}; background: {theme.current.danger};"
            " border-radius: 12px; padding: 14px 24px;"
        )
        self.printer_banner.hide()
        self._printer_text: Callable[[], str] | None = None
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self._grid_host.installEventFilter(self)
        self.search_button = bar_button("primary")
        self.appointment_button = bar_button("primary")
        self.search_button.clicked.connect(self.search_requested)
        self.appointment_button.clicked.connect(self.appointment_requested)
        self.body.addWidget(self.printer_banner)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.loading)
        self.body.addWidget(self._grid_host, 1)
        self.bar(self.search_button, self.appointment_button)
        self.retranslate()

    def set_printer_problem(self, text: Callable[[], str] | None) -> None:
        """Show (`text` gives it in the current language) or hide the printer banner."""
        self._printer_text = text
        self.printer_banner.setText(text() if text else "")
        self.printer_banner.setVisible(text is not None)
        self._fit_prompt()

    def _fit_prompt(self) -> None:
        # On a small screen the printer banner takes the prompt's place: the tiles
        # keep their room, and the banner is what matters now.
        self.prompt.setVisible(self._printer_text is None or self.height() > 900)

    def tile(self, service_id: str) -> CardButton:
        return self.tiles[service_id]

    def set_fields(self, fields: list[FieldStatus]) -> None:
        ids_changed = [f.id for f in fields] != [f.id for f in self._fields]
        self._fields = fields
        if ids_changed:
            for tile in self.tiles.values():
                tile.deleteLater()
            self.tiles = {}
            for f in fields:
                tile = CardButton(title_px=40, parent=self._grid_host)
                tile.clicked.connect(lambda _=False, sid=f.id: self.field_chosen.emit(sid))
                self.tiles[f.id] = tile
            self._columns = 0
        self._arrange()
        self._update_texts()
        self.loading.setVisible(not fields)

    def _names(self) -> list[str]:
        return [i18n.pick(f.name, f.name_en) for f in self._fields]

    def _arrange(self) -> None:
        rect = self._grid_host.contentsRect()
        cols, px = plan_grid(self._names(), max(1, rect.width()), max(1, rect.height()))
        for tile in self.tiles.values():
            if tile.title_px != px:
                tile.title_px = px
                tile.update()
        if cols == self._columns:
            return
        self._columns = cols
        for i, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, i // cols, i % cols)
        rows = -(-len(self.tiles) // cols) if self.tiles else 0
        for r in range(self._grid.rowCount()):
            self._grid.setRowStretch(r, 1 if r < rows else 0)
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1 if c < cols else 0)

    def _update_texts(self) -> None:
        for i, f in enumerate(self._fields):
            tile = self.tiles.get(f.id)
            if tile is None:
                continue
            name = i18n.pick(f.name, f.name_en)
            tile.set_mark(color_for(f.info.color, i), icon_for(f.info.icon, f.name))
            if f.available:
                tile.set_texts(name, i18n.tr("kiosk.tile.waiting", n=f.waiting))
            else:
                tile.set_texts(name, "", unavailable_text(f.unavailable))
            tile.setEnabled(f.available)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # A small screen gives the tiles the room rather than the sentences above them.
        large = self.height() > 900
        restyle(self.prompt, theme.Sizes.TITLE if large else theme.Sizes.LARGE)
        restyle(self.printer_banner, theme.Sizes.LARGE if large else theme.Sizes.BODY + 2)
        self._fit_prompt()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._grid_host and event.type() == QEvent.Type.Resize:
            self._arrange()  # the columns follow the room the tiles really have
        return False

    def retranslate(self) -> None:
        self.prompt.setText(i18n.tr("kiosk.home.prompt"))
        self.loading.setText(i18n.tr("kiosk.home.loading"))
        self.search_button.setText(i18n.tr("kiosk.home.search"))
        self.appointment_button.setText(i18n.tr("kiosk.home.appointment"))
        if self._printer_text is not None:
            self.printer_banner.setText(self._printer_text())
        self._update_texts()
        self._arrange()  # the names' lengths changed with the language
