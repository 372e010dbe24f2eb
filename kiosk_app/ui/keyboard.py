"""`OnScreenKeyboard`: touch keys that type into a QLineEdit.

Modes:
- "vi": Vietnamese letters (ă â đ ê ô ơ ư and the five tone keys) for search;
- "code": digits and capital letters for appointment codes;
- "text": letters, digits, URL symbols and a shift key for the staff settings
  (server address, device token, printer URL).
Keys never take the focus, so a barcode scanner typing into the field keeps working.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from clientkit import i18n, theme
from kiosk_app.vn_input import TONE_KEY_LABELS, apply_tone

BACKSPACE = "⌫"
SHIFT = "⇧"
_ROWS: dict[str, list[str]] = {
    "vi": ["qwertyuiop", "asdfghjkl" + BACKSPACE, "zxcvbnmăâđ", "êôơư"],
    "code": ["1234567890", "QWERTYUIOP", "ASDFGHJKL" + BACKSPACE, "ZXCVBNM"],
    "text": ["1234567890", "qwertyuiop", "asdfghjkl" + BACKSPACE, SHIFT + "zxcvbnm-_", ":/.@?=&"],
}
COLUMNS = 10
KEY_MAX_PX = 96


class _Key(QPushButton):
    def __init__(self, label: str, parent: QWidget) -> None:
        super().__init__(label, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(theme.TOUCH_MIN_PX, theme.TOUCH_MIN_PX)
        self.setMaximumHeight(KEY_MAX_PX)  # a tall narrow key is hard to aim at
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoRepeat(label == BACKSPACE)
        self.setStyleSheet(f"font-size: {theme.Sizes.LARGE}px; font-weight: bold; padding: 0;")


class OnScreenKeyboard(QWidget):
    """Signals: typed() — after every key (the target's text may have changed)."""

    typed = Signal()

    def __init__(self, mode: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if mode not in _ROWS:
            raise ValueError(f"mode must be one of {sorted(_ROWS)}")
        self.mode = mode
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        self._shift = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for col in range(COLUMNS):
            grid.setColumnStretch(col, 1)
        row = 0
        for row, letters in enumerate(_ROWS[mode]):
            for col, ch in enumerate(letters):
                self._add(grid, ch, row, col, 1)
        if mode == "vi":  # tone keys share the last letter row, after a small caption
            caption = QLabel(i18n.tr("kiosk.kb.tones"))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            # Its text must not widen its column: every key column is equally wide.
            caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            caption.setStyleSheet(
                f"color: {theme.current.muted}; font-size: {theme.Sizes.SMALL}px;"
            )
            grid.addWidget(caption, row, 4)
            self._tones_caption: QLabel | None = caption
            for col, (tone, label) in enumerate(TONE_KEY_LABELS.items(), start=5):
                key = self._add(grid, label, row, col, 1, name=f"tone:{tone}")
                key.setToolTip(tone)
        if mode == "vi":  # a row of its own for the space bar
            row += 1
            self.space: QPushButton | None = self._add(grid, " ", row, 0, 7, name="space")
        else:  # codes and addresses have no spaces: "clear" ends the last row
            self.space = None
        last = len(_ROWS[mode][-1]) if mode != "vi" else 7
        self.clear_key = self._add(grid, "", row, last, COLUMNS - last, name="clear")
        rows = row + 1  # keys stop growing at KEY_MAX_PX: so does the keyboard, no gaps
        self.setMaximumHeight(rows * KEY_MAX_PX + (rows - 1) * grid.spacing())
        i18n.notifier().language_changed.connect(self._retranslate)
        self._retranslate()

    def _add(
        self, grid: QGridLayout, label: str, row: int, col: int, span: int, name: str = ""
    ) -> QPushButton:
        key = _Key(label, self)
        name = name or label
        key.clicked.connect(lambda _=False, n=name: self.press(n))
        grid.addWidget(key, row, col, 1, span)
        self.keys[name] = key
        return key

    def set_target(self, target: QLineEdit | None) -> None:
        self.target = target

    def press(self, name: str) -> None:
        """What a tap on the key `name` does (a letter, "space", "clear", "⌫", "⇧",
        "tone:sac"…). Public so that scripts and tests can type."""
        target = self.target
        if target is None:
            return
        if name == BACKSPACE:
            target.backspace()
        elif name == "clear":
            target.clear()
        elif name == "space":
            target.insert(" ")
        elif name == SHIFT:
            self._shift = not self._shift
            self._relabel()
            return
        elif name.startswith("tone:"):
            target.setText(apply_tone(target.text(), name.split(":", 1)[1]))
        else:
            target.insert(name.upper() if self._shift else name)
        self.typed.emit()

    def type_text(self, text: str) -> None:
        """Press the keys of `text` one by one (letters, digits, spaces)."""
        for ch in text:
            self.press("space" if ch == " " else ch)

    def _relabel(self) -> None:
        for name, key in self.keys.items():
            if len(name) == 1 and name.isalpha():
                key.setText(name.upper() if self._shift else name)
        shift = self.keys.get(SHIFT)
        if shift is not None:
            shift.setProperty("variant", "primary" if self._shift else "secondary")
            shift.style().unpolish(shift)
            shift.style().polish(shift)

    def _retranslate(self, *_: object) -> None:
        caption = getattr(self, "_tones_caption", None)
        if caption is not None:
            caption.setText(i18n.tr("kiosk.kb.tones"))
        if self.space is not None:
            self.space.setText(i18n.tr("kiosk.kb.space"))
        self.clear_key.setText(i18n.tr("kiosk.kb.clear"))
