"""Read an ESC/POS byte stream back: raster images, cuts, feeds, status queries.

For tests and for diagnostics ("what exactly did the kiosk send?"): a captured job
(`dummy://`, a `file://` dump, a packet capture of port 9100) is turned back into the
picture that the printer would burn, plus the list of commands around it.

Only the commands a ticket job uses are understood in detail; any other byte is kept
as "other" and skipped one at a time, which is safe because raster data is always
consumed by length and never scanned for commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PIL import Image

ESC, GS, DLE, EOT = 0x1B, 0x1D, 0x10, 0x04

CutMode = Literal["full", "partial"]


class EscposDecodeError(ValueError):
    """The stream is cut short inside a command (e.g. a raster block missing data)."""


@dataclass(frozen=True)
class RasterBlock:
    """One `GS v 0 m xL xH yL yH d1…dk` block."""

    offset: int  # of the GS byte in the stream
    mode: int  # 0 normal, 1 double width, 2 double height, 3 quadruple
    width_bytes: int
    height: int
    data: bytes

    @property
    def width_dots(self) -> int:
        return self.width_bytes * 8

    def to_image(self) -> Image.Image:
        """Mode "1" image, black where the printer burns a dot (bit set)."""
        # "1;I" = inverted bilevel: a set bit becomes black, as on paper.
        return Image.frombytes("1", (self.width_dots, self.height), self.data, "raw", "1;I")


@dataclass(frozen=True)
class Cut:
    offset: int
    mode: CutMode
    feed: int | None  # GS V 65/66 n: dots fed before cutting; None for GS V 0/1


@dataclass
class DecodedJob:
    rasters: list[RasterBlock] = field(default_factory=list)
    cuts: list[Cut] = field(default_factory=list)
    inits: list[int] = field(default_factory=list)  # offsets of ESC @
    feeds: list[tuple[int, int]] = field(default_factory=list)  # (offset, lines) of ESC d n
    status_queries: list[tuple[int, int]] = field(default_factory=list)  # (offset, n) DLE EOT n
    other: bytearray = field(default_factory=bytearray)  # bytes not understood

    @property
    def width_dots(self) -> int | None:
        return self.rasters[0].width_dots if self.rasters else None

    def image(self) -> Image.Image | None:
        """All raster blocks stacked top to bottom, as printed (the width of the widest)."""
        if not self.rasters:
            return None
        width = max(r.width_dots for r in self.rasters)
        canvas = Image.new("1", (width, sum(r.height for r in self.rasters)), 1)
        y = 0
        for block in self.rasters:
            canvas.paste(block.to_image(), (0, y))
            y += block.height
        return canvas

    def cut_after_image(self) -> bool:
        """True when a cut follows the last raster block (the ticket is separated)."""
        if not self.rasters:
            return False
        last = self.rasters[-1].offset
        return any(c.offset > last for c in self.cuts)


def _need(data: bytes, i: int, n: int, what: str) -> None:
    if i + n > len(data):
        raise EscposDecodeError(f"stream ends inside {what} at offset {i}")


def decode(data: bytes) -> DecodedJob:
    """Parse `data`; raise `EscposDecodeError` if it stops in the middle of a command."""
    job = DecodedJob()
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        nxt = data[i + 1] if i + 1 < n else None
        if b == GS and nxt == ord("v") and i + 2 < n and data[i + 2] == ord("0"):
            _need(data, i, 8, "a GS v 0 header")
            mode = data[i + 3]
            width_bytes = data[i + 4] | data[i + 5] << 8
            height = data[i + 6] | data[i + 7] << 8
            size = width_bytes * height
            _need(data, i + 8, size, "GS v 0 raster data")
            block = RasterBlock(i, mode, width_bytes, height, bytes(data[i + 8 : i + 8 + size]))
            job.rasters.append(block)
            i += 8 + size
        elif b == GS and nxt == ord("V"):
            _need(data, i, 3, "a GS V cut")
            m = data[i + 2]
            if m in (0, 48, 1, 49):
                job.cuts.append(Cut(i, "full" if m in (0, 48) else "partial", None))
                i += 3
            elif m in (65, 66, 97, 98, 103, 104):
                _need(data, i, 4, "a GS V cut")
                full = m in (65, 97, 103)
                job.cuts.append(Cut(i, "full" if full else "partial", data[i + 3]))
                i += 4
            else:
                job.other += data[i : i + 3]
                i += 3
        elif b == ESC and nxt == ord("@"):
            job.inits.append(i)
            i += 2
        elif b == ESC and nxt == ord("d"):
            _need(data, i, 3, "an ESC d feed")
            job.feeds.append((i, data[i + 2]))
            i += 3
        elif b == DLE and nxt == EOT:
            _need(data, i, 3, "a DLE EOT status query")
            job.status_queries.append((i, data[i + 2]))
            i += 3
        else:
            job.other.append(b)
            i += 1
    return job
