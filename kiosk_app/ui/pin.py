"""Admin PIN pad in front of the settings.

The PIN comes from the installer (`motcua kiosk --admin-pin`), never from the first
passer-by: with no PIN set the pad only says so, and nothing behind it can be reached.
"Đổi mã PIN" in the settings asks for a new one twice. Five wrong PINs lock the pad for
a while: a curious citizen cannot try them all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from clientkit import i18n, theme
from clientkit.device_config import DeviceConfig
from kiosk_app.ui.common import Screen, bar_button, text_label

CHECK, NEW, CONFIRM, NO_PIN = "check", "new", "confirm", "no-pin"
MAX_TRIES = 5


class PinScreen(Screen):
    """Signals: accepted() — PIN right (or a new one set and saved); cancelled()."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(
        self, config: DeviceConfig, lock_s: float = 60.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.mode = CHECK
        self._entered = ""
        self._first = ""
        self._wrong = 0
        self._error_key = ""
        self._lock = QTimer(self)
        self._lock.setSingleShot(True)
        self._lock.setInterval(int(lock_s * 1000))
        self._lock.timeout.connect(self._unlock)
        self.title = text_label(theme.Sizes.TITLE, bold=True, center=True)
        self.dots = text_label(48, bold=True, center=True)
        self.error = text_label(
            theme.Sizes.LARGE, bold=True, color=theme.current.danger, center=True
        )
        self.keys: dict[str, QPushButton] = {}
        pad_host = QWidget()
        pad = QGridLayout(pad_host)
        pad.setSpacing(14)
        for i, name in enumerate(["1", "2", "3", "⌫", "4", "5", "6", "0", "7", "8", "9", "ok"]):
            key = QPushButton(name)
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.setFixedSize(150, 84)
            key.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            key.setStyleSheet(f"font-size: {theme.Sizes.TITLE}px; font-weight: bold;")
            if name == "ok":  # "Đồng ý" is a word, not a digit: smaller type
                key.setProperty("variant", "success")
                key.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px; font-weight: bold;")
            key.clicked.connect(lambda _=False, n=name: self.press(n))
            pad.addWidget(key, i // 4, i % 4)
            self.keys[name] = key
        self.cancel_button = bar_button()
        self.cancel_button.clicked.connect(self.cancelled)
        self.body.addStretch(1)
        self.body.addWidget(self.title)
        self.body.addWidget(self.dots)
        self.body.addWidget(self.error)
        self.body.addWidget(pad_host, 0, Qt.AlignmentFlag.AlignHCenter)
        self.body.addStretch(1)
        self.bar(self.cancel_button, stretch_after=0)
        self.retranslate()

    def start(self, mode: str | None = None) -> None:
        """Show empty; `mode` NEW to change the PIN (from the settings), else CHECK, or
        NO_PIN if none is set: then only "Huỷ" works."""
        self.mode = mode or (CHECK if self.config.has_pin else NO_PIN)
        self._entered = self._first = ""
        self._error_key = ""
        self.retranslate()

    def press(self, key: str) -> None:
        if self._lock.isActive() or self.mode == NO_PIN:
            return
        if key == "⌫":
            self._entered = self._entered[:-1]
        elif key == "ok":
            self._submit()
            return
        elif len(self._entered) < 12:
            self._entered += key
            self._error_key = ""
        self.retranslate()

    def enter(self, pin: str) -> None:
        """Type `pin` and press OK (tests, scripts)."""
        for ch in pin:
            self.press(ch)
        self.press("ok")

    def _submit(self) -> None:
        pin, self._entered = self._entered, ""
        if self.mode == CHECK:
            if self.config.check_pin(pin):
                self._wrong = 0
                self.accepted.emit()
                return
            self._wrong += 1
            self._error_key = "kiosk.pin.wrong"
            if self._wrong >= MAX_TRIES:
                self._wrong = 0
                self._lock.start()
                self._error_key = "kiosk.pin.locked"
        elif self.mode == NEW:
            if not (pin.isdigit() and 4 <= len(pin) <= 12):
                self._error_key = "kiosk.pin.short"
            else:
                self._first, self.mode, self._error_key = pin, CONFIRM, ""
        elif self.mode == CONFIRM:
            if pin != self._first:
                self.mode, self._first, self._error_key = NEW, "", "kiosk.pin.mismatch"
            else:
                self.config.set_pin(pin)
                self.config.save()
                self.mode = CHECK
                self.accepted.emit()
                return
        self.retranslate()

    def _unlock(self) -> None:
        self._error_key = ""
        self.retranslate()

    def retranslate(self) -> None:
        title = {
            CHECK: "kiosk.pin.title",
            NEW: "kiosk.pin.new",
            CONFIRM: "kiosk.pin.confirm",
            NO_PIN: "kiosk.pin.none",
        }
        self.title.setText(i18n.tr(title[self.mode]))
        self.dots.setText("●" * len(self._entered) or " ")
        seconds = max(1, self._lock.interval() // 1000)
        self.error.setText(i18n.tr(self._error_key, n=seconds) if self._error_key else "")
        if self.mode == NO_PIN:
            self.error.setText(i18n.tr("kiosk.pin.none_body"))
        for key in self.keys.values():
            key.setVisible(self.mode != NO_PIN)
        self.keys["ok"].setText(i18n.tr("kiosk.pin.ok"))
        self.cancel_button.setText("‹ " + i18n.tr("kiosk.pin.cancel"))
