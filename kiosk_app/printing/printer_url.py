"""Printer URLs → a typed spec.

The kiosk's configuration names its printer with one URL string so that an
installer can switch between a network, USB or serial printer without touching
anything else. Everything is validated here, once, so a typo shows up as a clear
message at start-up instead of as an obscure driver error at the first ticket.

Accepted forms::

    network://host[:port]                 (port defaults to 9100, the raw-print port)
    usb://VID:PID[?in_ep=0x82&out_ep=0x01] (hex ids, as `lsusb` prints them)
    serial:///dev/ttyUSB0[?baudrate=9600]  (serial://COM3 on Windows)
    file:///dev/usb/lp0
    cups://queue
    dummy://[?fail=paper-out&delay=1.5]    (keeps the bytes in memory: tests, demos;
                                           `fail` makes every job fail with that code,
                                           `delay` makes each job take that many seconds,
                                           so the kiosk's error screens can be tried
                                           without hardware)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

PrinterKind = Literal["network", "usb", "serial", "file", "cups", "dummy"]

KINDS: tuple[PrinterKind, ...] = ("network", "usb", "serial", "file", "cups", "dummy")
DEFAULT_NETWORK_PORT = 9100
DEFAULT_BAUDRATE = 9600
# Endpoints python-escpos assumes; most Epson-compatible printers use them.
DEFAULT_USB_IN_EP = 0x82
DEFAULT_USB_OUT_EP = 0x01

# Failures a dummy printer can be told to simulate (codes of `errors.PrintError`).
DUMMY_FAILURES = ("offline", "paper-out", "cover-open", "timeout", "io-error")

_HEX16 = re.compile(r"^(?:0x)?([0-9a-fA-F]{1,4})$")
# Host names and IPv4 literals; IPv6 literals come bracketed and are checked apart.
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9\-_.]*[A-Za-z0-9])?$")
# CUPS queue names: printable, no "/", "#" or whitespace (lpadmin's own rule).
_CUPS_QUEUE = re.compile(r"^[^\s/#]+$")


class PrinterUrlError(ValueError):
    """A printer URL that cannot be used. The message is for the installer (Vietnamese)."""


@dataclass(frozen=True)
class PrinterSpec:
    """Where the ticket printer is. Only the fields of its `kind` are set."""

    kind: PrinterKind
    host: str | None = None  # network
    port: int | None = None  # network
    vendor_id: int | None = None  # usb
    product_id: int | None = None  # usb
    in_ep: int | None = None  # usb
    out_ep: int | None = None  # usb
    device: str | None = None  # serial, file: a device path (or COMn)
    baudrate: int | None = None  # serial
    queue: str | None = None  # cups
    fail: str | None = None  # dummy: error code every job fails with
    delay_s: float = 0.0  # dummy: seconds each job takes

    @property
    def url(self) -> str:
        """The canonical URL (what logs and the admin screen show)."""
        if self.kind == "network":
            host = f"[{self.host}]" if self.host and ":" in self.host else self.host
            return f"network://{host}:{self.port}"
        if self.kind == "usb":
            base = f"usb://{self.vendor_id:04x}:{self.product_id:04x}"
            if (self.in_ep, self.out_ep) != (DEFAULT_USB_IN_EP, DEFAULT_USB_OUT_EP):
                base += f"?in_ep={self.in_ep:#04x}&out_ep={self.out_ep:#04x}"
            return base
        if self.kind == "serial":
            return f"serial://{self.device}?baudrate={self.baudrate}"
        if self.kind == "file":
            return f"file://{self.device}"
        if self.kind == "cups":
            return f"cups://{self.queue}"
        params = []
        if self.fail:
            params.append(f"fail={self.fail}")
        if self.delay_s:
            params.append(f"delay={self.delay_s:g}")
        return "dummy://" + ("?" + "&".join(params) if params else "")

    def __str__(self) -> str:
        return self.url


def _fail(url: str, why: str) -> PrinterUrlError:
    return PrinterUrlError(f"Địa chỉ máy in không hợp lệ: {url!r} — {why}")


def _query(url: str, query: str, allowed: set[str]) -> dict[str, str]:
    """Query parameters, refusing unknown ones: a misspelt option must not be ignored."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise _fail(url, "phần tham số (sau dấu ?) sai cú pháp") from None
    params: dict[str, str] = {}
    for key, value in pairs:
        if key not in allowed:
            names = ", ".join(sorted(allowed)) or "không có"
            raise _fail(url, f"không nhận tham số {key!r} (chỉ nhận: {names})")
        if key in params:
            raise _fail(url, f"tham số {key!r} bị lặp lại")
        params[key] = value
    return params


def _hex_id(url: str, text: str, what: str) -> int:
    m = _HEX16.match(text)
    if not m:
        raise _fail(
            url, f"{what} phải là số hệ 16 gồm 1–4 chữ số (ví dụ 04b8), không phải {text!r}"
        )
    return int(m.group(1), 16)


def _int_param(url: str, text: str, what: str, lo: int, hi: int) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise _fail(url, f"{what} phải là một số, không phải {text!r}") from None
    if not lo <= value <= hi:
        raise _fail(url, f"{what} phải nằm trong khoảng {lo}–{hi}, không phải {value}")
    return value


def _network(url: str, netloc: str, path: str, query: str) -> PrinterSpec:
    _query(url, query, set())
    if path not in ("", "/"):
        raise _fail(url, "máy in mạng chỉ cần máy chủ và cổng, ví dụ network://192.168.1.50:9100")
    if "@" in netloc:
        raise _fail(url, "không dùng tên đăng nhập trong địa chỉ máy in mạng")
    port_text: str | None = None
    if netloc.startswith("["):  # IPv6 literal: [::1]:9100 (urlsplit checked the "]")
        end = netloc.find("]")
        host, rest = netloc[1:end], netloc[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise _fail(url, "sau địa chỉ IPv6 chỉ được có :cổng")
            port_text = rest[1:]
        if not host or not re.fullmatch(r"[0-9A-Fa-f:.]+", host):
            raise _fail(url, f"địa chỉ IPv6 {host!r} không hợp lệ")
    else:
        host, sep, port_part = netloc.partition(":")
        if sep:
            port_text = port_part
        if not host:
            raise _fail(url, "thiếu tên hoặc địa chỉ IP của máy in, ví dụ network://192.168.1.50")
        if not _HOST.match(host):
            raise _fail(url, f"tên máy {host!r} không hợp lệ")
    port = DEFAULT_NETWORK_PORT
    if port_text is not None:
        if not port_text.isdigit():
            raise _fail(url, f"cổng phải là số từ 1 đến 65535, không phải {port_text!r}")
        port = _int_param(url, port_text, "cổng", 1, 65535)
    return PrinterSpec(kind="network", host=host, port=port)


def _usb(url: str, netloc: str, path: str, query: str) -> PrinterSpec:
    params = _query(url, query, {"in_ep", "out_ep"})
    if path not in ("", "/"):
        raise _fail(url, "máy in USB ghi dạng usb://VID:PID, ví dụ usb://04b8:0202")
    vid_text, sep, pid_text = netloc.partition(":")
    if not sep or not vid_text or not pid_text:
        raise _fail(url, "máy in USB ghi dạng usb://VID:PID, ví dụ usb://04b8:0202")
    in_ep = DEFAULT_USB_IN_EP
    out_ep = DEFAULT_USB_OUT_EP
    if "in_ep" in params:
        in_ep = _int_param(url, params["in_ep"], "in_ep", 0x80, 0x8F)
    if "out_ep" in params:
        out_ep = _int_param(url, params["out_ep"], "out_ep", 0x01, 0x0F)
    return PrinterSpec(
        kind="usb",
        vendor_id=_hex_id(url, vid_text, "mã hãng (VID)"),
        product_id=_hex_id(url, pid_text, "mã sản phẩm (PID)"),
        in_ep=in_ep,
        out_ep=out_ep,
    )


def _serial(url: str, netloc: str, path: str, query: str) -> PrinterSpec:
    params = _query(url, query, {"baudrate"})
    if netloc and path:
        raise _fail(url, "cổng nối tiếp ghi dạng serial:///dev/ttyUSB0 (ba dấu /)")
    device = path or netloc  # serial://COM3 → "COM3"
    if not device or device == "/":
        raise _fail(url, "thiếu tên cổng nối tiếp, ví dụ serial:///dev/ttyUSB0")
    baudrate = DEFAULT_BAUDRATE
    if "baudrate" in params:
        text = params["baudrate"]
        if not text.isdigit():
            raise _fail(url, f"baudrate phải là số, không phải {text!r}")
        baudrate = _int_param(url, text, "baudrate", 300, 4_000_000)
    return PrinterSpec(kind="serial", device=device, baudrate=baudrate)


def _file(url: str, netloc: str, path: str, query: str) -> PrinterSpec:
    _query(url, query, set())
    if netloc:
        raise _fail(url, "đường dẫn tệp phải tuyệt đối, ví dụ file:///dev/usb/lp0 (ba dấu /)")
    if not path or path == "/" or path.endswith("/"):
        raise _fail(url, "thiếu đường dẫn thiết bị, ví dụ file:///dev/usb/lp0")
    return PrinterSpec(kind="file", device=path)


def _cups(url: str, netloc: str, path: str, query: str) -> PrinterSpec:
    _query(url, query, set())
    if path not in ("", "/"):
        raise _fail(url, "hàng đợi CUPS ghi dạng cups://ten_hang_doi")
    if not netloc or not _CUPS_QUEUE.match(netloc):
        raise _fail(url, "thiếu hoặc sai tên hàng đợi CUPS, ví dụ cups://may_in_ve")
    return PrinterSpec(kind="cups", queue=netloc)


def _dummy(url: str, netloc: str, path: str, query: str) -> PrinterSpec:
    if netloc or path not in ("", "/"):
        raise _fail(url, "máy in giả ghi là dummy:// (có thể thêm ?fail=paper-out&delay=1)")
    params = _query(url, query, {"fail", "delay"})
    fail = params.get("fail") or None
    if fail is not None and fail not in DUMMY_FAILURES:
        raise _fail(url, f"fail phải là một trong {', '.join(DUMMY_FAILURES)}, không phải {fail!r}")
    delay = 0.0
    if "delay" in params:
        try:
            delay = float(params["delay"])
        except ValueError:
            raise _fail(url, f"delay phải là số giây, không phải {params['delay']!r}") from None
        if not 0.0 <= delay <= 60.0:
            raise _fail(url, f"delay phải nằm trong khoảng 0–60 giây, không phải {delay:g}")
    return PrinterSpec(kind="dummy", fail=fail, delay_s=delay)


_PARSERS = {
    "network": _network,
    "usb": _usb,
    "serial": _serial,
    "file": _file,
    "cups": _cups,
    "dummy": _dummy,
}


def parse_printer_url(url: str) -> PrinterSpec:
    """Parse a printer URL; raise `PrinterUrlError` (a ValueError) saying what is wrong."""
    if not isinstance(url, str):
        raise PrinterUrlError(f"Địa chỉ máy in phải là chuỗi, không phải {type(url).__name__}")
    text = url.strip()
    if not text:
        raise PrinterUrlError("Chưa khai báo địa chỉ máy in (ví dụ network://192.168.1.50:9100)")
    scheme, sep, _ = text.partition("://")
    if not sep:
        raise _fail(url, "thiếu phần loại kết nối, ví dụ network://, usb://, serial://")
    parser = _PARSERS.get(scheme.lower())
    if parser is None:
        raise _fail(url, f"loại kết nối {scheme!r} không được hỗ trợ (dùng: {', '.join(KINDS)})")
    if "#" in text:
        raise _fail(url, "không được có ký tự #")
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # e.g. an unbalanced "[" of an IPv6 address
        raise _fail(url, f"sai cú pháp ({exc})") from None
    return parser(url, parts.netloc, parts.path, parts.query)
