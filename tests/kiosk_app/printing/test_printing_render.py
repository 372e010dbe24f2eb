"""The ticket picture: size, QR, wrapping, shrinking, Vietnamese, languages."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from clientkit.assets import FONT_BOLD, FONT_CONDENSED_BOLD, FONT_REGULAR
from kiosk_app.printing import render_ticket, sample_ticket
from kiosk_app.printing.render import _Metrics, _number_block
from kiosk_app.printing.textfit import MIN_FONT_PX, fit_text, font

LONG_SITE = (
    "Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính — Sở Lao động – "
    "Thương binh và Xã hội tỉnh Bà Rịa – Vũng Tàu"
)
LONG_PROCEDURE = (
    "Giải quyết chế độ trợ cấp một lần đối với người được cử làm chuyên gia sang giúp "
    "Lào, Căm-pu-chia và đề nghị cấp lại Giấy chứng nhận người có công với cách mạng "
    "đã bị mất hoặc hư hỏng không còn sử dụng được"
)


def black_box(img: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of the black dots."""
    return img.convert("L").point(lambda v: 255 - v).getbbox()


def column_has_ink(img: Image.Image, x: int) -> bool:
    column = img.crop((x, 0, x + 1, img.height))
    return black_box(column) is not None


def row_has_ink(img: Image.Image, y: int) -> bool:
    return black_box(img.crop((0, y, img.width, y + 1))) is not None


def qr_texts(img: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(img)]


@pytest.mark.parametrize("width", [384, 576])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_image_is_one_bit_exactly_as_wide_as_the_head(width: int, language: str) -> None:
    img = render_ticket(sample_ticket(language), width)
    assert img.mode == "1"
    assert img.width == width
    # A sensible paper length: 7–20 cm at 8 dots/mm.
    assert 560 < img.height < 1600


@pytest.mark.parametrize("width", [0, 100, 383, 512, 577, 640])
def test_other_widths_are_refused(width: int) -> None:
    with pytest.raises(ValueError, match="384"):
        render_ticket(sample_ticket(), width)


@pytest.mark.parametrize("width", [384, 576])
@pytest.mark.parametrize(
    "url",
    [
        "https://motcua.quangnam.gov.vn/t/7KX9-2QF4",
        "http://192.168.10.5:8080/public/tickets/ABCDEFGHJKLMNPQRSTUVWXYZ23456789?lang=vi",
    ],
)
def test_qr_code_reads_back_as_the_tracking_url(width: int, url: str) -> None:
    img = render_ticket(sample_ticket(tracking_url=url), width)
    assert qr_texts(img) == [url]


@pytest.mark.parametrize("width", [384, 576])
def test_nothing_touches_the_paper_edges(width: int) -> None:
    ticket = sample_ticket(
        site_name=LONG_SITE,
        procedure_name=LONG_PROCEDURE,
        priority_label="Người khuyết tật, phụ nữ mang thai, người cao tuổi",
        footer="Cảm ơn quý khách!\nHotline: 1900 1234 — https://dichvucong.gov.vn",
    )
    img = render_ticket(ticket, width)
    margin = width // 48  # 1 mm at 384, 1.5 mm at 576
    for x in range(margin):
        assert not column_has_ink(img, x), f"ink in column {x}: text clipped at the left"
        assert not column_has_ink(img, width - 1 - x), f"ink at the right edge ({x})"
    assert not row_has_ink(img, 0) and not row_has_ink(img, img.height - 1)


@pytest.mark.parametrize("width", [384, 576])
def test_long_names_wrap_and_the_ticket_grows(width: int) -> None:
    short = render_ticket(sample_ticket(), width)
    long = render_ticket(sample_ticket(site_name=LONG_SITE, procedure_name=LONG_PROCEDURE), width)
    assert long.width == width
    assert long.height > short.height + 100
    assert qr_texts(long) == [sample_ticket().tracking_url]


@pytest.mark.parametrize("max_w", [360, 552])
@pytest.mark.parametrize("text", [LONG_SITE, LONG_PROCEDURE, "Lao động – Thương binh và Xã hội"])
def test_wrapping_keeps_every_word_in_order_and_within_the_column(text: str, max_w: int) -> None:
    fitted = fit_text(text, FONT_BOLD, 34, max_w)
    assert " ".join(fitted.lines).split() == text.split()
    assert all(fitted.font.getlength(line) <= max_w for line in fitted.lines)
    assert fitted.size == 34  # ordinary words fit: no shrinking
    assert not any(line.startswith(("–", "—")) for line in fitted.lines)


def test_wrapping_is_balanced_not_an_orphan_word() -> None:
    fitted = fit_text("Lao động – Thương binh và Xã hội", FONT_BOLD, 22, 360 - 100)
    assert len(fitted.lines) == 2
    widths = [fitted.font.getlength(line) for line in fitted.lines]
    assert min(widths) > 0.5 * max(widths)


def test_a_word_too_wide_for_the_column_shrinks_the_font() -> None:
    word = "Siêuđặcbiệtdàikhôngcókhoảngtrắng"
    fitted = fit_text(f"Thủ tục {word}", FONT_REGULAR, 30, 360)
    assert MIN_FONT_PX <= fitted.size < 30
    assert word in fitted.lines[-1] or word in fitted.lines
    assert all(fitted.font.getlength(line) <= 360 for line in fitted.lines)


def test_a_word_too_wide_even_at_the_smallest_size_is_split_not_clipped() -> None:
    word = "Đ" * 80
    fitted = fit_text(word, FONT_BOLD, 30, 360)
    assert fitted.size == MIN_FONT_PX
    assert "".join(fitted.lines) == word
    assert all(fitted.font.getlength(line) <= 360 for line in fitted.lines)
    img = render_ticket(sample_ticket(procedure_name=word), 384)
    assert not column_has_ink(img, 0) and not column_has_ink(img, 383)


VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
    "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬEÈẺẼÉẸÊỀỂỄẾỆIÌỈĨÍỊOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢUÙỦŨÚỤƯỪỬỮỨỰYỲỶỸÝỴĐ–"
)


@pytest.mark.parametrize("path", [FONT_REGULAR, FONT_BOLD, FONT_CONDENSED_BOLD])
def test_every_vietnamese_letter_has_a_glyph(path) -> None:
    f = font(path, 24)

    def glyph(ch: str) -> bytes:
        img = Image.new("L", (48, 48), 0)
        ImageDraw.Draw(img).text((8, 8), ch, font=f, fill=255)
        return img.tobytes()

    tofu = glyph("\U0010fffd")  # a code point no font covers: the "missing" box
    missing = [ch for ch in VIETNAMESE if glyph(ch) == tofu or not any(glyph(ch))]
    assert missing == []


def test_diacritics_are_drawn() -> None:
    plain = render_ticket(sample_ticket(service_name="Dang ky kinh doanh"), 384)
    marked = render_ticket(sample_ticket(service_name="Đăng ký kinh doanh"), 384)
    assert plain.tobytes() != marked.tobytes()


def test_decomposed_text_prints_like_composed_text() -> None:
    name = "Lao động – Thương binh và Xã hội"
    nfc = render_ticket(sample_ticket(service_name=unicodedata.normalize("NFC", name)), 384)
    nfd = render_ticket(sample_ticket(service_name=unicodedata.normalize("NFD", name)), 384)
    assert nfc.tobytes() == nfd.tobytes()
    # …whatever the layout engine: the lines are composed before they are drawn.
    fitted = fit_text(unicodedata.normalize("NFD", name), FONT_BOLD, 22, 360)
    assert " ".join(fitted.lines) == unicodedata.normalize("NFC", name)


def test_vietnamese_and_english_labels_differ() -> None:
    vi = render_ticket(sample_ticket("vi"), 576)
    en = render_ticket(sample_ticket("en"), 576)
    assert vi.tobytes() != en.tobytes()
    # Same QR either way.
    assert qr_texts(vi) == qr_texts(en)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        sample_ticket("fr")  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [384, 576])
@pytest.mark.parametrize("number", ["1023", "A005", "999"])
def test_number_is_as_big_as_the_width_allows(width: int, number: str) -> None:
    m = _Metrics(width=width, scale=width / 384)
    block = _number_block(number, m)
    box = black_box(block)
    assert box is not None
    ink_w, ink_h = box[2] - box[0], box[3] - box[1]
    # Either it spans (nearly) the column, or it hit the height cap of ~15 mm.
    assert ink_w >= 0.85 * m.content or ink_h >= m.px(110)
    assert ink_h >= 0.2 * width  # ≥ 1 cm on 58 mm paper


def test_priority_label_adds_a_banner() -> None:
    plain = render_ticket(sample_ticket(), 384)
    priority = render_ticket(sample_ticket(priority_label="Người cao tuổi"), 384)
    assert priority.height > plain.height + 30


def test_optional_fields_may_be_missing() -> None:
    img = render_ticket(sample_ticket(procedure_name=None, footer=None, priority_label="  "), 384)
    assert qr_texts(img) == [sample_ticket().tracking_url]


def test_rendering_is_deterministic() -> None:
    t = sample_ticket(issued_at=datetime(2026, 1, 2, 16, 45))
    assert render_ticket(t, 576).tobytes() == render_ticket(t, 576).tobytes()
