"""`ActionBar`: the big "call next" button and the clerk's other actions, each with its
F-key drawn on it. It only says which action was pressed; the page decides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from clientkit import i18n, theme
from clientkit.widgets import BigButton
from counter_app.console.rules import SHORTCUTS, Action

# (action, variant, row, column) of the small buttons under the big one.
_GRID: list[tuple[Action, str, int, int]] = [
    (Action.RECALL, "secondary", 0, 0),
    (Action.START, "success", 0, 1),
    (Action.FINISH, "success", 0, 2),
    (Action.NO_SHOW, "warning", 0, 3),
    (Action.TRANSFER, "secondary", 1, 0),
    (Action.PAUSE, "secondary", 1, 1),  # also "resume": one F7 button that toggles
    (Action.CLOSE, "danger", 1, 3),
]


class ActionBar(QWidget):
    """Signal: triggered(str) — an `Action` value (PAUSE or RESUME for the F7 button)."""

    triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[Action, BigButton] = {}
        self._paused = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        big = BigButton(shortcut=SHORTCUTS[Action.NEXT], variant="primary", parent=self)
        big.setMinimumHeight(96)
        big.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        big.setStyleSheet(f"font-size: {theme.Sizes.TITLE}px;")
        big.clicked.connect(lambda: self.triggered.emit(Action.NEXT.value))
        grid.addWidget(big, 0, 0, 1, 4)
        self.buttons[Action.NEXT] = big
        for action, variant, row, col in _GRID:
            button = BigButton(shortcut=SHORTCUTS[action], variant=variant, parent=self)
            button.setMinimumHeight(72)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            # Narrower than the default look so "Close counter" fits a quarter column.
            button.setStyleSheet(f"font-size: {theme.Sizes.BODY - 2}px; padding: 6px 8px;")
            button.clicked.connect(lambda _=False, a=action: self._pressed(a))
            grid.addWidget(button, row + 1, col)
            self.buttons[action] = button
        for col in range(4):
            grid.setColumnStretch(col, 1)
        grid.setRowStretch(0, 4)  # on a big screen the big button grows most
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 3)
        i18n.notifier().language_changed.connect(self.retranslate)
        self.retranslate()

    def button(self, action: Action | str) -> BigButton:
        action = Action(action)
        return self.buttons[Action.PAUSE if action == Action.RESUME else action]

    def set_paused(self, paused: bool) -> None:
        """Turn the F7 button into "resume" while the counter is paused."""
        self._paused = paused
        self.retranslate()

    def set_enabled_actions(self, enabled: frozenset[Action]) -> None:
        for action, button in self.buttons.items():
            if action == Action.PAUSE:
                want = Action.RESUME if self._paused else Action.PAUSE
                button.setEnabled(want in enabled)
            else:
                button.setEnabled(action in enabled)

    def retranslate(self, *_: object) -> None:
        for action, button in self.buttons.items():
            if action == Action.PAUSE and self._paused:
                button.setText(i18n.tr("counter.action.resume"))
                button.set_variant("success")
            else:
                button.setText(i18n.tr(f"counter.action.{action.value}"))
                if action == Action.PAUSE:
                    button.set_variant("secondary")

    def _pressed(self, action: Action) -> None:
        if action == Action.PAUSE and self._paused:
            action = Action.RESUME
        self.triggered.emit(action.value)
