"""Printer URLs: every form the installer may type, and the mistakes they make."""

from __future__ import annotations

import pytest

from kiosk_app.printing import PrinterSpec, PrinterUrlError, parse_printer_url

GOOD: list[tuple[str, PrinterSpec, str]] = [
    (
        "network://192.168.1.50:9100",
        PrinterSpec("network", host="192.168.1.50", port=9100),
        "network://192.168.1.50:9100",
    ),
    (
        "network://printer-tang1.local",
        PrinterSpec("network", host="printer-tang1.local", port=9100),
        "network://printer-tang1.local:9100",
    ),
    (
        "NETWORK://10.0.0.7:9101/",
        PrinterSpec("network", host="10.0.0.7", port=9101),
        "network://10.0.0.7:9101",
    ),
    ("network://[::1]:9100", PrinterSpec("network", host="::1", port=9100), "network://[::1]:9100"),
    (
        "usb://04b8:0202",
        PrinterSpec("usb", vendor_id=0x04B8, product_id=0x0202, in_ep=0x82, out_ep=0x01),
        "usb://04b8:0202",
    ),
    (
        "usb://0x0416:0x5011?in_ep=0x81&out_ep=0x03",
        PrinterSpec("usb", vendor_id=0x0416, product_id=0x5011, in_ep=0x81, out_ep=0x03),
        "usb://0416:5011?in_ep=0x81&out_ep=0x03",
    ),
    (
        "usb://1FC9:2016",
        PrinterSpec("usb", vendor_id=0x1FC9, product_id=0x2016, in_ep=0x82, out_ep=0x01),
        "usb://1fc9:2016",
    ),
    (
        "serial:///dev/ttyUSB0?baudrate=9600",
        PrinterSpec("serial", device="/dev/ttyUSB0", baudrate=9600),
        "serial:///dev/ttyUSB0?baudrate=9600",
    ),
    (
        "serial:///dev/ttyS1",
        PrinterSpec("serial", device="/dev/ttyS1", baudrate=9600),
        "serial:///dev/ttyS1?baudrate=9600",
    ),
    (
        "serial://COM3?baudrate=115200",
        PrinterSpec("serial", device="COM3", baudrate=115200),
        "serial://COM3?baudrate=115200",
    ),
    ("file:///dev/usb/lp0", PrinterSpec("file", device="/dev/usb/lp0"), "file:///dev/usb/lp0"),
    ("cups://ve_tang1", PrinterSpec("cups", queue="ve_tang1"), "cups://ve_tang1"),
    ("dummy://", PrinterSpec("dummy"), "dummy://"),
    ("  dummy://  ", PrinterSpec("dummy"), "dummy://"),
    (
        "dummy://?fail=paper-out&delay=1.5",
        PrinterSpec("dummy", fail="paper-out", delay_s=1.5),
        "dummy://?fail=paper-out&delay=1.5",
    ),
]


@pytest.mark.parametrize(("url", "spec", "canonical"), GOOD, ids=[g[0] for g in GOOD])
def test_good_urls(url: str, spec: PrinterSpec, canonical: str) -> None:
    parsed = parse_printer_url(url)
    assert parsed == spec
    assert parsed.url == canonical
    assert parse_printer_url(parsed.url) == parsed  # the canonical form parses back


BAD: list[tuple[str, str]] = [
    ("", "Chưa khai báo"),
    ("   ", "Chưa khai báo"),
    ("192.168.1.50:9100", "thiếu phần loại kết nối"),
    ("http://192.168.1.50", "không được hỗ trợ"),
    ("tcp://192.168.1.50:9100", "không được hỗ trợ"),
    ("network://", "thiếu tên hoặc địa chỉ IP"),
    ("network://:9100", "thiếu tên hoặc địa chỉ IP"),
    ("network://192.168.1.50:abc", "cổng phải là số"),
    ("network://192.168.1.50:0", "cổng phải nằm trong khoảng"),
    ("network://192.168.1.50:70000", "cổng phải nằm trong khoảng"),
    ("network://192.168.1.50:-1", "cổng phải là số"),
    ("network://192.168.1.50:9100/queue", "chỉ cần máy chủ và cổng"),
    ("network://192.168.1.50?timeout=3", "không nhận tham số 'timeout'"),
    ("network://admin@192.168.1.50", "tên đăng nhập"),
    ("network://bad host", "không hợp lệ"),
    ("network://[::1", "sai cú pháp"),
    ("network://192.168.1.50:9100#x", "#"),
    ("usb://", "usb://VID:PID"),
    ("usb://04b8", "usb://VID:PID"),
    ("usb://04b8:", "usb://VID:PID"),
    ("usb://zzzz:0202", "mã hãng (VID)"),
    ("usb://04b8:12345", "mã sản phẩm (PID)"),
    ("usb://04b8:0202?in_ep=1", "in_ep phải nằm trong khoảng"),
    ("usb://04b8:0202?endpoint=1", "không nhận tham số 'endpoint'"),
    ("serial://", "thiếu tên cổng"),
    ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate phải là số"),
    ("serial:///dev/ttyUSB0?baudrate=0", "baudrate phải nằm trong khoảng"),
    ("serial:///dev/ttyUSB0?baud=9600", "không nhận tham số 'baud'"),
    ("serial:///dev/ttyUSB0?baudrate=9600&baudrate=19200", "bị lặp lại"),
    ("serial://dev/ttyUSB0", "ba dấu /"),
    ("file://", "thiếu đường dẫn"),
    ("file://dev/usb/lp0", "phải tuyệt đối"),
    ("file:///dev/usb/", "thiếu đường dẫn"),
    ("cups://", "tên hàng đợi CUPS"),
    ("cups://server/queue", "cups://ten_hang_doi"),
    ("dummy://x", "dummy://"),
    ("dummy://?fail=fire", "fail phải là một trong"),
    ("dummy://?delay=soon", "delay phải là số giây"),
    ("dummy://?delay=600", "delay phải nằm trong khoảng"),
]


@pytest.mark.parametrize(("url", "says"), BAD, ids=[b[0] or "<empty>" for b in BAD])
def test_bad_urls_say_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(PrinterUrlError) as info:
        parse_printer_url(url)
    assert isinstance(info.value, ValueError)
    assert says in str(info.value)


def test_non_string_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_printer_url(None)  # type: ignore[arg-type]
