"""Print tickets in a worker thread and hand the outcome back through a Qt signal.

`kiosk_app.printing.print_ticket` is blocking I/O (a network printer may take seconds
to time out); running it in the GUI thread would freeze the screen that shows the
citizen their number. One worker thread: a printer takes one job at a time anyway.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, Signal

from kiosk_app.printing import PrintError, TicketPrint, print_ticket, printer_status
from kiosk_app.printing.errors import IO_ERROR

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOutcome:
    """How one print job ended.

    `job` is what the caller passed (a ticket id, or None for a test print); `data` the
    bytes a `dummy://` printer received (None for real printers and on failure).
    """

    job: int | None
    ok: bool
    code: str | None = None
    message_vi: str | None = None
    data: bytes | None = None
    elapsed_s: float = 0.0

    @property
    def reason(self) -> str:
        """For `POST /tickets/{id}/print-failed` (max 200 chars)."""
        return f"{self.code}: {self.message_vi}"[:200]


class PrintRunner(QObject):
    """Signals:
    finished(object): a `PrintOutcome`, delivered in the GUI thread.
    probed(object): a `PrinterStatus` asked for with `probe`, in the GUI thread.
    """

    finished = Signal(object)
    probed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.pending = 0
        self.finished.connect(self._done_one)

    def submit(self, job: int | None, ticket: TicketPrint, url: str, width_dots: int) -> None:
        """Print `ticket` on `url`; `finished` follows (never raises)."""
        self.pending += 1

        def work() -> None:
            started = time.perf_counter()
            try:
                data = print_ticket(url, ticket, width_dots)
                outcome = PrintOutcome(job, True, data=data)
            except PrintError as exc:
                outcome = PrintOutcome(job, False, exc.code, exc.message_vi)
            except Exception as exc:  # a driver bug must not lose the outcome
                log.exception("printing crashed")
                outcome = PrintOutcome(job, False, IO_ERROR, f"Lỗi máy in: {exc!r}")
            outcome = PrintOutcome(
                outcome.job,
                outcome.ok,
                outcome.code,
                outcome.message_vi,
                outcome.data,
                time.perf_counter() - started,
            )
            # Emitted from the worker thread: Qt queues it to the GUI thread's receivers.
            self.finished.emit(outcome)

        self._pool.start(work)

    def probe(self, url: str, width_dots: int) -> None:
        """Ask the printer how it is (after the jobs before it); `probed` follows."""

        def work() -> None:
            try:
                status = printer_status(url, width_dots)
            except Exception:  # never lose the answer to a driver bug
                log.exception("printer status probe crashed")
                return
            self.probed.emit(status)

        self._pool.start(work)

    def _done_one(self, _outcome: object) -> None:
        self.pending = max(0, self.pending - 1)

    def wait(self, timeout_ms: int = 15_000) -> bool:
        """Let running jobs end (on quit): a ticket half sent would jam the next one."""
        return self._pool.waitForDone(timeout_ms)
