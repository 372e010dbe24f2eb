"""`KioskFlow`: what each tap leads to — the citizen's way through the screens.

home → field → procedure → "Lấy số" (or "Lấy số ưu tiên" → group) → ticket;
home → search → field or procedure → …; home → "Tôi có lịch hẹn" → code → ticket.
Every press of a "take" button makes one `IssueRequest` (one Idempotency-Key); "Thử
lại" after a network failure sends that same request again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clientkit import i18n
from clientkit.device_config import DeviceConfig
from clientkit.errors import ApiError
from kiosk_app.fields import FieldStatus
from kiosk_app.printing.labels import priority_line
from kiosk_app.service.controller import IssueRequest
from kiosk_app.service.print_runner import PrintOutcome
from kiosk_app.settings import given_on_start, save_on_kiosk
from kiosk_app.strings import printer_text, problem_text, unavailable_text
from kiosk_app.ui.pin import NEW
from kiosk_app.ui.procedure_info import has_info
from kiosk_app.ui.settings_screen import CONFIG_FIELDS
from kiosk_app.ui.ticket_screen import FAILED, PRINTED
from protocol import TicketIssued
from protocol.snapshot import ProcedureInfo

if TYPE_CHECKING:
    from kiosk_app.ui.window import KioskWindow


class KioskFlow(QObject):
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.w = window
        self.c = window.controller
        self.field_id: str | None = None
        self.procedure_id: str | None = None
        self._take_back: QWidget = window.procedures
        self._retry: Callable[[], None] = self.go_home
        self._pin_from_settings = False
        w, c = window, self.c
        w.home.field_chosen.connect(self.choose_field)
        w.home.search_requested.connect(self.open_search)
        w.home.appointment_requested.connect(self.open_appointment)
        w.procedures.procedure_chosen.connect(self.choose_procedure)
        w.procedures.back.connect(self.go_home)
        w.take.take.connect(lambda: self.take(None))
        w.take.priority_requested.connect(self.open_priority)
        w.take.back.connect(lambda: w.show_screen(self._take_back))
        w.take.home.connect(self.go_home)
        w.take.info_requested.connect(self.open_info)
        w.info.take.connect(lambda: self.take(None))
        w.info.back.connect(lambda: w.show_screen(w.take))
        w.priority.group_chosen.connect(self.take)
        w.priority.back.connect(lambda: w.show_screen(w.take))
        w.appointment.submit.connect(self.take_appointment)
        w.appointment.back.connect(self.go_home)
        w.search.field_chosen.connect(self.choose_field)
        w.search.procedure_chosen.connect(self._search_procedure)
        w.search.back.connect(self.go_home)
        w.ticket.done.connect(lambda: self.go_home(reset_language=True))
        w.message.retry.connect(lambda: self._retry())
        w.message.home.connect(self.go_home)
        w.secret.triggered.connect(self.open_pin)
        w.pin.accepted.connect(self.open_settings)
        w.pin.cancelled.connect(self._pin_cancelled)
        w.settings.saved.connect(self.save_settings)
        w.settings.closed.connect(self.go_home)
        w.settings.quit_requested.connect(self._quit)
        w.settings.test_print_requested.connect(c.print_test)
        w.settings.change_pin_requested.connect(lambda: self.open_pin(NEW))
        c.catalog_changed.connect(self._catalog_changed)
        c.fields_changed.connect(self._fields_changed)
        c.issue_retrying.connect(lambda _n: w.busy.show_text("kiosk.take.retrying"))
        c.issued.connect(self._issued)
        c.issue_failed.connect(self._issue_failed)
        c.print_finished.connect(self._printed)
        c.printer_changed.connect(self._printer_changed)
        c.catalog_changed.connect(self._printer_changed)  # the centre's choice may change

    # ---- navigation ------------------------------------------------------------------

    def go_home(self, reset_language: bool = False) -> None:
        self.c.forget_pending()
        self.field_id = self.procedure_id = None
        if not self.c.busy:
            self.w.busy.hide()
        if reset_language:
            self.w.reset_language()
        self.w.show_screen(self.w.home)

    def _stopped(self) -> bool:
        """The printer does not work and the centre chose to stop issuing: say so."""
        if not self.c.stops_without_printer:
            return False
        problem = self.c.printer_problem
        code = problem.code if problem is not None else None
        self._message("kiosk.msg.stopped", lambda: printer_text(code, True), kind="warning")
        return True

    def _printer_changed(self) -> None:
        problem = self.c.printer_problem
        if problem is None:
            self.w.home.set_printer_problem(None)
            return
        code, stop = problem.code, self.c.stops_without_printer
        self.w.home.set_printer_problem(lambda: printer_text(code, stop))

    def _field(self, service_id: str) -> FieldStatus | None:
        if self._stopped():
            return None
        f = self.c.field(service_id)
        if f is not None and not f.available:
            code = f.unavailable
            self._message("kiosk.msg.not_issued", lambda: unavailable_text(code), kind="info")
            return None
        return f

    def choose_field(self, service_id: str) -> None:
        f = self._field(service_id)
        if f is None:
            return
        self.field_id, self.procedure_id = f.id, None
        if not f.info.procedures:
            self._take_back = self.w.home
            self._show_take(f, None)
            return
        self.w.procedures.show_field(f)
        self.w.show_screen(self.w.procedures)

    def choose_procedure(self, service_id: str, procedure_id: object) -> None:
        f = self._field(service_id)
        if f is None:
            return
        self.field_id = f.id
        self.procedure_id = procedure_id if isinstance(procedure_id, str) else None
        proc = self._procedure(f)
        self._take_back = self.w.procedures
        self._show_take(f, proc.name if proc else None, has_info(proc))

    def _search_procedure(self, service_id: str, procedure_id: object) -> None:
        self.choose_procedure(service_id, procedure_id)
        self._take_back = self.w.search

    def _show_take(self, f: FieldStatus, procedure_name: str | None, info: bool = False) -> None:
        self.w.take.show_choice(f, procedure_name, info)
        self.w.show_screen(self.w.take)

    def _procedure(self, f: FieldStatus) -> ProcedureInfo | None:
        return next((p for p in f.info.procedures if p.id == self.procedure_id), None)

    def open_info(self) -> None:
        """ "Xem thông tin thủ tục": the chosen procedure's documents, fee, result time."""
        f = self.c.field(self.field_id) if self.field_id else None
        if f is not None and (proc := self._procedure(f)) is not None:
            self.w.info.show_procedure(f.name, f.name_en, proc)
            self.w.show_screen(self.w.info)

    def open_search(self) -> None:
        self.w.show_screen(self.w.search)
        self.w.search.activate()

    def open_appointment(self) -> None:
        if self._stopped():
            return
        self.w.show_screen(self.w.appointment)
        self.w.appointment.activate()

    def retype_appointment(self) -> None:
        self.w.show_screen(self.w.appointment)
        self.w.appointment.resume()

    def open_priority(self) -> None:
        if self.c.catalog is not None:
            self.w.priority.set_groups(self.c.catalog.priority_groups)
        self.w.show_screen(self.w.priority)

    # ---- taking a number -------------------------------------------------------------

    def take(self, priority: str | None) -> None:
        """One press of "Lấy số" (or of a priority group): a new intent, a new key."""
        if self.field_id is None:
            return
        self._send(IssueRequest(self.field_id, self.procedure_id, priority))

    def take_appointment(self, code: str) -> None:
        self._send(IssueRequest(appointment_code=code))

    def _send(self, request: IssueRequest) -> None:
        if self._stopped():
            return
        if self.c.issue(request):
            self.w.busy.show_text("kiosk.take.busy")

    def _resend(self) -> None:
        """ "Thử lại": the same request, the same key — never a second ticket."""
        if self.c.pending is not None:
            self._send(self.c.pending)
        else:
            self.go_home()

    def _issued(self, ticket: TicketIssued) -> None:
        self.w.busy.hide()
        catalog = self.c.catalog
        field_name, priority_name = ticket.service_name, ""
        lang = "en" if i18n.language() == "en" else "vi"
        if catalog is not None:
            svc = next((s for s in catalog.services if s.id == ticket.service_id), None)
            if svc is not None:
                field_name = i18n.pick(svc.name, svc.name_en)
            group = next((g for g in catalog.priority_groups if g.code == ticket.priority), None)
            if group is not None:
                priority_name = priority_line(lang, i18n.pick(group.name, group.name_en))
        elif ticket.priority:
            priority_name = priority_line(lang, ticket.priority)
        self.w.ticket.show_ticket(ticket, field_name, priority_name)
        self.w.show_screen(self.w.ticket)

    def _issue_failed(self, error: ApiError) -> None:
        self.w.busy.hide()
        text = lambda: problem_text(error.code, error.title)  # noqa: E731
        if error.retryable:
            self._retry = self._resend
            self._message("kiosk.msg.not_issued", text, can_retry=True)
        elif error.code.startswith("appointment-"):
            self._retry = self.retype_appointment  # keeps what was typed: fix one letter
            self._message("kiosk.msg.not_issued", text, can_retry=True)
        else:
            kind = "info" if error.code == "too-many-tickets" else "warning"
            self._message("kiosk.msg.not_issued", text, kind=kind)

    def _message(
        self, title_key: str, text: Callable[[], str], *, kind: str = "warning",
        can_retry: bool = False,
    ) -> None:  # fmt: skip
        self.w.message.show_message(title_key, text, kind=kind, can_retry=can_retry)
        self.w.show_screen(self.w.message)

    def _printed(self, outcome: PrintOutcome) -> None:
        if outcome.job is None:  # test print from the settings screen
            ok = outcome.ok
            text = i18n.tr("kiosk.settings.test_ok") if ok else outcome.reason
            self.w.settings.show_message(text, ok=ok)
            return
        shown = self.w.ticket.ticket
        if shown is not None and shown.id == outcome.job:
            self.w.ticket.set_print_state(PRINTED if outcome.ok else FAILED, outcome.code)
            if self.w.current() is self.w.ticket:
                self.w.restart_idle()  # a failed print keeps the ticket up longer

    # ---- live changes ----------------------------------------------------------------

    def _catalog_changed(self) -> None:
        catalog = self.c.catalog
        if catalog is not None:
            self.w.header.set_centre(catalog.name, catalog.name_en)
            self.w.priority.set_groups(catalog.priority_groups)
        self._fields_changed()

    def _fields_changed(self) -> None:
        self.w.home.set_fields(self.c.fields())
        if self.field_id is None:
            return
        f = self.c.field(self.field_id)
        current = self.w.current()
        if f is None or current not in (
            self.w.procedures, self.w.take, self.w.info, self.w.priority
        ):  # fmt: skip
            return
        if not f.available and not self.c.busy:
            self._field(f.id)  # explains why, instead of a "Lấy số" that cannot work
            return
        self.w.procedures.update_field(f)
        self.w.take.update_field(f)

    # ---- staff -----------------------------------------------------------------------

    def open_pin(self, mode: str | None = None) -> None:
        self._pin_from_settings = mode == NEW and self.w.current() is self.w.settings
        self.w.pin.config = self.c.config
        self.w.pin.start(mode)
        self.w.show_screen(self.w.pin)

    def _pin_cancelled(self) -> None:
        if self._pin_from_settings:
            self.open_settings()
        else:
            self.go_home()

    def open_settings(self) -> None:
        self.w.settings.load(self.c.config, self._status_text())
        self.w.show_screen(self.w.settings)

    def _status_text(self) -> str:
        last = self.c.last_print
        if last is None:
            printer = i18n.tr("kiosk.settings.printer_unknown")
        else:
            printer = i18n.tr("kiosk.settings.printer_ok") if last.ok else last.reason
        conn = i18n.tr(f"ck.{self.c.connection}")
        return i18n.tr("kiosk.settings.status", conn=conn, printer=printer)

    def save_settings(self, config: DeviceConfig) -> None:
        old = self.c.config
        try:
            save_on_kiosk(config)
        except (OSError, ValueError) as exc:
            self.w.settings.show_message(str(exc), ok=False)
            return
        self.c.apply_config(config)
        self.w.pin.config = config
        self.w.reset_language()  # the default language may have changed
        # A change to a value the command line gives lasts until the next start: say so.
        given = given_on_start(config)
        changed = [
            i18n.tr(f"kiosk.settings.{name}")
            for name, key in CONFIG_FIELDS.items()
            if key in given and getattr(old, key) != getattr(config, key)
        ]
        if changed:
            text = i18n.tr("kiosk.settings.saved_given", names=", ".join(changed))
        else:
            text = i18n.tr("kiosk.settings.saved")
        self.w.settings.show_message(text)

    def _quit(self) -> None:
        self.w.may_close = True
        self.w.exit_requested.emit()
