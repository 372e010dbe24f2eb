"""`Toast`: a message floating over the bottom of a screen, then gone by itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from clientkit import theme
from clientkit.errors import ApiError

KINDS = ("error", "warning", "info", "success")


class Toast(QWidget):
    """Overlay message for errors and confirmations. A tap closes it early.

    Create one per screen: `toast = Toast(screen)`; then `toast.show_error(err)` in a
    call's `failed` slot — it shows `ApiError.title` (Vietnamese, ready to show).
    A new message replaces the one shown.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self._label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.kind = "info"
        parent.installEventFilter(self)
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def show_error(self, error: ApiError | str, timeout_s: float = 6.0) -> None:
        """Show an `ApiError`'s title (or a text) as an error."""
        text = error.title if isinstance(error, ApiError) else str(error)
        kind = "warning" if isinstance(error, ApiError) and error.is_network else "error"
        self.show_message(text, kind, timeout_s)

    def show_info(self, text: str, timeout_s: float = 4.0) -> None:
        self.show_message(text, "info", timeout_s)

    def show_success(self, text: str, timeout_s: float = 4.0) -> None:
        self.show_message(text, "success", timeout_s)

    def show_message(self, text: str, kind: str = "info", timeout_s: float = 5.0) -> None:
        """`kind`: "error", "warning", "info" or "success"; `timeout_s` 0 = stay until
        tapped or `hide()`."""
        if kind not in KINDS:
            kind = "info"
        self.kind = kind
        c = theme.current
        background = {"error": c.danger, "warning": c.warning, "success": c.success}.get(
            kind, c.primary
        )
        foreground = c.on_primary if kind == "info" else c.on_accent
        self.setStyleSheet(
            f"Toast {{ background: {background}; border-radius: 12px; }}"
            f"QLabel {{ color: {foreground}; font-size: {theme.Sizes.LARGE}px;"
            " font-weight: bold; background: transparent; }"
        )
        self._label.setText(text)
        self._place()
        self.show()
        self.raise_()
        if timeout_s > 0:
            self._timer.start(int(timeout_s * 1000))
        else:
            self._timer.stop()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = max(200, int(parent.width() * 0.8))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, parent.height() - self.height() - 32)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        self.hide()
