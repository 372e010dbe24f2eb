"""A tiny translator: Vietnamese by default, English switchable at runtime.

Each app registers its strings once, as {key: (vi, en)}, with a prefix of its own
("kiosk.", "display.", "counter.", clientkit uses "ck.")::

    from clientkit import i18n
    i18n.register({"kiosk.take": ("Lấy số", "Take a number")})
    button.setText(i18n.tr("kiosk.take"))
    i18n.notifier().language_changed.connect(self.retranslate)

The core is pure Python (unit-tested without Qt); `notifier()` gives the Qt signal.
Server texts (catalog names, error titles) are not translated here: the catalog carries
`name_en` where a centre provides one — use `pick(vi, en)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

Listener = Callable[[str], None]


class Translator:
    """Strings by key in two languages, and who to tell when the language changes."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self._check(language)
        self._language = language
        self._strings: dict[str, tuple[str, str]] = {}
        self._listeners: list[Listener] = []

    @property
    def language(self) -> str:
        return self._language

    def register(self, strings: Mapping[str, tuple[str, str]]) -> None:
        """Add strings. Registering the same key again with other text is a bug (two
        apps or screens fighting over one key), so it raises ValueError."""
        for key, pair in strings.items():
            vi, en = pair
            old = self._strings.get(key)
            if old is not None and old != (vi, en):
                raise ValueError(f"i18n key {key!r} registered twice with other text")
            self._strings[key] = (vi, en)

    def tr(self, key: str, **fmt: Any) -> str:
        """Text for `key` in the current language, formatted with `fmt` ({name} style).

        Never raises: a missing key shows the key itself (visible in review, no crash),
        a missing English text falls back to Vietnamese, a bad placeholder leaves the
        text unformatted.
        """
        pair = self._strings.get(key)
        if pair is None:
            log.warning("i18n: missing key %r", key)
            return key
        text = pair[1] if self._language == "en" and pair[1] else pair[0]
        if not fmt:
            return text
        try:
            return text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            log.warning("i18n: cannot format %r with %s", key, sorted(fmt))
            return text

    def pick(self, vi: str, en: str | None) -> str:
        """Choose between a server text and its optional English version."""
        return en if self._language == "en" and en else vi

    def set_language(self, language: str) -> None:
        """Switch language; listeners are told only when it actually changes."""
        self._check(language)
        if language == self._language:
            return
        self._language = language
        for listener in list(self._listeners):
            listener(language)

    def toggle(self) -> str:
        """vi ↔ en (the kiosk's language button). Returns the new language."""
        self.set_language("en" if self._language == "vi" else "vi")
        return self._language

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(language)` on every change; returns an unsubscribe function."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def has(self, key: str) -> bool:
        return key in self._strings

    @staticmethod
    def _check(language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")


# The process-wide translator: one language for the whole app.
translator = Translator()
register = translator.register
tr = translator.tr
pick = translator.pick
set_language = translator.set_language
toggle = translator.toggle
subscribe = translator.subscribe


def language() -> str:
    return translator.language


_notifier: Any = None


def notifier() -> Any:
    """A QObject with `language_changed(str)`, emitted when `set_language` switches.

    Created on first use (Qt imported only then). Screens connect their `retranslate`.
    """
    global _notifier
    if _notifier is None:
        from PySide6.QtCore import QObject, Signal

        class LanguageNotifier(QObject):
            language_changed = Signal(str)

        _notifier = LanguageNotifier()
        translator.subscribe(_notifier.language_changed.emit)
    return _notifier


# clientkit's own strings (its widgets use them).
register(
    {
        "ck.online": ("Đã kết nối", "Connected"),
        "ck.connecting": ("Đang kết nối lại…", "Reconnecting…"),
        "ck.offline": ("Mất kết nối", "Connection lost"),
    }
)
