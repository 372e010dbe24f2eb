"""`ConsoleWindow`: header, then the log-in page or the console page.

Owns the service objects (`CounterSession`, `CounterFeeds`) for one `ServerLink`, and
remembers the last username, counter and language in the device's settings file
(`counter.json`) so the next morning's log-in is two keystrokes shorter.
"""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from clientkit import i18n
from clientkit.device_config import DeviceConfig
from clientkit.errors import ApiError
from clientkit.session import ServerLink
from counter_app.console import strings  # noqa: F401  (registers the texts)
from counter_app.console.console_page import ConsolePage
from counter_app.console.feeds import CounterFeeds
from counter_app.console.header import Header
from counter_app.console.login_page import LoginPage
from counter_app.console.session import CounterSession


class ConsoleWindow(QWidget):
    def __init__(
        self,
        link: ServerLink,
        *,
        counter_id: int | None = None,
        username: str | None = None,
        config: DeviceConfig | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.config = config
        self.session = CounterSession(link, self)
        self.feeds = CounterFeeds(link, self)
        self.header = Header(self)
        self.login_page = LoginPage(link.base_url, self)
        self.console_page = ConsolePage(self.session, self.feeds, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.login_page)
        self.pages.addWidget(self.console_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)

        self.header.language_clicked.connect(self.toggle_language)
        self.login_page.submitted.connect(self._login)
        self.session.login_failed.connect(self._on_login_failed)
        self.session.opened.connect(self._on_opened)
        self.session.ended.connect(self._on_ended)
        self.session.counter_changed.connect(self._redraw_header)
        self.session.opened.connect(self._retitle)
        self.session.ended.connect(self._retitle)
        link.connection_changed.connect(self.header.badge.set_state)
        link.catalog_changed.connect(self._on_catalog)
        i18n.notifier().language_changed.connect(self._retitle)
        self.login_page.prefill(username, counter_id)
        self._retitle()

    def toggle_language(self) -> None:
        language = i18n.toggle()
        if self.config is not None:
            self.config.language = language
            self._save()

    # ---- log-in / out ------------------------------------------------------------------

    def _login(self, username: str, password: str, counter_id: int) -> None:
        self.login_page.set_busy(True)
        self.session.login(username, password, counter_id)

    def _on_login_failed(self, error: ApiError) -> None:
        self.login_page.set_busy(False)
        # Log-in is not retried by itself, so clientkit's "retrying…" would be wrong here.
        text = i18n.tr("counter.login.network") if error.is_network else error.title
        self.login_page.show_error(text)
        self.login_page.password.setFocus()

    def _on_opened(self) -> None:
        self.login_page.set_busy(False)
        self.login_page.password.clear()
        self.login_page.show_error("")
        assert self.session.counter_id is not None
        self.feeds.start(self.session.counter_id)
        self.pages.setCurrentWidget(self.console_page)
        self.console_page.refresh()
        self.console_page.setFocus()
        self._redraw_header()
        if self.config is not None:
            self.config.counter_id = self.session.counter_id
            self.config.extra["username"] = self.session.username
            self._save()

    def _on_ended(self, why: str) -> None:
        self.feeds.stop()
        for sheet in self.console_page.sheets:
            sheet.cancel()
        self.pages.setCurrentWidget(self.login_page)
        self.login_page.show_error(i18n.tr(f"counter.ended.{why}"))
        self.login_page.prefill(self.session.username, self.session.counter_id)
        self._redraw_header()

    # ---- header ------------------------------------------------------------------------

    def _on_catalog(self) -> None:
        catalog = self.link.catalog
        if catalog is not None:
            self.header.set_centre(i18n.pick(catalog.name, catalog.name_en))

    def _redraw_header(self) -> None:
        in_console = self.session.logged_in
        clerk = self.session.full_name or self.session.username
        self.header.set_counter(self.session.counter if in_console else None, clerk)

    def _retitle(self, *_: object) -> None:
        self._on_catalog()
        title = i18n.tr("counter.login.title")
        if self.session.logged_in and self.session.counter_id is not None:
            title = i18n.tr("counter.header.counter", n=self.session.counter_id)
        self.setWindowTitle(f"MotCua — {title}")

    def _save(self) -> None:
        assert self.config is not None
        # A read-only settings folder must not stop the clerk working.
        with contextlib.suppress(OSError, ValueError):
            self.config.save()
