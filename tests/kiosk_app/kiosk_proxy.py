"""A TCP proxy in front of the live server that can lose one answer.

`drop_next_ticket_answer()`: the next `POST /api/v1/tickets` reaches the server (which
issues the ticket and answers), but the answer is thrown away and the kiosk's
connection cut — the case of a network that fails after the server acted. The kiosk
must retry with the same Idempotency-Key and get the same ticket, not a second one.
Everything else (HTTP, the websocket) is piped through unchanged.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading

_TICKET_POST = b"POST /api/v1/tickets "
_KEY = re.compile(rb"(?im)^idempotency-key:\s*(\S+)")


class DroppingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.ticket_keys: list[str] = []  # Idempotency-Key of every POST /tickets seen
        self.dropped = 0
        self._drop_next = False
        self._lock = threading.Lock()
        self._closed = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def drop_next_ticket_answer(self) -> None:
        with self._lock:
            self._drop_next = True

    def close(self) -> None:
        self._closed = True
        for s in [self._listener, *self._sockets]:
            with contextlib.suppress(OSError):
                s.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                return
            self._sockets += [client, upstream]
            state = {"dropping": False}
            threading.Thread(target=self._up, args=(client, upstream, state), daemon=True).start()
            threading.Thread(target=self._down, args=(upstream, client, state), daemon=True).start()

    def _up(self, client: socket.socket, upstream: socket.socket, state: dict) -> None:
        try:
            while data := client.recv(65536):
                if data.startswith(_TICKET_POST):
                    key = _KEY.search(data)
                    self.ticket_keys.append(key.group(1).decode() if key else "")
                    with self._lock:
                        if self._drop_next:
                            self._drop_next = False
                            state["dropping"] = True
                upstream.sendall(data)
        except OSError:
            pass
        _close(upstream)

    def _down(self, upstream: socket.socket, client: socket.socket, state: dict) -> None:
        try:
            while data := upstream.recv(65536):
                if state["dropping"]:
                    # The server has answered, so the ticket exists: lose the answer.
                    self.dropped += 1
                    break
                client.sendall(data)
        except OSError:
            pass
        _close(client)
        _close(upstream)


def _close(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        s.close()
