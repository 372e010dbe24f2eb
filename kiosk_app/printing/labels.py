"""The fixed wording printed on a ticket, in Vietnamese and English.

Kept apart from the layout so the wording can be reviewed (and fixed) by someone who
does not read Python drawing code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")


@dataclass(frozen=True)
class Labels:
    your_number: str
    people_ahead: str  # followed by ": N"
    wait_about: str  # "{duration}" is replaced
    wait_under_minute: str
    minutes: str  # "{n}"
    hours_minutes: str  # "{h}", "{m}"
    scan_to_follow: str
    issued: str  # "{time}", "{date}"
    printed: str  # the same for a test print: when it was printed, not a number taken
    priority: str  # prefix of the priority banner
    test_banner: str  # a test print, top and bottom: never taken for a real ticket
    test_service: str
    test_procedure: str
    test_qr: str  # under a test print's QR code (which leads nowhere)


LABELS: dict[Language, Labels] = {
    "vi": Labels(
        your_number="Số thứ tự",
        people_ahead="Số người đang chờ trước bạn",
        wait_about="Thời gian chờ dự kiến: khoảng {duration}",
        wait_under_minute="Thời gian chờ dự kiến: dưới 1 phút",
        minutes="{n} phút",
        hours_minutes="{h} giờ {m} phút",
        scan_to_follow="Quét mã để theo dõi lượt",
        issued="Lấy số lúc {time}, ngày {date}",
        printed="In lúc {time}, ngày {date}",
        priority="Ưu tiên",
        test_banner="IN THỬ — KHÔNG PHẢI PHIẾU SỐ THỨ TỰ",
        test_service="Phiếu in thử của máy lấy số",
        test_procedure="Kiểm tra máy in, khổ giấy, chữ có dấu và mã QR",
        test_qr="Mã QR in thử: không dẫn đến trang nào",
    ),
    "en": Labels(
        your_number="Your number",
        people_ahead="People ahead of you",
        wait_about="Estimated wait: about {duration}",
        wait_under_minute="Estimated wait: under 1 min",
        minutes="{n} min",
        hours_minutes="{h} h {m} min",
        scan_to_follow="Scan to follow your turn",
        issued="Issued at {time} on {date}",
        printed="Printed at {time} on {date}",
        priority="Priority",
        test_banner="TEST PRINT — NOT A QUEUE TICKET",
        test_service="Test print of the ticket kiosk",
        test_procedure="Checks the printer, paper width, Vietnamese letters and QR code",
        test_qr="Test QR code: leads nowhere",
    ),
}


def labels_for(language: str) -> Labels:
    try:
        return LABELS[language]  # type: ignore[index]
    except KeyError:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}") from None


def people_ahead_line(language: str, ahead: int) -> str:
    return f"{labels_for(language).people_ahead}: {ahead}"


def wait_line(language: str, seconds: int) -> str:
    """Round UP to whole minutes: promising 5 min and taking 6 annoys more than the reverse."""
    lab = labels_for(language)
    if seconds <= 0:
        return lab.wait_under_minute
    minutes = -(-seconds // 60)
    if minutes < 60:
        duration = lab.minutes.format(n=minutes)
    elif minutes % 60 == 0:
        # "khoảng 2 giờ 0 phút" reads badly; say "about 120 min" instead.
        duration = lab.minutes.format(n=minutes)
    else:
        duration = lab.hours_minutes.format(h=minutes // 60, m=minutes % 60)
    return lab.wait_about.format(duration=duration)


def issued_line(language: str, at: datetime, *, test_print: bool = False) -> str:
    """ "Lấy số lúc …" on a ticket; "In lúc …" on a test print (no number was taken).
    dd/mm/yyyy in both languages: the ticket is used in Vietnam, where that is the norm."""
    lab = labels_for(language)
    return (lab.printed if test_print else lab.issued).format(
        time=at.strftime("%H:%M"), date=at.strftime("%d/%m/%Y")
    )


def priority_line(language: str, label: str) -> str:
    """ "Ưu tiên: Người cao tuổi" — the catalog's group name alone ("Người cao tuổi")
    does not say why the ticket is special; a label that already says so is kept."""
    prefix = labels_for(language).priority
    label = label.strip()
    if label.lower().startswith(prefix.lower()):
        return label
    return f"{prefix}: {label}"
