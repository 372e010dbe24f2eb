"""`KioskController`: everything the kiosk does that is not drawing.

It owns the `ServerLink` (catalog, live state, commands), the search index, the print
worker and the printer alarm, and tells the screens what happened through Qt signals.
Screens call its methods (`issue`, `print_test`, `apply_config`) and read its
attributes; they never touch the link or the printer themselves.

Issuing: one `IssueRequest` per press of "Lấy số", with its own Idempotency-Key. The
HTTP client retries it with that same key when no answer came; the "Thử lại" button
sends the same request again (same key). The server answers the same ticket for a key
it has seen, so no retry can issue a second ticket.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from clientkit import i18n
from clientkit.device_config import DEFAULT, SAVED, SERVER, DeviceConfig
from clientkit.errors import ApiError
from clientkit.http import ApiCall, new_idempotency_key
from clientkit.session import ServerLink
from kiosk_app.fields import UNAVAILABLE_CODES, FieldStatus, build_fields
from kiosk_app.printing import PrinterStatus, ticket_print_from_issued, trial_ticket
from kiosk_app.search import SearchIndex
from kiosk_app.service.print_runner import PrintOutcome, PrintRunner
from kiosk_app.settings import Timings, width_dots
from protocol import Catalog, TicketCreate, TicketIssued
from protocol.inputs import bad_character
from protocol.pin import is_pin_hash

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssueRequest:
    """One press of "Lấy số": what the citizen chose, and the key of that press."""

    service_id: str | None = None
    procedure_id: str | None = None
    priority: str | None = None
    appointment_code: str | None = None
    key: str = field(default_factory=new_idempotency_key)

    def body(self) -> TicketCreate:
        return TicketCreate(
            service_id=None if self.appointment_code else self.service_id,
            procedure_id=None if self.appointment_code else self.procedure_id,
            priority=self.priority,
            appointment_code=self.appointment_code,
        )


class KioskController(QObject):
    """Signals:
    connection_changed(str): "connecting" / "online" / "offline".
    catalog_changed(): names, fields, procedures or priority groups were (re)loaded.
    fields_changed(): waiting counts or availability changed (`fields()`).
    unauthenticated(): the server refused the device token.
    issue_retrying(int): attempt number of a "take a number" being retried.
    issued(object): `protocol.TicketIssued` — show it; printing has started.
    issue_failed(object): `clientkit.errors.ApiError` (its `title` is Vietnamese).
    print_finished(object): `PrintOutcome` of a ticket (job = ticket id) or a test print.
    printer_changed(): `printer_problem` changed (the printer failed, or works again).
    """

    connection_changed = Signal(str)
    catalog_changed = Signal()
    fields_changed = Signal()
    unauthenticated = Signal()
    issue_retrying = Signal(int)
    issued = Signal(object)
    issue_failed = Signal(object)
    print_finished = Signal(object)
    printer_changed = Signal()

    def __init__(
        self, config: DeviceConfig, timings: Timings | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.timings = timings or Timings()
        self.index = SearchIndex([])
        self.pending: IssueRequest | None = None  # the press being answered
        self.last_print: PrintOutcome | None = None
        # The last failed print while the printer has not worked since: the home screen
        # says so at once, and the centre's `kiosk_when_printer_fails` applies.
        self.printer_problem: PrintOutcome | None = None
        self.authorised = True
        self._call: ApiCall | None = None
        self._alarm_possible = True  # a previous run may have left the alarm on
        # The printer state the server last heard from this kiosk ("ok", "paper-out"…),
        # None: not known (new start, or a report that did not arrive): the background
        # check reports only a change.
        self._reported: str | None = None
        self._printer = PrintRunner(self)
        self._printer.finished.connect(self._on_printed)
        self._printer.probed.connect(self._on_probed)
        self._probe = QTimer(self)  # the background check of the printer, always on
        self._probe.timeout.connect(self._probe_printer)
        self._fields_timer = QTimer(self)
        self._fields_timer.setSingleShot(True)
        self._fields_timer.timeout.connect(self.fields_changed)
        self._refresh = QTimer(self)
        self._refresh.timeout.connect(self._refresh_state)
        self.link = self._make_link()

    # ---- lifecycle -------------------------------------------------------------------

    def _make_link(self) -> ServerLink:
        t = self.timings
        link = ServerLink(
            self.config.server_url, self.config.token, stream_backoff=t.stream_backoff, parent=self
        )
        link.api.max_attempts = t.api_attempts
        link.api.backoff = t.api_backoff
        link.connection_changed.connect(self._on_connection)
        link.catalog_changed.connect(self._on_catalog)
        link.unauthenticated.connect(self._on_unauthenticated)
        link.state.snapshot_loaded.connect(self._on_snapshot)
        link.state.services_changed.connect(self._fields_soon)
        return link

    def start(self) -> None:
        self.link.start()
        self._refresh.start(int(self.timings.state_refresh_s * 1000))
        if not self._probe.isActive():
            self._probe.start(int(self.timings.printer_probe_s * 1000))
            QTimer.singleShot(0, self._probe_printer)  # before the first citizen comes

    def stop(self) -> None:
        self._refresh.stop()
        self._probe.stop()
        self.link.stop()
        self._printer.wait()

    def apply_config(self, config: DeviceConfig) -> None:
        """New settings from the settings screen: reconnect if server or token changed."""
        reconnect = (config.server_url, config.token) != (self.link.base_url, self.link.token)
        self.config = config
        if not reconnect:
            return
        old, self._call, self.pending = self.link, None, None
        old.stop()
        old.deleteLater()
        self.authorised = True
        self.link = self._make_link()
        self.start()

    # ---- reading ---------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog | None:
        return self.link.catalog

    @property
    def connection(self) -> str:
        return self.link.connection

    @property
    def ready(self) -> bool:
        """Catalog and state loaded: the home screen can offer fields."""
        return self.catalog is not None and self.link.state.loaded

    def fields(self) -> list[FieldStatus]:
        if self.catalog is None:
            return []
        return build_fields(self.catalog, self.link.state.model.services)

    def field(self, service_id: str) -> FieldStatus | None:
        return next((f for f in self.fields() if f.id == service_id), None)

    @property
    def stops_without_printer(self) -> bool:
        """The printer does not work and the centre chose "stop": issue nothing."""
        catalog = self.catalog
        return (
            self.printer_problem is not None
            and catalog is not None
            and catalog.kiosk_when_printer_fails == "stop"
        )

    @property
    def busy(self) -> bool:
        return self._call is not None

    # ---- issuing ---------------------------------------------------------------------

    def issue(self, request: IssueRequest) -> bool:
        """Send a "take a number" (or send it again, same key). False if one is already
        on its way (a second tap on a slow network is ignored)."""
        if self._call is not None:
            return False
        self.pending = request
        call = self.link.issue_ticket(request.body(), request.key)
        call.retrying.connect(lambda attempt, _err: self.issue_retrying.emit(attempt))
        call.succeeded.connect(self._on_issued)
        call.failed.connect(self._on_issue_failed)
        self._call = call
        return True

    def forget_pending(self) -> None:
        """The citizen left (home, idle): a later press is a new intent, a new key."""
        if self._call is None:
            self.pending = None

    def _on_issued(self, ticket: TicketIssued) -> None:
        self._call, self.pending = None, None
        self._print(ticket)  # first: the worker draws the paper while the screen does
        self.issued.emit(ticket)

    def _on_issue_failed(self, error: ApiError) -> None:
        self._call = None
        if error.code in UNAVAILABLE_CODES:
            self.link.fetch_state()  # the home screen must stop offering it
        if not error.retryable:
            self.pending = None  # "Thử lại" would get the same refusal
        self.issue_failed.emit(error)

    # ---- printing --------------------------------------------------------------------

    def _print(self, ticket: TicketIssued) -> None:
        catalog = self.catalog
        if catalog is None:  # cannot happen after an issue; keep the ticket on screen
            self.print_finished.emit(PrintOutcome(ticket.id, False, "config", "Chưa có danh mục"))
            return
        lang = "en" if i18n.language() == "en" else "vi"
        printable = ticket_print_from_issued(ticket, catalog, language=lang)
        self._printer.submit(
            ticket.id, printable, self.config.printer_url, width_dots(self.config.paper_width_mm)
        )

    def print_test(self) -> None:
        """A test ticket of this centre on the configured printer (settings screen):
        "IN THỬ" on it, and no QR code that leads anywhere."""
        catalog = self.catalog
        english = i18n.language() == "en"
        name = "MotCua"
        if catalog is not None:
            name = (catalog.name_en if english and catalog.name_en else None) or catalog.name
        ticket = trial_ticket(
            name,
            footer=catalog.ticket_footer if catalog is not None else None,
            language="en" if english else "vi",
            timezone=catalog.timezone if catalog is not None else "Asia/Ho_Chi_Minh",
        )
        self._printer.submit(
            None,
            ticket,
            self.config.printer_url,
            width_dots(self.config.paper_width_mm),
        )

    def _on_printed(self, outcome: PrintOutcome) -> None:
        self.last_print = outcome
        self._set_printer_problem(None if outcome.ok else outcome)
        if outcome.job is not None:
            self._reported = outcome.code if not outcome.ok else self._reported
            if not outcome.ok:
                self._alarm_possible = True
                # Supervisors see it in /stats/today "printers" and as an event.
                self.link.api.post(
                    f"/tickets/{outcome.job}/print-failed", {"reason": outcome.reason}, retry=True
                )
            elif self._alarm_possible:
                call = self.link.api.post(f"/tickets/{outcome.job}/printed", retry=True)
                call.succeeded.connect(self._alarm_cleared)
                self._reported = "ok"
        self.print_finished.emit(outcome)

    def _set_printer_problem(self, problem: PrintOutcome | None) -> None:
        had = self.printer_problem
        self.printer_problem = problem
        if (had is None) != (problem is None) or (had and problem and had.code != problem.code):
            self.printer_changed.emit()

    def _probe_printer(self) -> None:
        self._printer.probe(self.config.printer_url, width_dots(self.config.paper_width_mm))

    def _on_probed(self, status: PrinterStatus) -> None:
        """The background check. Out of paper, off line, cover open: the home screen
        says so and the supervisors are told, before any citizen takes a number. Paper
        back in, printer on line again: stop saying it does not work. A printer that
        cannot tell (`online` None) is given the next ticket to try, and nothing is
        reported for it (a failed print has told the supervisors already)."""
        state = probe_state(status)
        if status.ready:
            if self.printer_problem is not None:
                self._set_printer_problem(None)
        elif state is not None and (
            self.printer_problem is None or self.printer_problem.code != state
        ):
            detail = status.detail or PROBE_DETAIL.get(state, state)
            self._set_printer_problem(PrintOutcome(None, False, state, detail))
        if state is not None and state != self._reported:
            self._report_printer(state, None if status.ready else status.detail)

    def _report_printer(self, state: str, detail: str | None) -> None:
        """`POST /devices/me/printer`, on a change only; sent again at the next check
        if it did not arrive."""
        body: dict[str, str] = {"state": state}
        detail = (detail or PROBE_DETAIL.get(state) or "").strip()[:150]
        if detail and bad_character(detail, False) is None:
            body["detail"] = detail
        self._reported = state
        call = self.link.api.post("/devices/me/printer", body, retry=True)
        call.failed.connect(lambda _err: self._report_lost(state))

    def _report_lost(self, state: str) -> None:
        if self._reported == state:
            self._reported = None

    def _alarm_cleared(self, _answer: object) -> None:
        if self.last_print is None or self.last_print.ok:
            self._alarm_possible = False

    # ---- state -----------------------------------------------------------------------

    def _on_connection(self, state: str) -> None:
        if state == "online":
            self.authorised = True
            self.link.whoami().succeeded.connect(self._on_me)
        self.connection_changed.emit(state)

    def _on_me(self, me: object) -> None:
        """The admin PIN the server keeps for this kiosk (`motcua device set-pin`): used
        unless the command line gave one, and kept on the kiosk so that its settings
        open with it also when the server cannot be reached. A PIN is never set from
        the kiosk's screen by a passer-by: only the installer's or the server's."""
        pin_hash = me.get("admin_pin_hash") if isinstance(me, dict) else None
        if not isinstance(pin_hash, str) or not is_pin_hash(pin_hash):
            return
        cfg = self.config
        if cfg.sources.get("admin_pin_hash", DEFAULT) not in (DEFAULT, SAVED, SERVER):
            return  # the command line (or its environment variable) gave one: it wins
        cfg.sources["admin_pin_hash"] = SERVER
        if cfg.admin_pin_hash == pin_hash:
            return
        cfg.admin_pin_hash = pin_hash
        log.info("admin PIN: the one the server keeps for this kiosk")
        if cfg.path is not None:
            try:  # only this field: the file's other values stay as they were saved
                saved = DeviceConfig.load("kiosk", path=cfg.path)
                saved.admin_pin_hash = pin_hash
                saved.save(saved.in_file | {"admin_pin_hash"})
            except (OSError, ValueError):
                log.exception("could not keep the server's admin PIN on the kiosk")

    def _on_unauthenticated(self, _error: object) -> None:
        self.authorised = False
        self.unauthenticated.emit()

    def _on_catalog(self) -> None:
        if self.catalog is not None:
            self.index = SearchIndex.from_catalog(self.catalog)
        self.catalog_changed.emit()
        self._fields_soon()

    def _on_snapshot(self) -> None:
        self._fields_soon()

    def _fields_soon(self, *_: object) -> None:
        # Coalesced: a replay after an outage applies many events in one go.
        if not self._fields_timer.isActive():
            self._fields_timer.start(0)

    def _refresh_state(self) -> None:
        if self.link.connection == "online":
            self.link.fetch_state()
            if self.catalog is None:  # its retries gave up while the stream was up
                self.link.fetch_catalog()


# What the home screen and the supervisors are told when the printer does not say more.
PROBE_DETAIL = {
    "offline": "Máy in không phản hồi (tắt nguồn hoặc mất kết nối)",
    "paper-out": "Máy in hết giấy",
    "cover-open": "Nắp máy in đang mở",
}


def probe_state(status: PrinterStatus) -> str | None:
    """The background check's answer as `POST /devices/me/printer` states: a problem
    code, "ok" when the printer says it is ready, None when it cannot tell."""
    if status.online is False:
        return "offline"
    if status.paper == "out":
        return "paper-out"
    if status.cover_open is True:
        return "cover-open"
    return "ok" if status.online is True else None
