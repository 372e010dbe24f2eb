"""Turn a ticket image into ESC/POS bytes with python-escpos.

The whole job is built in memory on escpos' `Dummy` printer and only then sent, in
one go, to the real connection: the bytes are the same for every kind of printer
(so a `dummy://` test checks exactly what a network printer receives), a rendering
problem never leaves half a ticket in the printer, and the time the connection is
held open is as short as it can be.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from escpos.capabilities import Profile
from escpos.printer import Dummy
from PIL import Image

from kiosk_app.printing.render import SUPPORTED_WIDTHS

# escpos splits taller images into several GS v 0 blocks; many printers' receive
# buffers cope badly with one huge block, so keep its default.
FRAGMENT_HEIGHT = 960
# Lines fed before the cut: the cutter sits above the print head, and without this
# the bottom of the ticket (the footer) would stay in the printer for the next one.
_FEED_LINES_BEFORE_CUT = 6


class _TicketProfile(Profile):
    """escpos' default (Epson-compatible) profile with the paper width filled in.

    Without a width, escpos prints a warning on every image and cannot centre it.
    The default profile's data is one dict shared by every printer in the process,
    so it is copied rather than edited in place. `Profile.__init__` is skipped on
    purpose: it would empty the feature list, and escpos then sends no cut command.
    """

    def __init__(self, width_dots: int) -> None:  # noqa: D107
        data = copy.deepcopy(Profile.profile_data)
        mm = 58 if width_dots <= 384 else 80
        data["media"] = {"dpi": 203, "width": {"mm": mm, "pixels": width_dots}}
        data["name"] = f"MotCua {mm} mm"
        self.profile_data = data
        self.columns = None


@lru_cache(maxsize=8)
def ticket_profile(width_dots: int) -> _TicketProfile:
    if width_dots not in SUPPORTED_WIDTHS:
        raise ValueError(f"width_dots must be one of {SUPPORTED_WIDTHS}, not {width_dots!r}")
    return _TicketProfile(width_dots)


def build_job(img: Image.Image, width_dots: int, *, cut: bool = True) -> bytes:
    """ESC @, the image as GS v 0 raster block(s) centred on the paper, feed, full cut.

    Raises ValueError if the image is wider than the paper (a width mismatch
    between the renderer's configuration and the printer's).
    """
    if img.width > width_dots:
        raise ValueError(f"image is {img.width} dots wide, the paper only {width_dots}")
    if img.mode != "1":
        # A colour or grey image would be dithered by escpos; tickets are already 1-bit.
        img = img.convert("1")
    if img.width < width_dots:
        # Centre it ourselves: escpos' `center=True` is lost on images tall enough to be
        # split into fragments (it does not pass the flag on).
        canvas = Image.new("1", (width_dots, img.height), 1)
        canvas.paste(img, ((width_dots - img.width) // 2, 0))
        img = canvas
    printer = Dummy(profile=ticket_profile(width_dots))
    printer.hw("INIT")
    # Cut into fragments here rather than let escpos do it: escpos converts the whole
    # image once before splitting and then each fragment again, twice the work.
    for top in range(0, img.height, FRAGMENT_HEIGHT):
        fragment = img.crop((0, top, img.width, min(top + FRAGMENT_HEIGHT, img.height)))
        printer.image(fragment, impl="bitImageRaster", fragment_height=FRAGMENT_HEIGHT)
    if cut:
        printer.cut(mode="FULL", feed=True)
    return printer.output
