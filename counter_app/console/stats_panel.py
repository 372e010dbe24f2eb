"""`StatsPanel`: today's figures of this counter (`GET /counters/{id}/stats`)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from counter_app.names import minutes_text
from protocol.views import CounterStats

_KEYS = ("served", "no_shows", "avg_rating", "avg_wait", "avg_service")


def _decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if i18n.language() == "vi" else text


class StatsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsPanel")
        c = theme.current
        self.setStyleSheet(
            f"#statsPanel {{ background: {c.surface}; border: 2px solid {c.border};"
            " border-radius: 14px; }"
        )
        self.stats: CounterStats | None = None
        self.rating_levels = 4  # the best score; set from the catalog
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self._captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        for i, key in enumerate(_KEYS):
            row, col = divmod(i, 3)
            caption, value = QLabel(self), QLabel(self)
            caption.setProperty("role", "muted")
            caption.setStyleSheet(f"font-size: {theme.Sizes.SMALL}px;")
            value.setStyleSheet(f"font-size: {theme.Sizes.BODY + 2}px; font-weight: bold;")
            grid.addWidget(caption, row * 2, col)
            grid.addWidget(value, row * 2 + 1, col)
            self._captions[key], self.values[key] = caption, value
        for col in range(3):
            grid.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        i18n.notifier().language_changed.connect(self.redraw)
        self.redraw()

    def set_stats(self, stats: CounterStats) -> None:
        self.stats = stats
        self.redraw()

    def redraw(self, *_: object) -> None:
        self.title.setText(i18n.tr("counter.stats.title"))
        for key in _KEYS:
            self._captions[key].setText(i18n.tr(f"counter.stats.{key}"))
        s = self.stats
        rating = s.avg_rating if s is not None else None
        texts = {
            "served": str(s.served) if s is not None else "–",
            "no_shows": str(s.no_shows) if s is not None else "–",
            "avg_wait": minutes_text(s.avg_wait_s) if s is not None else "–",
            "avg_service": minutes_text(s.avg_service_s) if s is not None else "–",
            "avg_rating": (
                i18n.tr(
                    "counter.stats.rating_value",
                    value=_decimal(rating),
                    top=self.rating_levels,
                    n=s.ratings,
                )
                if s is not None and rating is not None
                else "–"
            ),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
