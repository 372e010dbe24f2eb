"""Ticket wording, status-byte parsing, and building a ticket from the server's answer."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from kiosk_app.printing import ERROR_CODES, PrintError, ticket_print_from_issued
from kiosk_app.printing.errors import parse_cover_open, parse_online, parse_paper
from kiosk_app.printing.labels import issued_line, people_ahead_line, priority_line, wait_line
from protocol.enums import TicketStatus
from protocol.snapshot import Catalog, PriorityGroup, ProcedureInfo, ServiceInfo, TicketIssued


@pytest.mark.parametrize(
    ("seconds", "vi", "en"),
    [
        (0, "Thời gian chờ dự kiến: dưới 1 phút", "Estimated wait: under 1 min"),
        (1, "Thời gian chờ dự kiến: khoảng 1 phút", "Estimated wait: about 1 min"),
        (60, "Thời gian chờ dự kiến: khoảng 1 phút", "Estimated wait: about 1 min"),
        (61, "Thời gian chờ dự kiến: khoảng 2 phút", "Estimated wait: about 2 min"),
        (25 * 60, "Thời gian chờ dự kiến: khoảng 25 phút", "Estimated wait: about 25 min"),
        (3600, "Thời gian chờ dự kiến: khoảng 60 phút", "Estimated wait: about 60 min"),
        (
            3600 + 5 * 60,
            "Thời gian chờ dự kiến: khoảng 1 giờ 5 phút",
            "Estimated wait: about 1 h 5 min",
        ),
    ],
)
def test_wait_is_rounded_up_to_minutes(seconds: int, vi: str, en: str) -> None:
    assert wait_line("vi", seconds) == vi
    assert wait_line("en", seconds) == en


def test_fixed_labels() -> None:
    at = datetime(2025, 3, 9, 7, 4)
    assert people_ahead_line("vi", 3) == "Số người đang chờ trước bạn: 3"
    assert people_ahead_line("en", 0) == "People ahead of you: 0"
    assert issued_line("vi", at) == "Lấy số lúc 07:04, ngày 09/03/2025"
    assert issued_line("en", at) == "Issued at 07:04 on 09/03/2025"
    # A test print takes no number: it says when it was printed.
    assert issued_line("vi", at, test_print=True) == "In lúc 07:04, ngày 09/03/2025"
    assert issued_line("en", at, test_print=True) == "Printed at 07:04 on 09/03/2025"
    assert priority_line("vi", "Người cao tuổi") == "Ưu tiên: Người cao tuổi"
    assert priority_line("vi", "Ưu tiên: Thương binh") == "Ưu tiên: Thương binh"
    assert priority_line("en", " Elderly ") == "Priority: Elderly"


@pytest.mark.parametrize(
    ("byte", "online"), [(0x12, True), (0x16, True), (0x1A, False), (0x1E, False), (0x00, None)]
)
def test_dle_eot_1_printer_status(byte: int, online: bool | None) -> None:
    assert parse_online(byte) is online  # bit 3 = off line


@pytest.mark.parametrize(
    ("byte", "cover"), [(0x12, False), (0x16, True), (0x32, False), (0x36, True), (0xFF, None)]
)
def test_dle_eot_2_offline_cause(byte: int, cover: bool | None) -> None:
    assert parse_cover_open(byte) is cover  # bit 2 = cover open


@pytest.mark.parametrize(
    ("byte", "paper"),
    [
        (0x12, "ok"),
        (0x1E, "near-end"),  # bits 2-3
        (0x72, "out"),  # bits 5-6
        (0x7E, "out"),  # near end and end: out wins
        (0x32, "out"),  # one end bit is enough (escpos' own mask would say "adequate")
        (0x00, "unknown"),  # not a status byte: fixed bits wrong
        (0xFF, "unknown"),
        (ord("8"), "unknown"),
    ],
)
def test_dle_eot_4_paper_sensor(byte: int, paper: str) -> None:
    assert parse_paper(byte) == paper


def test_print_error_has_stable_code_and_survives_pickling() -> None:
    err = PrintError("paper-out", "Máy in hết giấy")
    assert (err.code, err.message_vi) == ("paper-out", "Máy in hết giấy")
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.message_vi) == (err.code, err.message_vi)
    assert {"offline", "paper-out", "io-error", "timeout"} <= ERROR_CODES
    with pytest.raises(ValueError):
        PrintError("on-fire", "?")


def catalog() -> Catalog:
    return Catalog(
        site="qn",
        name="Trung tâm Phục vụ hành chính công tỉnh Quảng Nam",
        name_en="Quang Nam Public Administration Service Centre",
        timezone="Asia/Ho_Chi_Minh",
        hours={"mon": ["07:30", "17:00"]},
        services=[
            ServiceInfo(
                id="dkkd",
                name="Đăng ký kinh doanh",
                name_en="Business registration",
                procedures=[ProcedureInfo(id="hkd", name="Thành lập hộ kinh doanh")],
            )
        ],
        counters=[],
        priority_groups=[PriorityGroup(code="elderly", name="Người cao tuổi", name_en="Elderly")],
        rating_levels=[],
        rating_reasons=[],
        pause_reasons=[],
        ticket_footer="Xin cảm ơn!",
        announcement_template="Mời số {number} đến quầy {counter}",
        number_reading="digits",
    )


def issued(**changes: object) -> TicketIssued:
    fields: dict[str, object] = {
        "id": 1,
        "number": "1023",
        "service_id": "dkkd",
        "procedure_id": "hkd",
        "status": TicketStatus.WAITING,
        "issued_at": datetime(2025, 11, 22, 1, 5, tzinfo=UTC),
        "position": 8,
        "ahead": 7,
        "estimated_wait_s": 860,
        "tracking_code": "7KX9-2QF4",
        "tracking_url": "https://motcua.example.vn/t/7KX9-2QF4",
        "service_name": "Đăng ký kinh doanh",
        "procedure_name": "Thành lập hộ kinh doanh",
    }
    fields.update(changes)
    return TicketIssued(**fields)  # type: ignore[arg-type]


def test_ticket_from_server_answer_in_vietnamese() -> None:
    t = ticket_print_from_issued(issued(priority="elderly"), catalog())
    assert t.site_name == "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam"
    assert t.service_name == "Đăng ký kinh doanh"
    assert t.procedure_name == "Thành lập hộ kinh doanh"
    assert (t.number, t.ahead, t.estimated_wait_s) == ("1023", 7, 860)
    assert t.issued_at.replace(tzinfo=None) == datetime(2025, 11, 22, 8, 5)  # UTC+7
    assert t.priority_label == "Người cao tuổi"
    assert t.footer == "Xin cảm ơn!"
    assert t.tracking_url == "https://motcua.example.vn/t/7KX9-2QF4"


def test_ticket_from_server_answer_in_english() -> None:
    t = ticket_print_from_issued(issued(priority="elderly"), catalog(), language="en")
    assert t.site_name == "Quang Nam Public Administration Service Centre"
    assert t.service_name == "Business registration"
    assert t.priority_label == "Elderly"
    assert t.language == "en"


def test_unknown_priority_code_is_still_shown() -> None:
    t = ticket_print_from_issued(issued(priority="veteran"), catalog())
    assert t.priority_label == "veteran"
    assert ticket_print_from_issued(issued(), catalog()).priority_label is None
