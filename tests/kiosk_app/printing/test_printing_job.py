"""ESC/POS bytes: what build_job emits and what escpos_decode reads back."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from kiosk_app.printing import build_job, decode
from kiosk_app.printing.escpos_decode import EscposDecodeError
from kiosk_app.printing.job import FRAGMENT_HEIGHT


def pattern(width: int, height: int) -> Image.Image:
    """Diagonal stripes and a frame: any bit-order or row mistake shows."""
    img = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width - 1, height - 1), outline=0)
    for x in range(-height, width, 9):
        draw.line((x, 0, x + height, height), fill=0)
    return img


@pytest.mark.parametrize("width", [384, 576])
def test_round_trip_is_bit_exact(width: int) -> None:
    img = pattern(width, 300)
    job = decode(build_job(img, width))
    assert len(job.rasters) == 1
    block = job.rasters[0]
    assert (block.width_dots, block.height, block.mode) == (width, 300, 0)
    assert job.image().tobytes() == img.tobytes()  # type: ignore[union-attr]


def test_tall_image_is_split_into_blocks_and_stitched_back() -> None:
    height = FRAGMENT_HEIGHT * 2 + 123
    img = pattern(384, height)
    job = decode(build_job(img, 384))
    assert [r.height for r in job.rasters] == [FRAGMENT_HEIGHT, FRAGMENT_HEIGHT, 123]
    assert job.image().tobytes() == img.tobytes()  # type: ignore[union-attr]


def test_job_layout_is_init_image_feed_cut() -> None:
    data = build_job(pattern(384, 50), 384)
    assert data.startswith(b"\x1b@\x1dv0\x00")  # ESC @, GS v 0 m=0
    assert data.endswith(b"\x1bd\x06\x1dV\x00")  # ESC d 6, GS V 0 (full cut)
    job = decode(data)
    assert job.cut_after_image()
    assert job.cuts[0].mode == "full"
    assert job.feeds == [(len(data) - 6, 6)]


def test_no_cut_when_asked() -> None:
    job = decode(build_job(pattern(384, 20), 384, cut=False))
    assert job.rasters and not job.cuts and not job.cut_after_image()


def test_grey_image_is_made_one_bit_first() -> None:
    grey = Image.new("L", (384, 10), 0)
    job = decode(build_job(grey, 384))
    assert job.image().getextrema() == (0, 0)  # type: ignore[union-attr]


def test_too_wide_image_is_refused() -> None:
    with pytest.raises(ValueError, match="576"):
        build_job(pattern(577, 10), 576)


def test_decoder_understands_other_cut_forms_and_status_queries() -> None:
    data = b"\x10\x04\x01" + b"\x1dV\x42\x00" + b"hello" + b"\x1dV\x01" + b"\x1dV\x41\x10"
    job = decode(data)
    assert job.status_queries == [(0, 1)]
    assert [(c.mode, c.feed) for c in job.cuts] == [
        ("partial", 0),
        ("partial", None),
        ("full", 0x10),
    ]
    assert bytes(job.other) == b"hello"
    assert job.rasters == [] and job.image() is None and not job.cut_after_image()


def test_raster_data_is_not_mistaken_for_commands() -> None:
    # Image rows made of GS V bytes (0x1D 0x56 0x00…): inside a block they are pixels.
    payload = bytes([0x1D, 0x56, 0x00, 0x1B, 0x40, 0x10, 0x04, 0x01]) * 4
    data = b"\x1dv0\x00" + bytes([8, 0, 4, 0]) + payload
    job = decode(data)
    assert len(job.rasters) == 1 and job.rasters[0].data == payload
    assert job.cuts == [] and job.inits == [] and job.status_queries == []


@pytest.mark.parametrize(
    "data",
    [
        b"\x1dv0\x00\x30\x00",  # header cut short
        b"\x1dv0\x00\x30\x00\x02\x00" + b"\x00" * 10,  # data cut short
        b"\x1dV\x41",  # GS V 65 without n
        b"\x1bd",
    ],
)
def test_truncated_stream_is_an_error(data: bytes) -> None:
    with pytest.raises(EscposDecodeError):
        decode(data)
