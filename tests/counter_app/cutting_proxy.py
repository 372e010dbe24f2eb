"""A TCP proxy that can swallow one HTTP answer: the request reaches the server and is
carried out, but the client never hears back (a cable pulled at the worst moment)."""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._cut: bytes | None = None
        self.seen: list[bytes] = []  # request lines of every request that went through
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_answer_to(self, request_line_part: bytes) -> None:
        """Swallow the answer to the next request whose first line contains this."""
        self._cut = request_line_part

    def count(self, part: bytes) -> int:
        with self._lock:
            return sum(1 for line in self.seen if part in line)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.close()
        for s in list(self._sockets):
            with contextlib.suppress(OSError):
                s.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            self._sockets += [client, upstream]
            state = {"drop": False}
            threading.Thread(target=self._up, args=(client, upstream, state), daemon=True).start()
            threading.Thread(target=self._down, args=(upstream, client, state), daemon=True).start()

    def _up(self, client: socket.socket, upstream: socket.socket, state: dict) -> None:
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                line = data.split(b"\r\n", 1)[0]
                if line.split(b" ")[0] in (b"GET", b"POST", b"PUT", b"DELETE"):
                    with self._lock:
                        self.seen.append(line)
                    if self._cut is not None and self._cut in line:
                        self._cut = None
                        state["drop"] = True
                upstream.sendall(data)

    def _down(self, upstream: socket.socket, client: socket.socket, state: dict) -> None:
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                if state["drop"]:
                    # The server has answered, so the command was carried out; the
                    # client only sees its connection reset.
                    for s in (client, upstream):
                        s.shutdown(socket.SHUT_RDWR)  # also wakes the other pump
                        s.close()
                    return
                client.sendall(data)
