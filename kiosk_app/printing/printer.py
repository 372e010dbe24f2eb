"""The kiosk's ticket printer: open by URL, check status, print a ticket image.

Blocking by design: the kiosk calls this from a worker thread. Every call is bounded
by the timeouts in `Timeouts`, and every failure is a `PrintError` — the kiosk never
has to know about sockets, pyusb or escpos exceptions.
"""

from __future__ import annotations

import logging
import threading
import time

from escpos.printer import Dummy
from PIL import Image

from kiosk_app.printing import errors as E
from kiosk_app.printing.connection import Connection, Timeouts, connect
from kiosk_app.printing.errors import UNKNOWN_STATUS, PrintError, PrinterStatus
from kiosk_app.printing.job import build_job, ticket_profile
from kiosk_app.printing.printer_url import PrinterSpec, parse_printer_url
from kiosk_app.printing.render import SUPPORTED_WIDTHS, render_ticket
from kiosk_app.printing.ticket import TicketPrint

log = logging.getLogger(__name__)

# A printer that did not answer a status query is not asked again before each job for
# this long: its silence costs `Timeouts.status` every time, for nothing.
_SILENT_RECHECK_S = 300.0


class TicketPrinter:
    """One configured printer. Opens a fresh connection for every job and probe."""

    def __init__(self, spec: PrinterSpec, width_dots: int, timeouts: Timeouts) -> None:
        if width_dots not in SUPPORTED_WIDTHS:
            raise ValueError(f"width_dots must be one of {SUPPORTED_WIDTHS}, not {width_dots!r}")
        self.spec = spec
        self.width_dots = width_dots
        self.timeouts = timeouts
        self.last_status: PrinterStatus = UNKNOWN_STATUS
        self._profile = ticket_profile(width_dots)
        self._dummy = Dummy(profile=self._profile) if spec.kind == "dummy" else None
        self._silent_until = 0.0
        # One job or probe at a time: many printers accept a single connection, and a
        # status probe from a timer must not slip in between a job's bytes.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TicketPrinter({self.spec.url!r}, width_dots={self.width_dots})"

    @property
    def url(self) -> str:
        return self.spec.url

    @property
    def output(self) -> bytes | None:
        """Every byte "printed" so far on a `dummy://` printer; None for real ones."""
        return self._dummy.output if self._dummy is not None else None

    def clear_output(self) -> None:
        if self._dummy is not None:
            self._dummy.clear()

    def _connection(self) -> Connection:
        return connect(self.spec, self.timeouts, self._profile, self._dummy)

    def status(self) -> PrinterStatus:
        """Ask the printer how it is. Never raises: an unreachable printer is
        `online=False`, one that cannot tell is `online=None, paper="unknown"`."""
        with self._lock:
            conn = self._connection()
            try:
                conn.open()
                st = conn.status()
                if conn.answers_status:
                    self._silent_until = 0.0
            except PrintError as exc:
                online = False if exc.code == E.OFFLINE else None
                st = PrinterStatus(online=online, paper="unknown", detail=exc.message_vi)
            except Exception as exc:  # a driver bug must not take the kiosk down
                log.exception("printer status probe failed")
                st = PrinterStatus(online=None, paper="unknown", detail=repr(exc))
            finally:
                conn.close()
            self.last_status = st
            return st

    def print_image(self, img: Image.Image) -> PrinterStatus:
        """Print `img` as a GS v 0 raster image, centred, then cut.

        Before sending, the printer's status is checked where the connection allows:
        no paper, cover open or off line fails *before* any ticket data is sent, so
        no half ticket is printed. Returns the status seen before printing (a
        "near-end" paper state is worth an alert to staff). Raises `PrintError`.
        """
        try:
            job = build_job(img, self.width_dots)
        except ValueError as exc:  # wider than the paper: renderer and printer disagree
            raise PrintError(E.CONFIG, f"Ảnh vé không khớp khổ giấy: {exc}") from None
        except Exception as exc:
            raise PrintError(E.RENDER_ERROR, f"Không tạo được lệnh in: {exc}") from None
        with self._lock:
            return self._send(job)

    def _send(self, job: bytes) -> PrinterStatus:
        conn = self._connection()
        try:
            conn.open()
            st = self._preflight(conn)
            conn.write(job)
            conn.finish()
            return st
        except PrintError:
            raise
        except Exception as exc:
            log.exception("unexpected printer failure")
            raise PrintError(E.IO_ERROR, f"Lỗi máy in không mong đợi: {exc!r}") from None
        finally:
            conn.close()

    def _preflight(self, conn: Connection) -> PrinterStatus:
        if time.monotonic() < self._silent_until:
            return UNKNOWN_STATUS
        st = conn.status()
        self.last_status = st
        if not conn.answers_status and st == UNKNOWN_STATUS:
            self._silent_until = time.monotonic() + _SILENT_RECHECK_S
        if st.paper == "out":
            raise PrintError(E.PAPER_OUT, "Máy in hết giấy: cần thay cuộn giấy")
        if st.cover_open:
            raise PrintError(E.COVER_OPEN, "Nắp máy in đang mở: cần đóng nắp")
        if st.online is False:
            raise PrintError(E.OFFLINE, "Máy in đang ngoại tuyến (báo lỗi hoặc đang tạm dừng)")
        return st


def open_printer(
    url: str, *, width_dots: int = 576, timeouts: Timeouts | None = None
) -> TicketPrinter:
    """A printer for `url` (see printer_url.py). Nothing is connected yet.

    Raises `PrinterUrlError` (a ValueError) for a bad URL and ValueError for a width
    other than 384 or 576.
    """
    return TicketPrinter(parse_printer_url(url), width_dots, timeouts or Timeouts())


# print_ticket's printers, by configuration: kept so that a printer's lock (one job at a
# time) and its "does not answer status" memory last from one ticket to the next.
_shared: dict[tuple[str, int, Timeouts], TicketPrinter] = {}
_shared_lock = threading.Lock()


def _shared_printer(url: str, width_dots: int, timeouts: Timeouts) -> TicketPrinter:
    spec = parse_printer_url(url)
    if spec.kind == "dummy":  # a fresh one, so its output is this job alone
        return TicketPrinter(spec, width_dots, timeouts)
    key = (spec.url, width_dots, timeouts)
    with _shared_lock:
        printer = _shared.get(key)
        if printer is None:
            printer = _shared[key] = TicketPrinter(spec, width_dots, timeouts)
        return printer


def print_ticket(
    url: str, ticket: TicketPrint, width_dots: int, *, timeouts: Timeouts | None = None
) -> bytes | None:
    """Render and print one ticket; blocking (run it in a worker thread).

    Returns the job's bytes for `dummy://`, None for a real printer. Every failure,
    including a bad URL or width (code "config"), is a `PrintError`.
    """
    try:
        printer = _shared_printer(url, width_dots, timeouts or Timeouts())
    except ValueError as exc:  # PrinterUrlError included
        raise PrintError(E.CONFIG, str(exc)) from None
    try:
        img = render_ticket(ticket, width_dots)
    except Exception as exc:
        log.exception("ticket rendering failed")
        raise PrintError(E.RENDER_ERROR, f"Không vẽ được vé: {exc}") from None
    printer.print_image(img)
    return printer.output


def printer_status(url: str, width_dots: int, *, timeouts: Timeouts | None = None) -> PrinterStatus:
    """The status of the printer `print_ticket` uses for this configuration; blocking,
    never raises (a bad URL is "cannot tell")."""
    try:
        printer = _shared_printer(url, width_dots, timeouts or Timeouts())
    except ValueError as exc:
        return PrinterStatus(online=None, paper="unknown", detail=str(exc))
    return printer.status()
