"""Draw a ticket as a 1-bit image, exactly as wide as the printer's head.

Why an image and not printer text: thermal printers' code pages handle Vietnamese
badly or not at all, while a raster image prints the same on every model. The image
is drawn in greyscale (anti-aliased glyph outlines) and then thresholded once, which
gives clean edges with no dithering speckle around the letters.

Layout, top to bottom: centre name, service and procedure, "Số thứ tự" and the number
as large as the width allows, people ahead, estimated wait, priority banner, QR code of
the tracking URL with a caption, issue date and time, footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw
from qrcode.constants import ERROR_CORRECT_M

from clientkit.assets import FONT_BOLD, FONT_CONDENSED_BOLD, FONT_REGULAR
from kiosk_app.printing.labels import (
    issued_line,
    labels_for,
    people_ahead_line,
    priority_line,
    wait_line,
)
from kiosk_app.printing.textfit import fit_text, font, largest_size_fitting
from kiosk_app.printing.ticket import TicketPrint

__all__ = ["SUPPORTED_WIDTHS", "TicketPrint", "qr_image", "render_ticket"]

# Print-head widths in dots at 203 dpi: 58 mm paper → 48 mm printable, 80 mm → 72 mm.
SUPPORTED_WIDTHS = (384, 576)

WHITE = 255
BLACK = 0
# Ink where the anti-aliased coverage is above ~45 %: slightly in favour of ink, so thin
# strokes and the small marks of Vietnamese diacritics survive thresholding.
_INK_THRESHOLD = 140
_THRESHOLD_LUT = [0 if v < _INK_THRESHOLD else 255 for v in range(256)]
# The quiet zone around a QR code, in modules. The standard asks for 4; phones cope with
# less but a worn thermal head smears the edge, so keep the full margin.
_QR_QUIET_MODULES = 4


@dataclass(frozen=True)
class _Metrics:
    """Every size on the ticket, in dots, scaled from the 58 mm design."""

    width: int
    scale: float

    def px(self, base: float) -> int:
        return max(1, round(base * self.scale))

    @property
    def margin(self) -> int:
        return self.px(12)

    @property
    def content(self) -> int:
        return self.width - 2 * self.margin


def _blank(width: int, height: int) -> Image.Image:
    return Image.new("L", (width, max(1, height)), WHITE)


def _text_block(
    text: str,
    path: Path,
    size: int,
    m: _Metrics,
    *,
    leading: float = 0.18,
    ink: int = BLACK,
    paper: int = WHITE,
    width: int | None = None,
) -> Image.Image:
    """Centred, wrapped paragraph(s). Line pitch comes from the font's own ascent and
    descent, widened if a line's ink goes beyond them (stacked Vietnamese marks on
    capitals such as "Ễ" can), so nothing is ever cut at the top or bottom."""
    width = width or m.content
    fitted = fit_text(text, path, size, width)
    f = fitted.font
    ascent, descent = f.getmetrics()
    gap = round(fitted.size * leading)
    boxes = [f.getbbox(line, anchor="ls") for line in fitted.lines]
    above = [max(ascent, -top) for (_, top, _, _) in boxes]
    below = [max(descent, bottom) for (_, _, _, bottom) in boxes]
    height = sum(above) + sum(below) + gap * max(0, len(fitted.lines) - 1)
    img = Image.new("L", (width, max(1, height)), paper)
    draw = ImageDraw.Draw(img)
    y = 0
    for line, a, b in zip(fitted.lines, above, below, strict=True):
        draw.text((width / 2, y + a), line, font=f, fill=ink, anchor="ms")
        y += a + b + gap
    return img


def _number_block(number: str, m: _Metrics) -> Image.Image:
    """The number, as big as the column allows, cropped to its ink so the space
    around it is set by the layout and not by the font's line box."""
    number = number.strip()
    # Cap the height so a short number ("5") does not eat a hand's length of paper.
    size = largest_size_fitting(
        number, FONT_CONDENSED_BOLD, m.content, max_h=m.px(118), hi=m.px(260)
    )
    f = font(FONT_CONDENSED_BOLD, size)
    left, top, right, bottom = f.getbbox(number, anchor="ls")
    img = _blank(m.content, bottom - top)
    ImageDraw.Draw(img).text(
        ((m.content - (right - left)) / 2 - left, -top), number, font=f, fill=BLACK, anchor="ls"
    )
    return img


def _banner_block(text: str, m: _Metrics) -> Image.Image:
    """Priority label (or "IN THỬ") in reverse video: seen at a glance."""
    pad_y, pad_x = m.px(6), m.px(10)
    inner = _text_block(
        text, FONT_BOLD, m.px(21), m, ink=WHITE, paper=BLACK, width=m.content - 2 * pad_x
    )
    img = _blank(m.content, inner.height + 2 * pad_y)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle(
        (0, 0, m.content - 1, img.height - 1), radius=m.px(8), fill=BLACK, outline=BLACK
    )
    img.paste(inner, (pad_x, pad_y))
    return img


def _rule_block(m: _Metrics) -> Image.Image:
    """A dashed separator: reads as "cut-off section" on paper, lighter than a bar."""
    thickness, dash, space = m.px(2), m.px(6), m.px(4)
    img = _blank(m.content, thickness)
    draw = ImageDraw.Draw(img)
    for x in range(0, m.content, dash + space):
        draw.rectangle((x, 0, min(x + dash, m.content) - 1, thickness - 1), fill=BLACK)
    return img


def qr_image(data: str, max_width: int, *, target_width: int) -> tuple[Image.Image, int]:
    """A QR code drawn with whole-dot modules (no resampling blur), quiet zone excluded.

    Returns the image and the module size in dots. The module is as large as fits
    `target_width` but at least 3 dots (≈0.4 mm), below which phones struggle on
    thermal paper.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    module = max(3, target_width // n)
    while module > 2 and (n + 2 * _QR_QUIET_MODULES) * module > max_width:
        module -= 1
    if (n + 2 * _QR_QUIET_MODULES) * module > max_width:
        raise ValueError(f"tracking URL too long to print as a QR code ({len(data)} chars)")
    raw = bytes(BLACK if cell else WHITE for row in matrix for cell in row)
    small = Image.frombytes("L", (n, n), raw)
    return small.resize((n * module, n * module), Image.Resampling.NEAREST), module


def _stack(parts: list[tuple[Image.Image, int]], m: _Metrics, top: int, bottom: int) -> Image.Image:
    """Paste blocks under each other, each centred, each preceded by its own gap."""
    height = top + sum(gap + img.height for img, gap in parts) + bottom
    canvas = _blank(m.width, height)
    y = top
    for img, gap in parts:
        y += gap
        canvas.paste(img, ((m.width - img.width) // 2, y))
        y += img.height
    return canvas


def render_ticket(t: TicketPrint, width_dots: int) -> Image.Image:
    """Render `t` for a printer `width_dots` wide (384 or 576); returns a mode "1" image
    whose black pixels are the dots to burn."""
    if width_dots not in SUPPORTED_WIDTHS:
        raise ValueError(
            f"width_dots must be one of {SUPPORTED_WIDTHS} (58 mm or 80 mm paper), "
            f"not {width_dots!r}"
        )
    m = _Metrics(width=width_dots, scale=width_dots / SUPPORTED_WIDTHS[0])
    lab = labels_for(t.language)
    small, para, section = m.px(6), m.px(12), m.px(20)

    parts: list[tuple[Image.Image, int]] = []

    def text(value: str, path: Path, base_size: int, gap: int) -> None:
        parts.append((_text_block(value, path, m.px(base_size), m), gap))

    if t.test_print:  # first and last: whichever end one looks at says it
        parts.append((_banner_block(lab.test_banner, m), 0))
    text(t.site_name, FONT_BOLD, 23, para if t.test_print else 0)
    parts.append((_rule_block(m), para))
    text(t.service_name, FONT_BOLD, 22, para)
    if t.procedure_name and t.procedure_name.strip():
        text(t.procedure_name, FONT_REGULAR, 18, small)
    text(lab.your_number, FONT_REGULAR, 20, section)
    parts.append((_number_block(t.number, m), para))
    text(people_ahead_line(t.language, t.ahead), FONT_BOLD, 19, section)
    text(wait_line(t.language, t.estimated_wait_s), FONT_REGULAR, 18, small)
    if t.priority_label and t.priority_label.strip():
        parts.append((_banner_block(priority_line(t.language, t.priority_label), m), para))

    qr, module = qr_image(t.tracking_url, m.content, target_width=round(m.content * 0.42))
    quiet = _QR_QUIET_MODULES * module  # blank space around the code, above and below
    parts.append((qr, max(section, quiet)))
    caption = lab.test_qr if t.test_print else lab.scan_to_follow
    text(caption, FONT_REGULAR, 16, max(small, quiet))
    text(issued_line(t.language, t.issued_at, test_print=t.test_print), FONT_REGULAR, 16, para)
    if t.footer and t.footer.strip():
        parts.append((_rule_block(m), para))
        text(t.footer, FONT_REGULAR, 15, para)
    if t.test_print:
        parts.append((_banner_block(lab.test_banner, m), section))

    canvas = _stack(parts, m, top=m.px(8), bottom=m.px(8))
    return canvas.point(_THRESHOLD_LUT, "1")
