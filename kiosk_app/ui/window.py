"""`KioskWindow`: the header, the screens, the overlays, and the kiosk's rules of time.

- Idle: any screen but home returns home after `idle_home_s` without a touch (the
  ticket screen after `ticket_home_s`, longer when printing failed), and the language
  goes back to the default for the next citizen.
- Outage: while the server is unreachable for more than `outage_grace_s`, the calm
  outage screen covers the choices; it goes away by itself.
- Nobody leaves: the window refuses to close unless staff chose "Thoát" in settings.

What happens when a button is pressed is in `kiosk_app.ui.flow`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from clientkit import i18n
from kiosk_app.service.controller import KioskController
from kiosk_app.settings import Timings
from kiosk_app.ui import outage as outage_kinds
from kiosk_app.ui.appointment import AppointmentScreen
from kiosk_app.ui.busy import BusyOverlay
from kiosk_app.ui.header import Header
from kiosk_app.ui.home import HomeScreen
from kiosk_app.ui.idle import IdleWatcher
from kiosk_app.ui.message import MessageScreen
from kiosk_app.ui.outage import OutageOverlay
from kiosk_app.ui.pin import PinScreen
from kiosk_app.ui.priority import PriorityScreen
from kiosk_app.ui.procedure_info import ProcedureInfoScreen
from kiosk_app.ui.procedures import ProceduresScreen
from kiosk_app.ui.search_screen import SearchScreen
from kiosk_app.ui.secret_corner import CORNER_PX, SecretCorner
from kiosk_app.ui.settings_screen import SettingsScreen
from kiosk_app.ui.take import TakeScreen
from kiosk_app.ui.ticket_screen import FAILED, TicketScreen


class KioskWindow(QWidget):
    """Signals: exit_requested() — staff chose "Thoát ứng dụng" in the settings."""

    exit_requested = Signal()

    def __init__(
        self,
        controller: KioskController,
        timings: Timings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.timings = timings or controller.timings
        self.may_close = False
        self.setWindowTitle("MotCua — Lấy số thứ tự")
        self.header = Header()
        self.content = QWidget()
        self.stack = QStackedWidget()
        # The window's size is the screen's: the largest page must not grow it (on a
        # small screen a page is squeezed instead; every page is checked at 1280×800).
        ignored = QSizePolicy.Policy.Ignored
        self.stack.setSizePolicy(ignored, ignored)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.stack)
        self.content.installEventFilter(self)
        self.home = HomeScreen()
        self.procedures = ProceduresScreen()
        self.take = TakeScreen()
        self.info = ProcedureInfoScreen()
        self.priority = PriorityScreen()
        self.appointment = AppointmentScreen()
        self.search = SearchScreen(lambda: controller.index, controller.fields)
        self.ticket = TicketScreen()
        self.message = MessageScreen()
        self.pin = PinScreen(controller.config, self.timings.pin_lock_s)
        self.settings = SettingsScreen()
        for screen in (
            self.home, self.procedures, self.take, self.info, self.priority, self.appointment,
            self.search, self.ticket, self.message, self.pin, self.settings,
        ):  # fmt: skip
            self.stack.addWidget(screen)
        self.outage = OutageOverlay(self.content)
        self.busy = BusyOverlay(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.content, 1)
        self.secret = SecretCorner(self, self.timings.secret_taps, self.timings.secret_window_s)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._countdown = QTimer(self)
        self._countdown.timeout.connect(self._tick_countdown)
        self._countdown.start(500)
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(int(self.timings.outage_grace_s * 1000))
        self._grace.timeout.connect(self.update_outage)
        self._down = False  # the link was lost since it was last online
        self.idle_watcher = IdleWatcher(self)
        self.idle_watcher.activity.connect(self.restart_idle)
        self.stack.currentChanged.connect(self._screen_changed)
        controller.connection_changed.connect(self._on_connection)
        controller.unauthenticated.connect(self.update_outage)
        controller.catalog_changed.connect(self.update_outage)
        controller.fields_changed.connect(self.update_outage)

        from kiosk_app.ui.flow import KioskFlow  # the flow needs the screens built

        self.flow = KioskFlow(self)
        self.update_outage()
        self.restart_idle()

    # ---- screens ---------------------------------------------------------------------

    def current(self) -> QWidget:
        return self.stack.currentWidget()

    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        self.update_outage()

    def _screen_changed(self, _index: int) -> None:
        self.restart_idle()
        self.secret.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.header.set_compact(self.height() < 1000)
        # Only over the header's name: never over a screen's own buttons.
        self.secret.setGeometry(0, 0, CORNER_PX, self.header.height())
        self.secret.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.content and event.type() == QEvent.Type.Resize:
            for overlay in (self.outage, self.busy):  # they cover the screens exactly
                overlay.setGeometry(self.content.rect())
            self.secret.raise_()
        return False

    # ---- idle ------------------------------------------------------------------------

    def idle_timeout_s(self) -> float:
        t = self.timings
        screen = self.current()
        if screen is self.ticket:
            return t.ticket_failed_home_s if self.ticket.print_state == FAILED else t.ticket_home_s
        if screen is self.message:
            return t.message_home_s
        return t.idle_home_s

    def restart_idle(self) -> None:
        self._idle.start(int(self.idle_timeout_s() * 1000))
        self._tick_countdown()

    def _on_idle(self) -> None:
        if self.controller.busy:  # the server is still answering: wait for it
            self.restart_idle()
            return
        self.flow.go_home(reset_language=True)
        self.restart_idle()

    def _tick_countdown(self) -> None:
        if self.current() is self.ticket and self._idle.isActive():
            self.ticket.set_countdown(-(-self._idle.remainingTime() // 1000))

    # ---- outage ----------------------------------------------------------------------

    def _on_connection(self, state: str) -> None:
        self.header.set_connection(state)
        if state == "online":
            self._grace.stop()
            self._down = False
        elif not self._down:  # the grace runs once per outage, not per reconnect try
            self._down = True
            self._grace.start()
        self.update_outage()

    def update_outage(self, *_: object) -> None:
        """Show or hide the outage screen for the current link state and screen."""
        c = self.controller
        staff_or_ticket = self.current() in (self.ticket, self.settings, self.pin)
        offline_long = self._down and not self._grace.isActive()
        if staff_or_ticket:
            kind = None
        elif not c.authorised:
            kind = outage_kinds.DEVICE
        elif offline_long:
            kind = outage_kinds.OFFLINE
        elif not c.ready:
            kind = outage_kinds.STARTING
        else:
            kind = None
        if kind is None:
            self.outage.hide()
        elif not self.outage.isVisible() or self.outage.kind != kind:
            self.outage.show_kind(kind)
        self.secret.raise_()

    # ---- never leave -----------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.may_close:
            self.idle_watcher.remove()
            event.accept()
        else:
            event.ignore()  # Alt+F4 and the like: the kiosk stays

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # no "Esc leaves full screen"
            return
        super().keyPressEvent(event)

    def reset_language(self) -> None:
        i18n.set_language(self.controller.config.language)
