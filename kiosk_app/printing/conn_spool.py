"""Printers that take a whole job at once: a CUPS queue, and the in-memory dummy."""

from __future__ import annotations

import logging
import time
from typing import Any

from escpos.exceptions import DeviceNotFoundError

from kiosk_app.printing import errors as E
from kiosk_app.printing.connection import Connection, Timeouts, not_found_cause
from kiosk_app.printing.errors import UNKNOWN_STATUS, PrintError, PrinterStatus
from kiosk_app.printing.printer_url import PrinterSpec

log = logging.getLogger(__name__)


class CupsConnection(Connection):
    """A raw CUPS queue via escpos' `CupsPrinter` (needs pycups).

    CUPS spools the job, so the printer's paper sensor cannot be read; only the
    queue's state (stopped = off line) is known.
    """

    def open(self) -> None:
        from escpos.printer.cups import is_usable

        if not is_usable():
            raise PrintError(
                E.DRIVER_MISSING, "Chưa cài thư viện pycups cho máy in CUPS (python-escpos[cups])"
            )
        from escpos.printer import CupsPrinter

        self.printer = CupsPrinter(printer_name=self.spec.queue, profile=self.profile)
        try:
            self.printer.open(job_name="MotCua ticket")
        except DeviceNotFoundError as exc:
            raise PrintError(
                E.OFFLINE,
                f"Không dùng được hàng đợi CUPS {self.spec.queue!r}: {not_found_cause(exc)}",
            ) from None

    def status(self) -> PrinterStatus:
        try:
            state = self.printer._read()  # b"8" = stopped or busy elsewhere, b"0" = idle
        except Exception as exc:  # pycups raises its own IPPError/RuntimeError
            log.debug("CUPS state query failed: %s", exc)
            return UNKNOWN_STATUS
        if state == b"0":
            return PrinterStatus(online=True, paper="unknown")
        # "Printing another job" also reads as b"8"; it is not a reason to refuse.
        return UNKNOWN_STATUS

    def write(self, data: bytes) -> None:
        try:
            self.printer._raw(data)
        except (OSError, TypeError) as exc:
            raise PrintError(E.IO_ERROR, f"Không ghi được lệnh in tạm: {exc}") from None

    def finish(self) -> None:
        try:
            self.printer.send()
        except Exception as exc:  # pycups: IPPError, HTTPError, RuntimeError
            raise PrintError(
                E.IO_ERROR, f"CUPS không nhận lệnh in cho {self.spec.queue!r}: {exc}"
            ) from None

    def close(self) -> None:
        if not hasattr(self, "printer"):
            return
        # escpos' close() would send a pending job: after a failure it must not.
        self.printer.pending_job = False
        try:
            self.printer.close()
            self.printer.tmpfile.close()
        except Exception:  # a failed close must not mask the job's outcome
            log.debug("CUPS close failed", exc_info=True)


_SIMULATED: dict[str, PrinterStatus] = {
    E.PAPER_OUT: PrinterStatus(online=False, paper="out", detail="Máy in hết giấy (giả lập)"),
    E.COVER_OPEN: PrinterStatus(
        online=False, paper="unknown", cover_open=True, detail="Nắp máy in đang mở (giả lập)"
    ),
}


class DummyConnection(Connection):
    """`dummy://`: appends each job to one escpos `Dummy` kept by the TicketPrinter,
    optionally failing or slowing down as the URL asks (for trying the kiosk UI)."""

    def __init__(self, spec: PrinterSpec, timeouts: Timeouts, profile: Any, dummy: Any) -> None:
        super().__init__(spec, timeouts, profile)
        self.dummy = dummy

    def open(self) -> None:
        if self.spec.fail == E.OFFLINE:
            raise PrintError(E.OFFLINE, "Không kết nối được máy in (giả lập)")

    def status(self) -> PrinterStatus:
        if self.spec.fail in _SIMULATED:
            return _SIMULATED[self.spec.fail]
        return UNKNOWN_STATUS

    def write(self, data: bytes) -> None:
        if self.spec.delay_s:
            time.sleep(self.spec.delay_s)
        if self.spec.fail == E.TIMEOUT:
            raise PrintError(E.TIMEOUT, "Máy in không nhận dữ liệu (giả lập)")
        if self.spec.fail == E.IO_ERROR:
            self.dummy._raw(data[: len(data) // 2])
            raise PrintError(E.IO_ERROR, "Mất kết nối với máy in giữa chừng (giả lập)")
        self.dummy._raw(data)

    def close(self) -> None:
        pass
