"""`RatingPadWindow`: the citizen-facing screen at one counter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clientkit import i18n, theme
from clientkit.session import ServerLink
from clientkit.widgets import BigButton, ConnectionBadge, Toast
from counter_app.pad import strings  # noqa: F401  (registers the texts)
from counter_app.pad.controller import ASKING, IDLE, REASONS, THANKS, RatingPadController
from counter_app.pad.screens import AskScreen, IdleScreen, ReasonsScreen, ThanksScreen

_TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)


class RatingPadWindow(QWidget):
    def __init__(
        self,
        link: ServerLink,
        counter_id: int,
        *,
        idle_timeout_ms: int = 30_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.controller = RatingPadController(
            link, counter_id, idle_timeout_ms=idle_timeout_ms, parent=self
        )
        c = theme.current
        bar = QFrame(self)
        bar.setObjectName("padBar")
        bar.setStyleSheet(f"#padBar {{ background: {c.primary}; }}")
        self.counter_label = QLabel(bar)
        self.counter_label.setStyleSheet(
            f"color: {c.on_primary}; font-size: {theme.Sizes.TITLE}px; font-weight: bold;"
        )
        self.clerk_label = QLabel(bar)
        self.clerk_label.setStyleSheet(f"color: {c.on_primary}; font-size: {theme.Sizes.LARGE}px;")
        # With its word: a lone dot on the pill read as an empty white pill.
        self.badge = ConnectionBadge(parent=bar)
        # On a light pill: a green or red dot vanishes on the blue bar.
        self.badge.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.badge.setStyleSheet(
            f"ConnectionBadge {{ background: {c.surface}; border-radius: 12px; }}"
        )
        self.language = BigButton(variant="secondary", parent=bar)
        self.language.setMinimumWidth(180)
        self.language.clicked.connect(i18n.toggle)
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 10, 16, 10)
        row.setSpacing(20)
        row.addWidget(self.counter_label)
        row.addWidget(self.clerk_label, 1)
        row.addWidget(self.badge)
        row.addWidget(self.language)

        self.idle = IdleScreen(self)
        self.ask = AskScreen(self)
        self.reasons = ReasonsScreen(self)
        self.thanks = ThanksScreen(self)
        self.pages = QStackedWidget(self)
        self._screens = {
            IDLE: self.idle,
            ASKING: self.ask,
            REASONS: self.reasons,
            THANKS: self.thanks,
        }
        for screen in self._screens.values():
            self.pages.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        body = QVBoxLayout()
        body.setContentsMargins(28, 20, 28, 28)
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)
        self.toast = Toast(self)

        ctl = self.controller
        ctl.mode_changed.connect(self._show_mode)
        ctl.counter_changed.connect(self._redraw_counter)
        ctl.busy_changed.connect(self._on_busy)
        ctl.notice.connect(lambda text: self.toast.show_error(text, timeout_s=8))
        self.ask.chosen.connect(ctl.choose)
        self.reasons.send.connect(ctl.send_reasons)
        link.connection_changed.connect(self.badge.set_state)
        link.catalog_changed.connect(self._on_catalog)
        i18n.notifier().language_changed.connect(self._retranslate)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._retranslate()

    @property
    def mode(self) -> str:
        return self.controller.mode

    def _on_catalog(self) -> None:
        self.ask.set_levels(self.controller.levels)
        self.reasons.set_reasons(self.controller.reasons)

    def _show_mode(self, mode: str) -> None:
        if mode == ASKING and self.controller.ticket is not None:
            self.ask.set_ticket(self.controller.ticket.number, self.controller.counter_id)
        if mode == REASONS:
            self.reasons.clear()
        self.pages.setCurrentWidget(self._screens[mode])

    def _on_busy(self, busy: bool) -> None:
        self.ask.set_busy(busy)
        self.reasons.set_busy(busy)

    def _redraw_counter(self) -> None:
        counter = self.controller.counter
        self.idle.set_counter(counter)
        clerk = counter.clerk if counter else None
        self.clerk_label.setText(
            i18n.tr("counter.pad.clerk", name=clerk) if clerk else i18n.tr("counter.pad.no_clerk")
        )

    def _retranslate(self, *_: object) -> None:
        self.counter_label.setText(i18n.tr("counter.pad.counter", n=self.controller.counter_id))
        self.language.setText(i18n.tr("counter.pad.language"))
        self.setWindowTitle(f"MotCua — {self.counter_label.text()}")
        self._redraw_counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() in _TOUCHES
            and isinstance(watched, QWidget)
            and (watched is self or self.isAncestorOf(watched))
        ):
            self.controller.touched()
        return False
