"""Local stand-ins for the outside world of messages: a push service (it decrypts what the
server sends, RFC 8291 aes128gcm, with the key pair a test's "phone" made) and the
centre's SMS gateway (it takes `{to, text, ticket_number, kind}` and answers as told:
ok, fail a few times, always fail, or hang)."""

import base64
import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class PhoneKeys:
    """What a browser makes when it subscribes: a P-256 key pair and an auth secret."""

    private: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: bytes(range(16)))

    def keys(self) -> dict[str, str]:
        point = self.private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {"p256dh": b64url(point), "auth": b64url(self.auth)}

    def decrypt(self, body: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(
            body, private_key=self.private, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)  # type: ignore[no-any-return]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    received: "queue.Queue[tuple[str, dict[str, str], bytes]]"
    answers: list[int]  # statuses to answer, in turn; then `default`
    default: int
    hang: threading.Event | None  # set: requests wait until it is cleared


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.put((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        hang = self.server.hang
        if hang is not None:
            hang.wait(30)
        status = self.server.answers.pop(0) if self.server.answers else self.server.default
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return None


@dataclass
class Fake:
    url: str
    server: _Server

    def answer(self, *statuses: int, default: int = 201) -> None:
        self.server.answers = list(statuses)
        self.server.default = default

    def hang(self) -> threading.Event:
        event = threading.Event()
        self.server.hang = event
        return event

    def release(self) -> None:
        if self.server.hang is not None:
            self.server.hang.set()
            self.server.hang = None

    def next(self, timeout: float = 15) -> tuple[str, dict[str, str], bytes]:
        return self.server.received.get(timeout=timeout)

    def pending(self) -> int:
        return self.server.received.qsize()


@contextmanager
def fake_http(default: int = 201) -> Iterator[Fake]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.received, srv.answers, srv.default, srv.hang = queue.Queue(), [], default, None
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    fake = Fake(f"http://127.0.0.1:{srv.server_address[1]}", srv)
    try:
        yield fake
    finally:
        fake.release()
        srv.shutdown()
        srv.server_close()
