"""`ConsolePage`: the clerk's working screen once the counter is open.

Left: the citizen at the counter and the actions. Right: today's figures and the
waiting / no-show lists. Every action goes through `CounterSession`; a button is
enabled only when the console is online and caught up, no command is in flight, no
outcome is in doubt, no dialog is open, and the counter's state allows it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clientkit import i18n, theme
from clientkit.errors import ApiError
from clientkit.widgets import Toast
from counter_app.console.actions import ActionBar
from counter_app.console.close_sheet import CloseSheet
from counter_app.console.feeds import CounterFeeds
from counter_app.console.lists_panel import ListsPanel
from counter_app.console.noshow_sheet import NoShowSheet
from counter_app.console.pause_sheet import PauseSheet
from counter_app.console.rules import Action, allowed, no_show_wait
from counter_app.console.session import CounterSession
from counter_app.console.sheet import Sheet
from counter_app.console.stats_panel import StatsPanel
from counter_app.console.ticket_panel import TicketPanel
from counter_app.console.transfer_sheet import TransferSheet
from counter_app.names import clock_text
from protocol import CallBody, CounterState, PauseBody, ReturnBody, TransferBody

# The panel shows a called ticket; these say what happened to one that is not there.
_DONE_TOASTS = {Action.RECALL, Action.TRANSFER, Action.RETURN}


class ConsolePage(QWidget):
    def __init__(
        self, session: CounterSession, feeds: CounterFeeds, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.feeds = session, feeds
        self._subject: str | None = None  # number a transfer/return is about
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.ticket_panel = TicketPanel(session.clock, self)
        self.actions = ActionBar(self)
        self.stats = StatsPanel(self)
        self.lists = ListsPanel(session.clock, self)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.ticket_panel, 3)
        left.addWidget(self.actions, 2)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.stats)
        right.addWidget(self.lists, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        self.toast = Toast(self.ticket_panel)  # over the citizen, not over the buttons
        self.transfer_sheet = TransferSheet(self)
        self.pause_sheet = PauseSheet(self)
        self.close_sheet = CloseSheet(self)
        self.noshow_sheet = NoShowSheet(self)
        self.sheets: list[Sheet] = [
            self.transfer_sheet,
            self.pause_sheet,
            self.close_sheet,
            self.noshow_sheet,
        ]
        for sheet in self.sheets:
            sheet.opened.connect(self.refresh_enabled)
            sheet.closed.connect(self.refresh_enabled)
        self.transfer_sheet.chosen.connect(self._transfer)
        self.pause_sheet.chosen.connect(lambda r: self.session.run("pause", PauseBody(reason=r)))
        self.close_sheet.confirmed.connect(self.session.close_counter)
        self.noshow_sheet.confirmed.connect(lambda: self.session.run(Action.NO_SHOW.value))
        # The no-show wait counts down on screen; F5 wakes up when it is over.
        self._noshow_tick = QTimer(self)
        self._noshow_tick.timeout.connect(self._tick_noshow)
        self._noshow_tick.start(1000)

        self.actions.triggered.connect(self.handle)
        self.lists.triggered.connect(self.handle)
        session.counter_changed.connect(self.refresh)
        session.ready_changed.connect(self.refresh_enabled)
        session.link.connection_changed.connect(self.refresh_enabled)
        session.link.catalog_changed.connect(self._on_catalog)
        gate = session.gate
        gate.busy_changed.connect(self.refresh_enabled)
        gate.uncertain_changed.connect(self.refresh_enabled)
        gate.succeeded.connect(self._on_done)
        gate.failed.connect(self._on_failed)
        gate.resynced.connect(lambda: self.toast.show_info(i18n.tr("counter.resynced"), 8))
        feeds.waiting_loaded.connect(self._on_waiting)
        feeds.stats_loaded.connect(self.stats.set_stats)
        feeds.noshows_changed.connect(self._on_noshows)
        i18n.notifier().language_changed.connect(self.refresh_enabled)
        self.refresh()

    # ---- state -> screen ---------------------------------------------------------------

    @property
    def counter(self) -> CounterState | None:
        return self.session.counter

    def enabled_actions(self) -> frozenset[Action]:
        s = self.session
        if not s.ready or s.gate.busy or s.gate.uncertain or self.sheet_open():
            return frozenset()
        out = allowed(self.counter)
        if self.no_show_wait() is not None:
            out -= {Action.NO_SHOW}
        return out

    def no_show_wait(self) -> tuple[int, int] | None:
        """(recalls, seconds) the called citizen still gets before F5 works, or None."""
        return no_show_wait(self.counter, self.session.clock.now())

    def sheet_open(self) -> bool:
        return any(sheet.isVisible() for sheet in self.sheets)

    def refresh(self) -> None:
        counter = self.counter
        self.lists.counter_id = self.session.counter_id
        self.ticket_panel.set_counter(counter, self.session.catalog)
        self.actions.set_paused(counter is not None and counter.status == "paused")
        self.refresh_enabled()

    def refresh_enabled(self, *_: object) -> None:
        enabled = self.enabled_actions()
        self.actions.set_enabled_actions(enabled)
        self._show_noshow_note()
        self.lists.set_action_enabled(
            Action.CALL in enabled and bool(self.lists.waiting),
            Action.RETURN in enabled and bool(self.lists.noshows),
        )
        self._update_banner()

    def _tick_noshow(self) -> None:
        counter = self.counter
        if counter is not None and counter.current is not None:
            self.refresh_enabled()

    def _show_noshow_note(self) -> None:
        counter = self.counter
        current = counter.current if counter is not None else None
        if current is None or current.status != "called":
            self.ticket_panel.set_note("")
            return
        wait = self.no_show_wait()
        if wait is None:
            self.ticket_panel.set_note(i18n.tr("counter.ticket.noshow_ready"))
        elif wait[0]:
            self.ticket_panel.set_note(i18n.tr("counter.ticket.noshow_after_recall", n=wait[0]))
        else:
            self.ticket_panel.set_note(
                i18n.tr("counter.ticket.noshow_in", time=clock_text(wait[1]))
            )

    def _update_banner(self) -> None:
        s, c = self.session, theme.current
        if s.gate.uncertain:
            action = i18n.tr(f"counter.action.{s.gate.action}") if s.gate.action else ""
            text, color = i18n.tr("counter.banner.uncertain", action=action), c.warning
        elif s.logged_in and s.link.connection != "online":
            text, color = i18n.tr("counter.banner.offline"), c.danger
        elif s.logged_in and not s.ready:
            text, color = i18n.tr("counter.banner.syncing"), c.warning
        else:
            self.banner.hide()
            return
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"background: {color}; color: {c.on_accent}; font-weight: bold;"
            " border-radius: 10px; padding: 10px 16px;"
        )
        self.banner.show()

    def _on_catalog(self) -> None:
        catalog = self.session.catalog
        if catalog is not None:
            self.stats.rating_levels = max(1, len(catalog.rating_levels))
        self.lists.set_catalog(catalog)
        self.refresh()

    def _on_waiting(self, tickets: list) -> None:
        self.lists.set_waiting(tickets)
        self.ticket_panel.set_waiting_count(len(tickets))
        self.refresh_enabled()

    def _on_noshows(self, tickets: list) -> None:
        self.lists.set_noshows(tickets)
        self.refresh_enabled()

    # ---- clerk -> server ---------------------------------------------------------------

    def handle(self, action: str) -> None:
        """One press (button or F-key). Ignored unless the action is enabled now."""
        act = Action(action)
        if act not in self.enabled_actions():
            return
        counter = self.counter
        if act == Action.TRANSFER and counter is not None and counter.current is not None:
            counters = list(self.session.link.state.model.counters.values())
            self.transfer_sheet.prepare(counter.current, self.session.catalog, counters, counter.id)
            self.transfer_sheet.open()
        elif act == Action.PAUSE:
            catalog = self.session.catalog
            self.pause_sheet.prepare(list(catalog.pause_reasons) if catalog else [])
            self.pause_sheet.open()
        elif act == Action.NO_SHOW and counter is not None and counter.current is not None:
            self.noshow_sheet.prepare(counter.current.number)
            self.noshow_sheet.open()
        elif act == Action.CLOSE and counter is not None:
            self.close_sheet.prepare(counter)
            self.close_sheet.open()
        elif act == Action.CALL:
            ticket = self.lists.selected_waiting()
            if ticket is None:
                self.toast.show_info(i18n.tr("counter.pick_waiting"))
                self.lists.focus_list("waiting")
            else:
                self.session.run(act.value, CallBody(ticket_id=ticket.id))
        elif act == Action.RETURN:
            ticket = self.lists.selected_noshow()
            if ticket is None:
                self.toast.show_info(i18n.tr("counter.pick_noshow"))
                self.lists.focus_list("noshows")
            else:
                self._subject = ticket.number
                self.session.run(act.value, ReturnBody(ticket_id=ticket.id))
        else:
            self.session.run(act.value)

    def _transfer(self, body: TransferBody) -> None:
        counter = self.counter
        self._subject = counter.current.number if counter and counter.current else None
        self.session.run(Action.TRANSFER.value, body)

    def _on_done(self, action: str, state: CounterState) -> None:
        act = Action(action) if action in Action._value2member_map_ else None
        if act not in _DONE_TOASTS:
            return
        number = state.current.number if state.current is not None else ""
        if act in (Action.RETURN, Action.TRANSFER):
            number = self._subject or ""  # the ticket is not (or no longer) at the counter
        self.toast.show_success(i18n.tr(f"counter.done.{action}", number=number).strip())

    def _on_failed(self, _action: str, error: ApiError) -> None:
        if error.retryable:
            return  # outcome unknown: the banner says so (clientkit's "retrying" would lie)
        self.toast.show_error(error, timeout_s=8)
