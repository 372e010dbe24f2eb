"""Printers on a local device: USB (pyusb), serial port (pyserial), device file.

Each write has a bound: python-escpos leaves USB writes without timeout by default,
serial writes without one at all, and a write to /dev/usb/lp0 waits for ever while
the printer is out of paper.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import stat

from escpos.constants import RT_STATUS
from escpos.exceptions import DeviceNotFoundError

from kiosk_app.printing import errors as E
from kiosk_app.printing.connection import CHUNK, Connection, not_found_cause
from kiosk_app.printing.errors import PrintError

log = logging.getLogger(__name__)


class UsbConnection(Connection):
    def open(self) -> None:
        from escpos.printer import Usb
        from escpos.printer.usb import is_usable

        if not is_usable():
            raise PrintError(
                E.DRIVER_MISSING, "Chưa cài thư viện pyusb cho máy in USB (python-escpos[usb])"
            )
        self.printer = Usb(
            self.spec.vendor_id,
            self.spec.product_id,
            timeout=int(self.timeouts.io * 1000),  # pyusb counts milliseconds
            in_ep=self.spec.in_ep,
            out_ep=self.spec.out_ep,
            profile=self.profile,
        )
        import usb.core

        try:
            self.printer.open()
        except usb.core.NoBackendError:
            raise PrintError(
                E.DRIVER_MISSING, "Chưa cài libusb-1.0 (thư viện hệ thống pyusb cần)"
            ) from None
        except DeviceNotFoundError as exc:
            raise PrintError(
                E.OFFLINE,
                f"Không thấy máy in USB {self.spec.vendor_id:04x}:{self.spec.product_id:04x} "
                f"(chưa cắm cáp, chưa bật, hoặc thiếu quyền?): {not_found_cause(exc)}",
            ) from None
        self.printer._device.default_timeout = int(self.timeouts.status * 1000)

    def query(self, n: int) -> int | None:
        import usb.core

        try:
            reply = bytes(self.printer.query_status(RT_STATUS + bytes((n,))))
        except usb.core.USBTimeoutError:
            return None
        except usb.core.USBError as exc:
            raise PrintError(E.IO_ERROR, f"Lỗi USB khi hỏi trạng thái máy in: {exc}") from None
        return reply[-1] if reply else None

    def write(self, data: bytes) -> None:
        import usb.core

        try:
            for i in range(0, len(data), CHUNK):
                self.printer._raw(data[i : i + CHUNK])
        except usb.core.USBTimeoutError:
            raise PrintError(
                E.TIMEOUT, "Máy in USB không nhận dữ liệu (kẹt giấy, mở nắp?)"
            ) from None
        except usb.core.USBError as exc:
            raise PrintError(E.IO_ERROR, f"Lỗi USB khi in (rút cáp giữa chừng?): {exc}") from None

    def close(self) -> None:
        try:
            if hasattr(self, "printer"):
                self.printer.close()
        except Exception:  # a failed release must not mask the job's outcome
            log.debug("USB close failed", exc_info=True)


class SerialConnection(Connection):
    def open(self) -> None:
        from escpos.printer.serial import is_usable

        if not is_usable():
            raise PrintError(
                E.DRIVER_MISSING,
                "Chưa cài thư viện pyserial cho máy in cổng nối tiếp (python-escpos[serial])",
            )
        from escpos.printer import Serial

        self.printer = Serial(
            self.spec.device,
            baudrate=self.spec.baudrate,
            timeout=self.timeouts.status,  # read timeout: only status replies are read
            profile=self.profile,
        )
        try:
            self.printer.open()
        except DeviceNotFoundError as exc:
            raise PrintError(
                E.OFFLINE, f"Không mở được cổng {self.spec.device}: {not_found_cause(exc)}"
            ) from None
        # With DSR/DTR flow control a printer that is off line holds DSR low and an
        # unbounded write would wait for ever.
        self.printer._device.write_timeout = self.timeouts.io

    def query(self, n: int) -> int | None:
        import serial

        try:
            self.printer._device.reset_input_buffer()
            reply = self.printer.query_status(RT_STATUS + bytes((n,)))
        except serial.SerialTimeoutException:
            return None
        except (serial.SerialException, OSError) as exc:
            raise PrintError(E.IO_ERROR, f"Lỗi cổng {self.spec.device}: {exc}") from None
        return reply[-1] if reply else None

    def write(self, data: bytes) -> None:
        import serial

        try:
            for i in range(0, len(data), CHUNK):
                self.printer._raw(data[i : i + CHUNK])
            self.printer._device.flush()
        except serial.SerialTimeoutException:
            raise PrintError(
                E.TIMEOUT, f"Máy in ở {self.spec.device} không nhận dữ liệu (hết giấy, mở nắp?)"
            ) from None
        except (serial.SerialException, OSError) as exc:
            raise PrintError(E.IO_ERROR, f"Lỗi cổng {self.spec.device}: {exc}") from None

    def close(self) -> None:
        try:
            if hasattr(self, "printer"):
                self.printer.close()
        except Exception:
            log.debug("serial close failed", exc_info=True)


class FileConnection(Connection):
    """A device file such as /dev/usb/lp0 (Linux usblp), through escpos' `File`.

    escpos opens the file and closes it; the data goes straight to its descriptor,
    non-blocking and polled with a deadline, because usblp blocks a plain write for
    as long as the printer is out of paper or off line.
    """

    def open(self) -> None:
        from escpos.printer import File

        self.printer = File(self.spec.device, auto_flush=False, profile=self.profile)
        try:
            self.printer.open()
        except DeviceNotFoundError as exc:
            cause = not_found_cause(exc)
            if isinstance(cause, PermissionError):
                raise PrintError(
                    E.CONFIG,
                    f"Không có quyền ghi vào {self.spec.device} "
                    "(thêm tài khoản chạy kiosk vào nhóm lp)",
                ) from None
            raise PrintError(
                E.OFFLINE, f"Không mở được {self.spec.device} (máy in chưa cắm/chưa bật?): {cause}"
            ) from None

    def write(self, data: bytes) -> None:
        fd = self.printer._device.fileno()
        poll = getattr(select, "poll", None)
        if poll is None:  # Windows: no poll() on files, fall back to a plain write
            self._write_blocking(data)
            return
        os.set_blocking(fd, False)
        poller = poll()
        poller.register(fd, select.POLLOUT)
        view = memoryview(data)
        try:
            while view:
                # One deadline per chunk: a printer that is slowly printing keeps going.
                if not poller.poll(self.timeouts.io * 1000):
                    raise PrintError(
                        E.TIMEOUT,
                        f"Máy in ở {self.spec.device} không nhận dữ liệu trong "
                        f"{self.timeouts.io:g} giây (hết giấy, mở nắp?)",
                    )
                try:
                    sent = os.write(fd, view[:CHUNK])
                except BlockingIOError:
                    continue
                view = view[sent:]
        except OSError as exc:
            if exc.errno == errno.ENOSPC and stat.S_ISCHR(os.fstat(fd).st_mode):
                # usblp's "out of paper" (on a plain file it would mean a full disk)
                raise PrintError(E.PAPER_OUT, "Máy in hết giấy") from None
            raise PrintError(E.IO_ERROR, f"Lỗi ghi vào {self.spec.device}: {exc}") from None

    def _write_blocking(self, data: bytes) -> None:
        try:
            self.printer._raw(data)
            self.printer.flush()
        except OSError as exc:
            raise PrintError(E.IO_ERROR, f"Lỗi ghi vào {self.spec.device}: {exc}") from None

    def close(self) -> None:
        try:
            if hasattr(self, "printer"):
                self.printer.close()
        except Exception:  # a failed close must not mask the job's outcome
            log.debug("file close failed", exc_info=True)
