"""`Sheet`: a dialog drawn inside the console window (dimmed backdrop and a card).

Not a separate top-level window: a full-screen console has no window manager to place
one, and a screenshot of the window shows the dialog too. Esc cancels, Enter confirms;
the console greys its own buttons (and so their F-keys) while a sheet is open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from clientkit.widgets import BigButton


class Sheet(QWidget):
    """Subclasses fill `self.body` and implement `confirm()`.

    Signals: opened(), closed() (after confirm or cancel).
    """

    opened = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget, *, width: int = 760) -> None:
        super().__init__(parent)
        self._card_width = width
        self.grow: list[QWidget] = []  # lists that take the room a big screen gives
        self.card = QFrame(self)
        self.card.setObjectName("sheetCard")
        c = theme.current
        self.card.setStyleSheet(
            f"#sheetCard {{ background: {c.surface}; border-radius: 16px;"
            f" border: 2px solid {c.border}; }}"
        )
        outer = QVBoxLayout(self.card)
        outer.setContentsMargins(28, 24, 28, 24)
        outer.setSpacing(14)
        self.title = QLabel(self.card)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.hint = QLabel(self.card)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        outer.addWidget(self.title)
        outer.addWidget(self.hint)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body, 1)
        self.error = QLabel(self.card)
        self.error.setStyleSheet(f"color: {c.danger}; font-weight: bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.cancel_button = BigButton(variant="secondary", parent=self.card)
        self.cancel_button.clicked.connect(self.cancel)
        self.confirm_button = BigButton(variant="primary", parent=self.card)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.cancel_button, 1)
        row.addWidget(self.confirm_button, 2)
        outer.addLayout(row)
        parent.installEventFilter(self)
        i18n.notifier().language_changed.connect(self._retranslate_base)
        self._retranslate_base()
        self.hide()

    def open(self) -> None:
        self.error.hide()
        self._place()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.focus_first()
        self.opened.emit()

    def focus_first(self) -> None:
        """Give the keyboard to the sheet's first control (subclasses override)."""
        self.confirm_button.setFocus()

    def cancel(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def confirm(self) -> None:
        raise NotImplementedError

    def done(self) -> None:
        """Subclasses call this after a successful confirm."""
        self.hide()
        self.closed.emit()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        if self.isVisible():
            self._place()  # the card grows for the line: nothing in it overlaps

    def _retranslate_base(self, *_: object) -> None:
        self.cancel_button.setText(i18n.tr("counter.sheet.cancel"))

    # ---- geometry, keys, backdrop ----------------------------------------------------

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        width = min(self._card_width, parent.width() - 48)
        for widget in self.grow:
            widget.setMinimumHeight(max(200, min(640, parent.height() - 380)))
        self.card.setFixedWidth(width)
        # The height the card's contents need at this width (wrapped texts included,
        # and a message line that has just appeared): never less, or they overlap.
        layout = self.card.layout()
        layout.invalidate()
        layout.activate()
        need = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        room = parent.height() - 48
        height = max(min(need, room), layout.totalMinimumSize().height())
        self.card.setFixedHeight(height)
        self.card.move((parent.width() - width) // 2, (parent.height() - height) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        resized = watched is self.parentWidget() and event.type() == QEvent.Type.Resize
        if resized and self.isVisible():
            self._place()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.confirm_button.isEnabled():
                self.confirm()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(10, 20, 35, 150))
