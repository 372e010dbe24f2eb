"""`KeyedButton`: a `BigButton` whose F-key survives `setText`.

LOCAL FIX, to move into clientkit: `QAbstractButton.setText` replaces the button's
shortcut with the text's mnemonic, so a `BigButton` retranslated after
`set_shortcut("F1")` silently loses F1 (while still drawing "F1" on itself). This
subclass puts the shortcut back after every `setText`.
"""

from __future__ import annotations

from clientkit.widgets import BigButton


class KeyedButton(BigButton):
    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        if self.shortcut_text:
            self.set_shortcut(self.shortcut_text)
