"""`ConnectionBadge`: a discreet dot and a word saying whether the server is reachable."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from clientkit import i18n, theme

_TEXT_KEYS = {"online": "ck.online", "connecting": "ck.connecting", "offline": "ck.offline"}


class _Dot(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.color = QColor(theme.current.muted)
        self.setFixedSize(QSize(16, 16))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawEllipse(self.rect().adjusted(1, 1, -1, -1))


class ConnectionBadge(QWidget):
    """Green "Đã kết nối" / amber "Đang kết nối lại…" / red "Mất kết nối".

    Connect it to `ServerLink.connection_changed` (`badge.set_state`). Follows the
    language switch by itself.

    Args:
        quiet_when_online: show only the green dot while all is well (hall TV: the
            public need not read "connected"); the word appears when it matters.
    """

    def __init__(
        self,
        state: str = "connecting",
        *,
        quiet_when_online: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._quiet = quiet_when_online
        self._dot = _Dot(self)
        self._label = QLabel(self)
        self._label.setProperty("role", "muted")
        self._label.setStyleSheet(f"font-size: {theme.Sizes.SMALL}px;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(8)
        layout.addWidget(self._dot)
        layout.addWidget(self._label)
        self._state = ""
        i18n.notifier().language_changed.connect(self._retranslate)
        self.set_state(state)

    @property
    def state(self) -> str:
        return self._state

    def text(self) -> str:
        return self._label.text()

    def set_state(self, state: str) -> None:
        """`state`: "online", "connecting" or "offline" (a `ConnectionState` value)."""
        if state not in _TEXT_KEYS:
            state = "offline"
        self._state = state
        colors = theme.current
        self._dot.color = QColor(
            {"online": colors.success, "connecting": colors.warning}.get(state, colors.danger)
        )
        self._dot.update()
        self._retranslate()
        self._label.setVisible(not (self._quiet and state == "online"))
        self.setToolTip(self._label.text())

    def _retranslate(self, *_: object) -> None:
        self._label.setText(i18n.tr(_TEXT_KEYS[self._state]))
