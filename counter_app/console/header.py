"""`Header`: which counter and clerk, the counter's status, the connection, language.

Always on screen (the connection state must always be visible), on the log-in screen
too (then only the centre's name and the language button)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from clientkit import i18n, theme
from clientkit.widgets import BigButton, ConnectionBadge
from counter_app.console.rules import LANGUAGE_SHORTCUT
from protocol import CounterState, CounterStatus


class Header(QFrame):
    """Signal: language_clicked()."""

    language_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        c = theme.current
        self.setStyleSheet(
            f"#header {{ background: {c.surface}; border-bottom: 2px solid {c.border}; }}"
        )
        self._counter: CounterState | None = None
        self._clerk: str | None = None
        self._centre: str | None = None
        self.title = QLabel(self)
        self.title.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px; font-weight: bold;")
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("role", "muted")
        self.subtitle.setStyleSheet(f"font-size: {theme.Sizes.SMALL}px;")
        # The centre's long name gives way (elided) before the connection state does.
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._subtitle = ""
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        self.status = QLabel(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge = ConnectionBadge(parent=self)
        self.language = BigButton(shortcut=LANGUAGE_SHORTCUT, variant="secondary", parent=self)
        self.language.setMinimumWidth(190)
        self.language.clicked.connect(self.language_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 16, 8)
        row.setSpacing(16)
        row.addLayout(names, 1)
        row.addWidget(self.status)
        row.addWidget(self.badge)
        row.addWidget(self.language)
        i18n.notifier().language_changed.connect(self.redraw)
        self.redraw()

    def set_centre(self, name: str | None) -> None:
        self._centre = name
        self.redraw()

    def set_counter(self, counter: CounterState | None, clerk: str | None) -> None:
        """`None` = the log-in screen: no status, no connection badge."""
        self._counter, self._clerk = counter, clerk
        self.redraw()

    def redraw(self, *_: object) -> None:
        self.language.setText(i18n.tr("counter.language"))
        counter = self._counter
        in_console = counter is not None
        self.status.setVisible(in_console)
        self.badge.setVisible(in_console)
        if counter is None:
            self.title.setText(i18n.tr("counter.app_title"))
            self._set_subtitle(self._centre or "MotCua")
            return
        self.title.setText(i18n.tr("counter.header.counter", n=counter.id))
        self._set_subtitle(" · ".join(x for x in (self._clerk, self._centre) if x))
        c = theme.current
        color = {
            CounterStatus.OPEN: c.success,
            CounterStatus.PAUSED: c.warning,
        }.get(counter.status, c.danger)
        key = {
            CounterStatus.OPEN: "counter.status.open",
            CounterStatus.PAUSED: "counter.status.paused",
        }.get(counter.status, "counter.status.closed")
        # A status, not a button: coloured text with a coloured bar, no filled pill.
        self.status.setText(i18n.tr(key, reason=counter.pause_reason or ""))
        self.status.setStyleSheet(
            f"color: {color}; font-weight: bold; background: transparent;"
            f" border: none; border-left: 6px solid {color}; padding: 4px 4px 4px 12px;"
        )

    def _set_subtitle(self, text: str) -> None:
        self._subtitle = text
        self.subtitle.setToolTip(text)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(theme.font(theme.Sizes.SMALL))
        width = max(40, self.subtitle.width())
        self.subtitle.setText(
            metrics.elidedText(self._subtitle, Qt.TextElideMode.ElideRight, width)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()
