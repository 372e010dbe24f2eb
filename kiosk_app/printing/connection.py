"""One short-lived connection to a printer, over python-escpos' drivers.

Each job (and each status probe) opens its own connection and closes it: a network
printer that was power-cycled, or a USB cable re-plugged, is then picked up again
without any reconnect logic, and a late status reply can never be mistaken for the
answer to the next job's query.

python-escpos 3.1 facts this module works around (read from its source):
- `Network(timeout=60)` is used for connect *and* every send/recv: too long for a
  kiosk, so the socket's timeout is set per phase here.
- `query_status()` is `_raw(DLE EOT n)` then `_read()`; `Network._read` is a bare
  `recv(16)` (b"" on EOF, timeout exception when silent), `Serial._read` returns b""
  on timeout, `Usb._read` uses pyusb's default timeout, and `File`, `Dummy` cannot
  read at all. `is_online()`/`paper_status()` turn "no answer" into "offline" and
  "paper adequate", so the replies are parsed in errors.py instead.
- `Network.close()` does `shutdown(SHUT_RDWR)`: with unread bytes pending that makes
  the kernel send a reset, which can destroy the tail of a job still in flight.
  Closing here is graceful: half-close, then wait briefly for the printer's EOF.
- `Usb(timeout=0)` and `Serial` (no write timeout) can block forever; `File` on
  /dev/usb/lp0 blocks forever when the printer is out of paper (usblp waits).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from kiosk_app.printing.errors import (
    UNKNOWN_STATUS,
    PrinterStatus,
    parse_cover_open,
    parse_online,
    parse_paper,
)
from kiosk_app.printing.printer_url import PrinterSpec

# Bytes per write: a broken connection or a stalled printer is noticed within one
# chunk instead of after the whole image has been queued in kernel buffers.
CHUNK = 4096


@dataclass(frozen=True)
class Timeouts:
    connect: float = 3.0  # to open a TCP connection / device
    io: float = 10.0  # for the job's data to be taken (a ticket is ~30–100 KB)
    status: float = 0.8  # for a DLE EOT reply; silent printers cost this once per job
    close: float = 0.5  # wait for the printer's EOF after the job (graceful close)


class Connection(ABC):
    """Open → status → write → finish → close. Every error is a `PrintError`."""

    answers_status = False  # set once the printer has replied to a status query

    def __init__(self, spec: PrinterSpec, timeouts: Timeouts, profile: Any) -> None:
        self.spec = spec
        self.timeouts = timeouts
        self.profile = profile

    @abstractmethod
    def open(self) -> None: ...

    def query(self, n: int) -> int | None:
        """Send DLE EOT n; the status byte, or None if the printer does not answer."""
        return None

    def status(self) -> PrinterStatus:
        online_b = self.query(1)
        if online_b is None:
            return UNKNOWN_STATUS
        self.answers_status = True
        paper_b = self.query(4)
        paper = parse_paper(paper_b) if paper_b is not None else "unknown"
        online = parse_online(online_b)
        cover: bool | None = None
        if online is False:
            cause = self.query(2)  # why off line: cover open?
            cover = parse_cover_open(cause) if cause is not None else None
        return PrinterStatus(online=online, paper=paper, cover_open=cover)

    @abstractmethod
    def write(self, data: bytes) -> None: ...

    def finish(self) -> None:  # noqa: B027 - optional step, most connections need none
        """After the job: confirm it was delivered where the connection can tell."""
        return None

    @abstractmethod
    def close(self) -> None:
        """Release the device. Never raises."""


def not_found_cause(exc: BaseException) -> BaseException:
    """escpos wraps the OS error in DeviceNotFoundError; the original says more."""
    return exc.__cause__ or exc.__context__ or exc


def connect(spec: PrinterSpec, timeouts: Timeouts, profile: Any, dummy: Any = None) -> Connection:
    """The (not yet opened) connection for `spec`. `dummy` is the Dummy printer that
    keeps a `dummy://` printer's bytes across jobs."""
    from kiosk_app.printing.conn_device import FileConnection, SerialConnection, UsbConnection
    from kiosk_app.printing.conn_network import NetworkConnection
    from kiosk_app.printing.conn_spool import CupsConnection, DummyConnection

    if spec.kind == "dummy":
        return DummyConnection(spec, timeouts, profile, dummy)
    kinds: dict[str, type[Connection]] = {
        "network": NetworkConnection,
        "usb": UsbConnection,
        "serial": SerialConnection,
        "file": FileConnection,
        "cups": CupsConnection,
    }
    return kinds[spec.kind](spec, timeouts, profile)
