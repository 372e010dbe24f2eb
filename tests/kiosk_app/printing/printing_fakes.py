"""A fake raw-TCP (port 9100) receipt printer for the printing tests.

It listens on 127.0.0.1 (or ::1) on an ephemeral port, in a thread, and behaves like one of:
- a sink that takes everything and answers nothing (many network printers and print
  servers never answer status queries);
- a printer that drops the connection after `drop_after` bytes (cable pulled, power
  cut, firmware crash mid-ticket);
- a printer that answers DLE EOT n status queries with fixed bytes.
Every bound is a timeout, so a broken client cannot hang the test run.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

DLE, EOT = 0x10, 0x04

# Status bytes as an Epson TM printer sends them (fixed bits 1 and 4 always set).
ONLINE = 0x12
OFFLINE = 0x1A  # bit 3
PAPER_OK = 0x12
PAPER_NEAR_END = 0x1E  # bits 2-3
PAPER_OUT = 0x72  # bits 5-6
CAUSE_NONE = 0x12
CAUSE_COVER_OPEN = 0x16  # bit 2
CAUSE_PAPER_END = 0x32  # bit 5: stopped because of paper end


@dataclass
class FakePrinter:
    status: dict[int, int] = field(default_factory=dict)  # DLE EOT n -> reply byte
    drop_after: int | None = None  # close the connection after this many bytes
    io_timeout: float = 5.0
    host: str = "127.0.0.1"  # "::1" for IPv6

    def __post_init__(self) -> None:
        self.connections: list[bytearray] = []
        self.errors: list[BaseException] = []
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self._server = socket.socket(family, socket.SOCK_STREAM)
        try:
            self._server.bind((self.host, 0))
        except OSError:
            self._server.close()
            raise
        self._server.listen(4)
        self._server.settimeout(0.1)
        self.port: int = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"network://{host}:{self.port}"

    @property
    def received(self) -> bytes:
        return b"".join(bytes(c) for c in self.connections)

    def __enter__(self) -> FakePrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            buf = bytearray()
            self.connections.append(buf)
            try:
                with conn:
                    conn.settimeout(self.io_timeout)
                    self._handle(conn, buf)
            except OSError as exc:  # the client reset us: fine, note it for debugging
                self.errors.append(exc)

    def _handle(self, conn: socket.socket, buf: bytearray) -> None:
        pending = bytearray()  # bytes of a DLE EOT n split across reads
        while True:
            want = 4096
            if self.drop_after is not None:
                want = min(want, self.drop_after - len(buf))
                if want <= 0:
                    return  # close with the client's data still unread: it gets a reset
            chunk = conn.recv(want)
            if not chunk:
                return  # client finished (EOF)
            buf += chunk
            pending += chunk
            # Answer each DLE EOT n, like a printer's real-time command handler.
            i = 0
            while i + 3 <= len(pending):
                if pending[i] == DLE and pending[i + 1] == EOT:
                    if pending[i + 2] in self.status:
                        conn.sendall(bytes((self.status[pending[i + 2]],)))
                    i += 3
                else:
                    i += 1
            del pending[:i]  # keep at most 2 bytes: the start of a query cut in half


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
