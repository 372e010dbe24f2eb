"""Every event type said in plain Vietnamese and English (server/queries/audit_text.py):
a sample of each type, so a new type without words fails here."""

from datetime import UTC, datetime
from typing import Any

import pytest

from motcua.demo import SAMPLE
from protocol.admin import AlertKind, AlertPublic
from protocol.commands import RatingPublic
from protocol.enums import CounterStatus, TicketStatus
from protocol.events import EventType as T
from protocol.snapshot import CounterState, TicketPublic
from server.centre import load_centre_file
from server.queries.audit_text import Names, audit_row

AT = datetime(2026, 3, 5, 2, 12, 4, tzinfo=UTC)  # 09:12:04 in Hà Nội
NAMES = Names(
    cfg=load_centre_file(SAMPLE),
    users={"lan": "Nguyễn Thị Lan", "admin": "Quản trị viên", "giamsat": None},
    devices={"kiosk-1": "kiosk", "rating-pad-1": "rating-pad"},
)
TICKET = TicketPublic(
    id=7, number="4023", service_id="tu-phap", status=TicketStatus.CALLED, counter_id=5,
    issued_at=AT,
)  # fmt: skip
COUNTER = CounterState(
    id=5, name="Quầy 5", services=["tu-phap"], status=CounterStatus.OPEN, clerk="Nguyễn Thị Lan"
)
ALERT = AlertPublic(
    id="long-wait:7", kind=AlertKind.LONG_WAIT, site="trung-tam-tinh", since=AT,
    text="Số 4023 đã chờ 65 phút", text_en="Number 4023 has waited 65 min", ticket_id=7,
)  # fmt: skip
AT_COUNTER = {"ticket": TICKET, "counter": COUNTER}
LAN, KIOSK, SYSTEM = "user:lan", "device:kiosk-1", "system"

# type -> (actor, data, expected Vietnamese, expected English)
SAMPLES: dict[T, tuple[str, dict[str, Any], str, str]] = {
    T.TICKET_ISSUED: (
        KIOSK, {"ticket": TICKET, "position": 3},
        "Kiosk kiosk-1 cấp số 4023 — Tư pháp — lúc 09:12:04",
        "Kiosk kiosk-1 issued number 4023 — Justice — at 09:12:04",
    ),
    T.TICKET_CALLED: (
        LAN, AT_COUNTER,
        "Nguyễn Thị Lan gọi số 4023 tại quầy 5 lúc 09:12:04",
        "Nguyễn Thị Lan called number 4023 to counter 5 at 09:12:04",
    ),
    T.TICKET_RECALLED: (
        LAN, AT_COUNTER,
        "Nguyễn Thị Lan gọi lại số 4023 tại quầy 5 lúc 09:12:04",
        "Nguyễn Thị Lan called number 4023 again to counter 5 at 09:12:04",
    ),
    T.TICKET_STARTED: (
        LAN, AT_COUNTER,
        "Nguyễn Thị Lan bắt đầu phục vụ số 4023 tại quầy 5 lúc 09:12:04",
        "Nguyễn Thị Lan started serving number 4023 at counter 5 at 09:12:04",
    ),
    T.TICKET_FINISHED: (
        LAN, AT_COUNTER,
        "Nguyễn Thị Lan hoàn thành số 4023 tại quầy 5 lúc 09:12:04",
        "Nguyễn Thị Lan finished number 4023 at counter 5 at 09:12:04",
    ),
    T.TICKET_NO_SHOW: (
        LAN, AT_COUNTER,
        "Nguyễn Thị Lan ghi vắng mặt số 4023 tại quầy 5 lúc 09:12:04",
        "Nguyễn Thị Lan marked number 4023 absent at counter 5 at 09:12:04",
    ),
    T.TICKET_RETURNED: (
        LAN, AT_COUNTER,
        "Nguyễn Thị Lan nhận lại số 4023 vào hàng chờ tại quầy 5 lúc 09:12:04",
        "Nguyễn Thị Lan took number 4023 back into the queue at counter 5 at 09:12:04",
    ),
    T.TICKET_TRANSFERRED: (
        LAN, {**AT_COUNTER, "from_service_id": "tu-phap", "to_service_id": "dat-dai"},
        "Nguyễn Thị Lan chuyển số 4023 từ quầy 5 sang lĩnh vực Đất đai lúc 09:12:04",
        "Nguyễn Thị Lan transferred number 4023 from counter 5 to the Land field at 09:12:04",
    ),
    T.TICKET_CANCELLED: (
        "user:giamsat", {"ticket": TICKET},
        "giamsat hủy số 4023 — Tư pháp — lúc 09:12:04",
        "giamsat cancelled number 4023 — Justice — at 09:12:04",
    ),
    T.TICKET_PRINT_FAILED: (
        KIOSK, {"ticket": TICKET, "device": "kiosk-1", "reason": "hết giấy"},
        "Kiosk kiosk-1 không in được số 4023 (hết giấy) lúc 09:12:04",
        "Kiosk kiosk-1 could not print number 4023 (hết giấy) at 09:12:04",
    ),
    T.COUNTER_OPENED: (
        LAN, {"counter": COUNTER},
        "Quầy 5 mở lúc 09:12:04 — Nguyễn Thị Lan",
        "Counter 5 opened at 09:12:04 — Nguyễn Thị Lan",
    ),
    T.COUNTER_PAUSED: (
        LAN, {"counter": COUNTER, "reason": "Họp giao ban"},
        "Quầy 5 tạm nghỉ (Họp giao ban) lúc 09:12:04 — Nguyễn Thị Lan",
        "Counter 5 paused (Họp giao ban) at 09:12:04 — Nguyễn Thị Lan",
    ),
    T.COUNTER_RESUMED: (
        LAN, {"counter": COUNTER},
        "Quầy 5 làm việc trở lại lúc 09:12:04 — Nguyễn Thị Lan",
        "Counter 5 resumed at 09:12:04 — Nguyễn Thị Lan",
    ),
    T.COUNTER_CLOSED: (
        LAN, {"counter": COUNTER},
        "Quầy 5 đóng lúc 09:12:04 — Nguyễn Thị Lan",
        "Counter 5 closed at 09:12:04 — Nguyễn Thị Lan",
    ),
    T.RATING_SUBMITTED: (
        "device:rating-pad-1",
        {
            "rating": RatingPublic(
                ticket_id=7, counter_id=5, clerk="Nguyễn Thị Lan", level="satisfied",
                reasons=[], at=AT,
            ),
            "number": "4023",
        },
        "Công dân số 4023 đánh giá quầy 5: Hài lòng lúc 09:12:04",
        "Number 4023 rated counter 5: Satisfied at 09:12:04",
    ),
    T.DAY_CLOSED: (
        SYSTEM, {"day": "2026-03-04", "new_day": "2026-03-05", "cancelled": [1, 2, 3]},
        "Hệ thống kết thúc ngày 04/03/2026, hủy 3 số còn chờ, lúc 09:12:04",
        "System closed the day 2026-03-04, cancelling 3 waiting numbers, at 09:12:04",
    ),
    T.CONFIG_CHANGED: (
        "user:admin", {"version": 4},
        "Quản trị viên thay đổi cấu hình trung tâm (phiên bản 4) lúc 09:12:04",
        "Quản trị viên changed the centre's configuration (version 4) at 09:12:04",
    ),
    T.TICKET_MOVED: (
        "user:admin", {"ticket": TICKET, "reason": "Người khuyết tật"},
        "Quản trị viên đưa số 4023 lên đầu hàng chờ Tư pháp (Người khuyết tật) lúc 09:12:04",
        "Quản trị viên moved number 4023 to the front of Justice (Người khuyết tật) at 09:12:04",
    ),
    T.USER_CHANGED: (
        "user:admin", {"username": "lan", "change": "created", "role": "clerk"},
        "Quản trị viên tạo tài khoản lan (cán bộ) lúc 09:12:04",
        "Quản trị viên created account lan (clerk) at 09:12:04",
    ),
    T.DEVICE_CHANGED: (
        "user:admin", {"name": "kiosk-2", "change": "added", "role": "kiosk"},
        "Quản trị viên thêm thiết bị kiosk-2 (kiosk) lúc 09:12:04",
        "Quản trị viên added device kiosk-2 (kiosk) at 09:12:04",
    ),
    T.LOGIN_REFUSED: (
        SYSTEM, {"username": "lan", "address": "10.0.0.7", "retry_after_s": 300},
        "Tạm khóa đăng nhập tài khoản lan (từ 10.0.0.7) sau nhiều lần sai mật khẩu,"
        " trong 300 giây, lúc 09:12:04",
        "Logins to account lan (from 10.0.0.7) refused after too many failures,"
        " for 300 s, at 09:12:04",
    ),
    T.ALERT_RAISED: (
        SYSTEM, {"alert": ALERT},
        "Cảnh báo: Số 4023 đã chờ 65 phút lúc 09:12:04",
        "Alert: Number 4023 has waited 65 min at 09:12:04",
    ),
    T.ALERT_CLEARED: (
        SYSTEM, {"alert": ALERT},
        "Hết cảnh báo: Số 4023 đã chờ 65 phút lúc 09:12:04",
        "Alert over: Number 4023 has waited 65 min at 09:12:04",
    ),
    T.ALERT_ACKED: (
        "user:giamsat", {"alert": ALERT},
        "giamsat đã nhận cảnh báo: Số 4023 đã chờ 65 phút lúc 09:12:04",
        "giamsat acknowledged the alert: Number 4023 has waited 65 min at 09:12:04",
    ),
    T.APPOINTMENT_BOOKED: (
        "public:phone", {"code": "AB12CD34", "service_id": "tu-phap", "slot_start": AT},
        "Công dân (qua điện thoại) đặt lịch hẹn AB12CD34 — Tư pháp — khung giờ 09:12 05/03/2026"
        " lúc 09:12:04",
        "A citizen (by phone) booked AB12CD34 — Justice — for 09:12 05/03/2026 at 09:12:04",
    ),
    T.APPOINTMENT_CANCELLED: (
        "public:phone", {"code": "AB12CD34", "service_id": "tu-phap", "slot_start": AT},
        "Công dân (qua điện thoại) hủy lịch hẹn AB12CD34 — Tư pháp — khung giờ 09:12 05/03/2026"
        " lúc 09:12:04",
        "A citizen (by phone) cancelled booking AB12CD34 — Justice — for 09:12 05/03/2026"
        " at 09:12:04",
    ),
    T.PERSONAL_DATA_ERASED: (
        "user:giamsat", {"consents": 2, "tickets": 1, "appointments": 1},
        "giamsat xóa dữ liệu cá nhân theo yêu cầu (1 số, 1 lịch hẹn) lúc 09:12:04",
        "giamsat erased a person's data on request (1 numbers, 1 bookings) at 09:12:04",
    ),
}  # fmt: skip


def row(type_: str, actor: str, data: dict[str, Any]) -> Any:
    stored = {
        k: v.model_dump(mode="json") if hasattr(v, "model_dump") else v for k, v in data.items()
    }
    return audit_row(42, AT, type_, actor, {"actor": actor, **stored}, NAMES)


def test_every_event_type_has_a_sample() -> None:
    assert set(SAMPLES) == set(T)


@pytest.mark.parametrize("type_", list(T), ids=str)
def test_every_event_type_is_said_in_both_languages(type_: T) -> None:
    actor, data, vi, en = SAMPLES[type_]
    r = row(type_.value, actor, data)
    assert (r.text, r.text_en) == (vi, en)
    assert "…" not in r.text + r.text_en  # every slot of the template filled


@pytest.mark.parametrize(
    ("kind", "change", "vi", "en"),
    [
        ("user", "created", "tạo tài khoản lan (cán bộ)", "created account lan (clerk)"),
        ("user", "updated", "sửa tài khoản lan", "updated account lan"),
        ("user", "password", "đặt mật khẩu mới cho tài khoản lan", "set a new password for"),
        ("user", "disabled", "khóa tài khoản lan", "disabled account lan"),
        ("user", "enabled", "mở khóa tài khoản lan", "enabled account lan"),
        ("user", "renamed", "thay đổi tài khoản lan (renamed)", "changed account lan (renamed)"),
        ("device", "added", "thêm thiết bị pad-5 (thiết bị đánh giá)", "added device pad-5"),
        ("device", "revoked", "thu hồi thiết bị pad-5", "revoked device pad-5"),
    ],
)
def test_each_change_of_an_account_or_device_has_its_words(
    kind: str, change: str, vi: str, en: str
) -> None:
    if kind == "user":
        data = {"username": "lan", "change": change, "role": "clerk"}
        r = row(T.USER_CHANGED.value, "user:admin", data)
    else:
        data = {"name": "pad-5", "change": change, "role": "rating-pad"}
        r = row(T.DEVICE_CHANGED.value, "user:admin", data)
    assert r.text.startswith(f"Quản trị viên {vi}"), r.text
    assert r.text_en.startswith(f"Quản trị viên {en}"), r.text_en


def test_the_row_carries_who_counter_and_number() -> None:
    r = row(T.TICKET_CALLED.value, LAN, AT_COUNTER)
    assert (r.actor, r.actor_name, r.counter, r.number) == (LAN, "Nguyễn Thị Lan", 5, "4023")
    pad = row(T.RATING_SUBMITTED.value, "device:rating-pad-1", SAMPLES[T.RATING_SUBMITTED][1])
    assert pad.actor_name == "Thiết bị đánh giá rating-pad-1"
    assert (pad.counter, pad.number) == (5, "4023")
    assert row(T.DAY_CLOSED.value, "system:system", SAMPLES[T.DAY_CLOSED][1]).actor_name == (
        "Hệ thống"
    )


def test_an_event_that_no_longer_fits_its_type_is_still_shown() -> None:
    r = row(T.TICKET_CALLED.value, LAN, {"ticket": {"id": 7}})
    assert r.text == "Nguyễn Thị Lan: ticket.called lúc 09:12:04"
    assert r.text_en == "Nguyễn Thị Lan: ticket.called at 09:12:04"
    unknown = row("ticket.teleported", "device:gone", {})
    assert unknown.text == "gone: ticket.teleported lúc 09:12:04"
