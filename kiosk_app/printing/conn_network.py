"""Raw TCP printing (port 9100, "JetDirect") through escpos' `Network` driver."""

from __future__ import annotations

import contextlib
import socket
import time

from escpos.constants import RT_STATUS

from kiosk_app.printing import errors as E
from kiosk_app.printing.connection import CHUNK, Connection
from kiosk_app.printing.errors import PrintError


class NetworkConnection(Connection):
    def open(self) -> None:
        from escpos.printer import Network

        self.printer = Network(
            self.spec.host, self.spec.port, timeout=self.timeouts.connect, profile=self.profile
        )
        where = f"{self.spec.host}:{self.spec.port}"
        # Connect here rather than with `Network.open()`: that one is IPv4-only and, on
        # failure, drops its socket without closing it.
        try:
            sock = socket.create_connection(
                (self.spec.host, self.spec.port), timeout=self.timeouts.connect
            )
        except OSError as cause:
            if isinstance(cause, ConnectionRefusedError):
                why = "máy in từ chối kết nối (máy đang tắt, hoặc sai cổng?)"
            elif isinstance(cause, TimeoutError):
                why = f"không phản hồi sau {self.timeouts.connect:g} giây (mất mạng, sai địa chỉ?)"
            elif isinstance(cause, socket.gaierror):
                why = "không tìm thấy tên máy này trên mạng"
            else:
                why = str(cause)
            raise PrintError(E.OFFLINE, f"Không kết nối được máy in {where}: {why}") from None
        sock.settimeout(self.timeouts.io)
        self.sock = sock
        self.printer._device = sock  # escpos' _raw/_read/query_status now use it

    def _broken(self, exc: BaseException) -> PrintError:
        where = f"{self.spec.host}:{self.spec.port}"
        return PrintError(E.IO_ERROR, f"Mất kết nối với máy in {where} giữa chừng ({exc!s})")

    def query(self, n: int) -> int | None:
        self.sock.settimeout(self.timeouts.status)
        try:
            reply = self.printer.query_status(RT_STATUS + bytes((n,)))
        except TimeoutError:
            return None
        except OSError as exc:
            raise self._broken(exc) from None
        finally:
            self.sock.settimeout(self.timeouts.io)
        if not reply:
            raise self._broken(ConnectionError("máy in đã đóng kết nối"))
        return reply[-1]  # the newest byte answers this query

    def write(self, data: bytes) -> None:
        try:
            for i in range(0, len(data), CHUNK):
                self.printer._raw(data[i : i + CHUNK])
        except TimeoutError:
            raise PrintError(
                E.TIMEOUT,
                f"Máy in {self.spec.host} không nhận dữ liệu trong {self.timeouts.io:g} giây "
                "(kẹt giấy, mở nắp?)",
            ) from None
        except OSError as exc:
            raise self._broken(exc) from None

    def finish(self) -> None:
        """Half-close and wait for the printer's EOF: a reset here means it dropped the
        connection before taking the whole job. Silence is taken as success (many
        printers keep the connection open until we close it)."""
        deadline = time.monotonic() + self.timeouts.close
        try:
            self.sock.shutdown(socket.SHUT_WR)
            while (left := deadline - time.monotonic()) > 0:
                self.sock.settimeout(left)
                if not self.sock.recv(256):  # EOF: it took everything and hung up
                    return
                # else: a late status reply or automatic status back, not needed now
        except TimeoutError:
            return
        except OSError as exc:
            raise self._broken(exc) from None

    def close(self) -> None:
        sock = getattr(self.printer, "_device", None) if hasattr(self, "printer") else None
        if sock:
            with contextlib.suppress(OSError):
                sock.close()
            self.printer._device = False  # so escpos' own close/__del__ does nothing
