"""USB and serial printers, with pyusb / pyserial replaced by small fakes.

The real libraries are optional (python-escpos[usb], [serial]) and no printer is
plugged into CI; these fakes stand in for them *under* python-escpos' own Usb and
Serial drivers, so the escpos code paths and our error mapping both run.
"""

from __future__ import annotations

import errno
import gc
import sys
import types

import escpos.printer.serial as escpos_serial
import escpos.printer.usb as escpos_usb
import pytest

from kiosk_app.printing import PrintError, decode, open_printer, render_ticket, sample_ticket

pytestmark = pytest.mark.timeout(30)


# ---------------------------------------------------------------- fake pyusb


class USBError(OSError):
    def __init__(self, strerror: str, error_code: int | None = None, errno: int | None = None):
        super().__init__(errno, strerror)
        self.backend_error_code = error_code


class USBTimeoutError(USBError):
    pass


class NoBackendError(ValueError):
    pass


class FakeBackend:
    """pyusb backend stand-in: escpos only checks whether its module is libusb1."""


class FakeUsbDevice:
    """Takes writes, answers DLE EOT n from `status`, or fails as told."""

    def __init__(self, status: dict[int, int], fail_write: Exception | None = None) -> None:
        self.backend = FakeBackend()
        self.status = status
        self.fail_write = fail_write
        self.written = bytearray()
        self.pending: list[int] = []
        self.default_timeout = 1000

    def set_configuration(self) -> None: ...

    def reset(self) -> None: ...

    def write(self, ep: int, data: bytes, timeout: int | None = None) -> int:
        if self.fail_write is not None and len(self.written) > 500:
            raise self.fail_write
        self.written += data
        if len(data) == 3 and data[:2] == b"\x10\x04" and data[2] in self.status:
            self.pending.append(self.status[data[2]])
        return len(data)

    def read(self, ep: int, size: int, timeout: int | None = None) -> bytes:
        if not self.pending:
            raise USBTimeoutError("Operation timed out", errno=errno.ETIMEDOUT)
        return bytes([self.pending.pop(0)])


@pytest.fixture
def fake_usb(monkeypatch: pytest.MonkeyPatch):
    """Install fake pyusb; yields a dict where the test puts the device (or None)."""
    plugged: dict[str, FakeUsbDevice | None] = {"device": None}
    core = types.ModuleType("usb.core")
    core.USBError = USBError  # type: ignore[attr-defined]
    core.USBTimeoutError = USBTimeoutError  # type: ignore[attr-defined]
    core.NoBackendError = NoBackendError  # type: ignore[attr-defined]
    core.find = lambda **kwargs: plugged["device"]  # type: ignore[attr-defined]
    util = types.ModuleType("usb.util")
    util.dispose_resources = lambda device: None  # type: ignore[attr-defined]
    usb = types.ModuleType("usb")
    usb.core, usb.util = core, util  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "usb", usb)
    monkeypatch.setitem(sys.modules, "usb.core", core)
    monkeypatch.setitem(sys.modules, "usb.util", util)
    monkeypatch.setattr(escpos_usb, "usb", usb, raising=False)
    monkeypatch.setattr(escpos_usb, "_DEP_USB", True)
    yield plugged
    gc.collect()  # escpos' Usb.__del__ must run while the fake is still installed


def test_usb_printer_prints_the_ticket(fake_usb) -> None:
    device = FakeUsbDevice(status={1: 0x12, 4: 0x12})
    fake_usb["device"] = device
    printer = open_printer("usb://04b8:0202", width_dots=384)
    assert printer.status().paper == "ok"
    seen = printer.print_image(render_ticket(sample_ticket(), 384))
    assert (seen.online, seen.paper) == (True, "ok")
    job = decode(bytes(device.written))
    assert job.rasters and job.cut_after_image()
    assert device.default_timeout == 800  # status reads are bounded, not pyusb's 1 s


def test_usb_paper_out_stops_before_the_image(fake_usb) -> None:
    device = FakeUsbDevice(status={1: 0x1A, 2: 0x32, 4: 0x72})
    fake_usb["device"] = device
    with pytest.raises(PrintError) as info:
        open_printer("usb://04b8:0202", width_dots=384).print_image(
            render_ticket(sample_ticket(), 384)
        )
    assert info.value.code == "paper-out"
    assert b"\x1dv0" not in device.written


def test_usb_unplugged_is_offline(fake_usb) -> None:
    printer = open_printer("usb://04b8:0202", width_dots=384)
    with pytest.raises(PrintError) as info:
        printer.print_image(render_ticket(sample_ticket(), 384))
    assert info.value.code == "offline"
    assert "04b8:0202" in info.value.message_vi
    assert printer.status().online is False


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (USBTimeoutError("Operation timed out", errno=errno.ETIMEDOUT), "timeout"),
        (USBError("No such device (it may have been disconnected)", errno=19), "io-error"),
    ],
)
def test_usb_failure_mid_job(fake_usb, error: Exception, code: str) -> None:
    fake_usb["device"] = FakeUsbDevice(status={}, fail_write=error)
    with pytest.raises(PrintError) as info:
        open_printer("usb://04b8:0202", width_dots=384).print_image(
            render_ticket(sample_ticket(), 384)
        )
    assert info.value.code == code


# ------------------------------------------------------------- fake pyserial


class SerialException(OSError):
    pass


class SerialTimeoutException(SerialException):
    pass


class FakeSerialPort:
    ports: dict[str, FakeSerialPort] = {}

    def __init__(self, port: str, **settings: object) -> None:
        if port not in self.ports:
            raise SerialException(f"could not open port {port}: No such file or directory")
        self.__dict__.update(self.ports[port].__dict__)

    @classmethod
    def plug(cls, port: str, status: dict[int, int], stall: bool = False) -> FakeSerialPort:
        dev = object.__new__(cls)
        dev.status, dev.stall, dev.written, dev.replies = status, stall, bytearray(), bytearray()
        dev.is_open, dev.write_timeout = True, None
        cls.ports[port] = dev
        return dev

    def write(self, data: bytes) -> int:
        if self.stall and len(data) > 3:
            raise SerialTimeoutException("Write timeout")
        self.written += data
        if data[:2] == b"\x10\x04" and data[2] in self.status:
            self.replies.append(self.status[data[2]])
        return len(data)

    def read(self, size: int) -> bytes:
        out, self.replies[:] = bytes(self.replies[:size]), self.replies[size:]
        return out  # b"" = read timeout, as pyserial

    def reset_input_buffer(self) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None:
        self.is_open = False


@pytest.fixture
def fake_serial(monkeypatch: pytest.MonkeyPatch):
    FakeSerialPort.ports = {}
    serial = types.ModuleType("serial")
    serial.Serial = FakeSerialPort  # type: ignore[attr-defined]
    serial.SerialException = SerialException  # type: ignore[attr-defined]
    serial.SerialTimeoutException = SerialTimeoutException  # type: ignore[attr-defined]
    serial.PARITY_NONE, serial.STOPBITS_ONE = "N", 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "serial", serial)
    monkeypatch.setattr(escpos_serial, "serial", serial, raising=False)
    monkeypatch.setattr(escpos_serial, "_DEP_PYSERIAL", True)
    yield FakeSerialPort
    gc.collect()


def test_serial_printer_prints_and_bounds_its_writes(fake_serial) -> None:
    port = fake_serial.plug("/dev/ttyUSB0", status={1: 0x12, 4: 0x1E})
    printer = open_printer("serial:///dev/ttyUSB0?baudrate=19200", width_dots=576)
    seen = printer.print_image(render_ticket(sample_ticket(), 576))
    assert seen.paper == "near-end"
    assert decode(bytes(port.written)).cut_after_image()


def test_serial_missing_port_and_stalled_printer(fake_serial) -> None:
    with pytest.raises(PrintError) as info:
        open_printer("serial:///dev/ttyUSB9", width_dots=384).print_image(
            render_ticket(sample_ticket(), 384)
        )
    assert info.value.code == "offline"
    fake_serial.plug("/dev/ttyUSB1", status={}, stall=True)
    with pytest.raises(PrintError) as info:
        open_printer("serial:///dev/ttyUSB1", width_dots=384).print_image(
            render_ticket(sample_ticket(), 384)
        )
    assert info.value.code == "timeout"
