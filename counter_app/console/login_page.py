"""`LoginPage`: username, password and counter number → log in and open the counter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clientkit import i18n, theme
from clientkit.widgets import BigButton


class LoginPage(QWidget):
    """Signal: submitted(str username, str password, int counter_id)."""

    submitted = Signal(str, str, int)

    def __init__(self, server_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server_url = server_url
        self._busy = False
        card = QFrame(self)
        card.setObjectName("loginCard")
        c = theme.current
        card.setStyleSheet(
            f"#loginCard {{ background: {c.surface}; border: 2px solid {c.border};"
            " border-radius: 16px; }"
        )
        card.setFixedWidth(620)
        self.heading = QLabel(card)
        self.heading.setProperty("role", "title")
        self.intro = QLabel(card)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "muted")
        self.username = QLineEdit(card)
        self.password = QLineEdit(card)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # A line edit, not a spin box: the number is typed on a keypad, and a spin box
        # without arrows draws no text under the app stylesheet.
        self.counter = QLineEdit(card)
        self.counter.setValidator(QIntValidator(1, 999, self.counter))
        self.counter.setMaxLength(3)
        self.error = QLabel(card)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {c.danger}; font-weight: bold;")
        self.error.hide()
        self.submit = BigButton(variant="primary", parent=card)
        self.submit.clicked.connect(self._submit)
        for edit in (self.username, self.password, self.counter):
            edit.returnPressed.connect(self._submit)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(12)
        self.form.setHorizontalSpacing(16)
        self.labels = {key: QLabel(card) for key in ("username", "password", "counter")}
        for label in self.labels.values():  # level with the middle of its field
            label.setMinimumHeight(60)
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.form.addRow(self.labels["username"], self.username)
        self.form.addRow(self.labels["password"], self.password)
        self.form.addRow(self.labels["counter"], self.counter)
        self.server = QLabel(card)
        self.server.setProperty("role", "muted")
        self.server.setStyleSheet(f"font-size: {theme.Sizes.SMALL}px;")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 30, 36, 30)
        inner.setSpacing(16)
        inner.addWidget(self.heading)
        inner.addWidget(self.intro)
        inner.addLayout(self.form)
        inner.addWidget(self.error)
        inner.addWidget(self.submit)
        inner.addWidget(self.server)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        i18n.notifier().language_changed.connect(self.retranslate)
        self.retranslate()

    def prefill(self, username: str | None, counter_id: int | None) -> None:
        if username:
            self.username.setText(username)
        if counter_id:
            self.counter.setText(str(counter_id))
        (self.password if username else self.username).setFocus()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.username, self.password, self.counter, self.submit):
            w.setEnabled(not busy)
        self.retranslate()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def retranslate(self, *_: object) -> None:
        self.heading.setText(i18n.tr("counter.login.title"))
        self.intro.setText(i18n.tr("counter.login.subtitle"))
        for key, label in self.labels.items():
            label.setText(i18n.tr(f"counter.login.{key}"))
        self.submit.setText(i18n.tr("counter.login.busy" if self._busy else "counter.login.submit"))
        self.server.setText(i18n.tr("counter.login.server", url=self._server_url))

    def _submit(self) -> None:
        if self._busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_error(i18n.tr("counter.login.missing"))
            return
        counter_id = self.counter_id()
        if counter_id is None:
            self.show_error(i18n.tr("counter.login.need_counter"))
            self.counter.setFocus()
            return
        self.show_error("")
        self.submitted.emit(username, password, counter_id)

    def counter_id(self) -> int | None:
        text = self.counter.text().strip()
        return int(text) if text.isdigit() and int(text) >= 1 else None
