"""The one exception the kiosk has to handle when printing, and the printer's status.

Every failure — a refused connection, a timeout, a cable pulled mid-ticket, no paper,
a missing driver — comes out as `PrintError` with a stable `code` the kiosk can switch
on (to pick a screen message or raise an alert) and a Vietnamese sentence for staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

# Stable codes: the kiosk UI and the server's device alerts match on these strings.
OFFLINE: Final = "offline"  # cannot reach the printer, or it says it is off line
PAPER_OUT: Final = "paper-out"
COVER_OPEN: Final = "cover-open"
TIMEOUT: Final = "timeout"  # connected, but it stopped taking data (jammed, stalled)
IO_ERROR: Final = "io-error"  # the connection broke mid-job or a write failed
DRIVER_MISSING: Final = "driver-missing"  # pyusb / pyserial / pycups not installed
CONFIG: Final = "config"  # bad printer URL or paper width
RENDER_ERROR: Final = "render-error"  # the ticket could not be drawn

ERROR_CODES: Final = frozenset(
    {OFFLINE, PAPER_OUT, COVER_OPEN, TIMEOUT, IO_ERROR, DRIVER_MISSING, CONFIG, RENDER_ERROR}
)

PaperState = Literal["ok", "near-end", "out", "unknown"]


class PrintError(Exception):
    """A ticket could not be printed. `code` is one of `ERROR_CODES`."""

    def __init__(self, code: str, message_vi: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown print error code {code!r}")
        super().__init__(f"{code}: {message_vi}")
        self.code = code
        self.message_vi = message_vi

    def __reduce__(self) -> tuple[type[PrintError], tuple[str, str]]:
        # Keep (code, message) when the error crosses a process or thread-pool boundary.
        return (PrintError, (self.code, self.message_vi))


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself. `None`/"unknown" when it cannot say
    (file, CUPS, dummy, or a printer that does not answer status queries)."""

    online: bool | None
    paper: PaperState
    cover_open: bool | None = None
    detail: str | None = None  # Vietnamese, for the admin screen when something is wrong

    @property
    def ready(self) -> bool:
        """Nothing known to stop a ticket from printing."""
        return self.online is not False and self.paper != "out" and self.cover_open is not True


UNKNOWN_STATUS = PrinterStatus(online=None, paper="unknown")


# DLE EOT n replies (ESC/POS "transmit real-time status"). A genuine reply always has
# bits 1 and 4 set and bits 0 and 7 clear: anything else is not a status byte.
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12


def is_status_byte(b: int) -> bool:
    return b & _FIXED_MASK == _FIXED_BITS


def parse_online(b: int) -> bool | None:
    """DLE EOT 1: bit 3 set = off line."""
    return None if not is_status_byte(b) else not b & 0x08


def parse_cover_open(b: int) -> bool | None:
    """DLE EOT 2 (off-line cause): bit 2 set = cover open."""
    return None if not is_status_byte(b) else bool(b & 0x04)


def parse_paper(b: int) -> PaperState:
    """DLE EOT 4 (roll paper sensor): bits 5–6 = paper end, bits 2–3 = near end.

    Why not escpos' `paper_status()`: it only says "out" when both end bits *and*
    both fixed bits match one exact mask, and answers "adequate" when the printer
    did not reply at all — we must say "unknown" then.
    """
    if not is_status_byte(b):
        return "unknown"
    if b & 0x60:
        return "out"
    if b & 0x0C:
        return "near-end"
    return "ok"
