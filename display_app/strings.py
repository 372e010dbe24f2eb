"""The display's texts (Vietnamese, English) and its date format.

Registered once on import, under the "display." prefix (clientkit.i18n rule).
"""

from __future__ import annotations

from datetime import datetime

from clientkit import i18n

i18n.register(
    {
        "display.counter": ("Quầy {n}", "Counter {n}"),
        "display.counter_caps": ("QUẦY {n}", "COUNTER {n}"),
        "display.counter_word": ("QUẦY", "COUNTER"),
        "display.call_over": ("Mời theo dõi số tiếp theo", "Please watch for the next number"),
        "display.paused": ("Tạm nghỉ", "On break"),
        "display.closed": ("Đóng", "Closed"),
        "display.now_calling": ("MỜI CÔNG DÂN CÓ SỐ", "NOW CALLING"),
        "display.to_counter": ("ĐẾN QUẦY {n}", "TO COUNTER {n}"),
        "display.recall": ("GỌI LẠI", "CALLED AGAIN"),
        "display.no_calls": ("Chưa gọi số nào", "No number called yet"),
        "display.recent": ("Số vừa gọi", "Recently called"),
        "display.waiting": ("Đang chờ", "Waiting"),
        "display.other_fields": ("+{n} lĩnh vực khác", "+{n} other fields"),
        "display.nobody_waiting": ("Hiện không có ai đang chờ", "Nobody is waiting"),
        "display.loading": ("Đang tải…", "Loading…"),
        "display.muted": ("Tắt tiếng", "Sound off"),
        "display.unknown_counter": ("Không có quầy {n}", "There is no counter {n}"),
        "display.weekday.0": ("Thứ Hai", "Monday"),
        "display.weekday.1": ("Thứ Ba", "Tuesday"),
        "display.weekday.2": ("Thứ Tư", "Wednesday"),
        "display.weekday.3": ("Thứ Năm", "Thursday"),
        "display.weekday.4": ("Thứ Sáu", "Friday"),
        "display.weekday.5": ("Thứ Bảy", "Saturday"),
        "display.weekday.6": ("Chủ Nhật", "Sunday"),
    }
)

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(moment: datetime) -> str:
    """ "Thứ Hai, 14/07/2025" / "Monday, 14 July 2025" (no locale: kiosk images have
    none installed, and Qt's offscreen build would fall back to English)."""
    weekday = i18n.tr(f"display.weekday.{moment.weekday()}")
    if i18n.language() == "en":
        return f"{weekday}, {moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}"
    return f"{weekday}, {moment:%d/%m/%Y}"


def format_clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"
