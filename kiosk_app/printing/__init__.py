"""Ticket printing for the kiosk: draw the ticket, send it to an ESC/POS printer.

Typical use, in the kiosk's print worker thread::

    from kiosk_app.printing import print_ticket, ticket_print_from_issued, PrintError

    ticket = ticket_print_from_issued(issued, catalog, language="vi")
    try:
        print_ticket(settings.printer_url, ticket, width_dots=576)  # in a worker thread
    except PrintError as exc:
        show_number_on_screen(ticket, exc.code, exc.message_vi)
"""

from kiosk_app.printing.connection import Timeouts
from kiosk_app.printing.errors import (
    ERROR_CODES,
    PaperState,
    PrintError,
    PrinterStatus,
)
from kiosk_app.printing.escpos_decode import DecodedJob, RasterBlock, decode
from kiosk_app.printing.job import build_job
from kiosk_app.printing.printer import TicketPrinter, open_printer, print_ticket, printer_status
from kiosk_app.printing.printer_url import PrinterSpec, PrinterUrlError, parse_printer_url
from kiosk_app.printing.render import SUPPORTED_WIDTHS, render_ticket
from kiosk_app.printing.ticket import (
    TicketPrint,
    sample_ticket,
    ticket_print_from_issued,
    trial_ticket,
)

__all__ = [
    "ERROR_CODES",
    "SUPPORTED_WIDTHS",
    "DecodedJob",
    "PaperState",
    "PrintError",
    "PrinterSpec",
    "PrinterStatus",
    "PrinterUrlError",
    "RasterBlock",
    "TicketPrint",
    "TicketPrinter",
    "Timeouts",
    "build_job",
    "decode",
    "open_printer",
    "parse_printer_url",
    "print_ticket",
    "printer_status",
    "render_ticket",
    "sample_ticket",
    "trial_ticket",
    "ticket_print_from_issued",
]
