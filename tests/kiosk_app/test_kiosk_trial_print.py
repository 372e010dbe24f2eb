""" "In thử" from the settings screen: this centre's ticket, marked IN THỬ, and a QR code
that leads nowhere — read back from the bytes the printer received."""

from __future__ import annotations

import zxingcpp
from PIL import Image, ImageChops

from kiosk_app.printing import decode
from kiosk_app.printing import render as R
from kiosk_app.printing.labels import labels_for
from tests.kiosk_app.kiosk_helpers import WAIT_MS, tap


def _block_at(image: Image.Image, block: Image.Image) -> int | None:
    """Where (y) the rendered `block`, centred as the renderer centres it, is printed."""
    block = block.point(R._THRESHOLD_LUT, "1")
    x = (image.width - block.width) // 2
    for y in range(image.height - block.height + 1):
        crop = image.crop((x, y, x + block.width, y + block.height))
        if ImageChops.difference(crop.convert("L"), block.convert("L")).getbbox() is None:
            return y
    return None


def test_trial_print_says_in_thu_with_this_centres_name_and_a_qr_leading_nowhere(
    qtbot, kiosk
) -> None:
    w, c = kiosk.window, kiosk.controller
    w.flow.open_settings()  # staff are in the settings (the PIN is tested elsewhere)
    tap(qtbot, w.settings.test_button)
    qtbot.waitUntil(lambda: any(p.job is None for p in kiosk.prints), timeout=WAIT_MS)
    [outcome] = [p for p in kiosk.prints if p.job is None]
    assert outcome.ok
    qtbot.waitUntil(lambda: w.settings.message.text() == "In thử thành công", timeout=WAIT_MS)
    paper = decode(outcome.data or b"").image()
    assert paper is not None and paper.width == 576
    m = R._Metrics(width=576, scale=576 / R.SUPPORTED_WIDTHS[0])
    lab = labels_for("vi")
    # "IN THỬ" in reverse video at the top of the paper and again at its end.
    banner = R._banner_block(lab.test_banner, m)
    assert lab.test_banner.startswith("IN THỬ")
    top = _block_at(paper, banner)
    assert top is not None and top < 40
    bottom_half = paper.crop((0, paper.height // 2, paper.width, paper.height))
    assert _block_at(bottom_half, banner) is not None
    # This centre's name, not another province's.
    assert c.catalog is not None
    name = R._text_block(c.catalog.name, R.FONT_BOLD, m.px(23), m)
    assert c.catalog.name == "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng"
    assert _block_at(paper, name) is not None
    other = R._text_block(
        "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam", R.FONT_BOLD, m.px(23), m
    )
    assert _block_at(paper, other) is None
    # The QR code scans, and leads nowhere: no address in it.
    [qr] = zxingcpp.read_barcodes(paper.convert("L"))
    assert "IN THU" in qr.text
    assert "://" not in qr.text and "www" not in qr.text.lower() and ".vn" not in qr.text
    assert _block_at(paper, R._text_block(lab.test_qr, R.FONT_REGULAR, m.px(16), m)) is not None
