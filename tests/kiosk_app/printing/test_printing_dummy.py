"""The whole path to `dummy://`: ticket → image → ESC/POS bytes → decoded back."""

from __future__ import annotations

import time

import pytest
import zxingcpp

from kiosk_app.printing import (
    PrintError,
    decode,
    open_printer,
    print_ticket,
    render_ticket,
    sample_ticket,
)

pytestmark = pytest.mark.timeout(30)


@pytest.mark.parametrize(("width", "language"), [(384, "vi"), (576, "en"), (576, "vi")])
def test_dummy_job_is_a_raster_ticket_with_qr_and_cut(width: int, language: str) -> None:
    ticket = sample_ticket(language, priority_label="Người cao tuổi")
    data = print_ticket("dummy://", ticket, width)
    assert data is not None
    job = decode(data)
    assert job.inits and job.inits[0] == 0, "job does not start with ESC @"
    assert job.rasters, "no GS v 0 block"
    for block in job.rasters:
        assert block.width_bytes * 8 == width  # xL/xH in bytes of 8 dots
        assert block.mode == 0  # normal density: one image dot per printer dot
    assert job.cut_after_image()
    assert job.cuts[-1].mode == "full"
    assert job.feeds, "no feed before the cut: the footer would stay under the cutter"
    assert not job.other, f"unexpected bytes in the job: {bytes(job.other[:20])!r}"
    image = job.image()
    assert image is not None
    assert image.width == width
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [ticket.tracking_url]
    # Bit-exact: the printer gets exactly the rendered picture.
    assert image.tobytes() == render_ticket(ticket, width).tobytes()


def test_dummy_printer_keeps_bytes_across_jobs() -> None:
    printer = open_printer("dummy://", width_dots=384)
    assert printer.output == b""
    img = render_ticket(sample_ticket(), 384)
    printer.print_image(img)
    one = printer.output
    printer.print_image(img)
    assert printer.output == one + one
    assert len(decode(printer.output).cuts) == 2
    printer.clear_output()
    assert printer.output == b""
    st = printer.status()
    assert (st.online, st.paper) == (None, "unknown")


def test_narrow_image_is_centred_on_the_paper() -> None:
    from PIL import Image, ImageDraw

    img = Image.new("1", (200, 40), 1)
    ImageDraw.Draw(img).rectangle((0, 0, 199, 39), fill=0)
    printer = open_printer("dummy://", width_dots=576)
    printer.print_image(img)
    printed = decode(printer.output or b"").image()
    assert printed is not None and printed.size == (576, 40)
    bbox = printed.point(lambda v: 255 - v).getbbox()  # box of the black dots
    assert bbox == (188, 0, 388, 40)


def test_image_wider_than_paper_is_a_config_error() -> None:
    printer = open_printer("dummy://", width_dots=384)
    with pytest.raises(PrintError) as info:
        printer.print_image(render_ticket(sample_ticket(), 576))
    assert info.value.code == "config"
    assert printer.output == b""


@pytest.mark.parametrize("code", ["offline", "paper-out", "cover-open", "timeout", "io-error"])
def test_dummy_simulates_failures_for_the_kiosk_ui(code: str) -> None:
    with pytest.raises(PrintError) as info:
        print_ticket(f"dummy://?fail={code}", sample_ticket(), 384)
    assert info.value.code == code
    assert info.value.message_vi


def test_dummy_delay_makes_printing_slow() -> None:
    started = time.monotonic()
    print_ticket("dummy://?delay=0.3", sample_ticket(), 384)
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize(
    ("url", "width"), [("nonsense", 384), ("network://", 384), ("dummy://", 500)]
)
def test_print_ticket_turns_bad_configuration_into_print_error(url: str, width: int) -> None:
    with pytest.raises(PrintError) as info:
        print_ticket(url, sample_ticket(), width)
    assert info.value.code == "config"


def test_unprintable_ticket_is_a_render_error() -> None:
    ticket = sample_ticket(tracking_url="https://x.vn/" + "a" * 3000)  # no QR fits
    with pytest.raises(PrintError) as info:
        print_ticket("dummy://", ticket, 384)
    assert info.value.code == "render-error"
