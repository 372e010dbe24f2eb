"""A tiny fake HTTP server (http.server in a thread) whose answers the test sets."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    status: int = 200
    body: Any = None  # dict/list → JSON; bytes/str as is
    content_type: str = "application/json"
    delay_s: float = 0.0
    drop: bool = False  # close the connection without answering (a network cut)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeHttpServer:
    """Routes: {(method, path): Answer or callable(Seen) -> Answer}; 404 otherwise."""

    routes: dict[tuple[str, str], Answer | Callable[[Seen], Answer]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def start(self) -> FakeHttpServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                seen = Seen(self.command, self.path, dict(self.headers), self.rfile.read(length))
                fake.seen.append(seen)
                route = fake.routes.get((self.command, self.path.split("?")[0]))
                answer = route(seen) if callable(route) else route
                answer = answer or Answer(
                    404, {"type": "not-found", "title": "Không tìm thấy", "status": 404}
                )
                time.sleep(answer.delay_s)
                if answer.drop:
                    self.close_connection = True
                    return
                body = answer.body
                if isinstance(body, (dict, list)):
                    body = json.dumps(body, ensure_ascii=False).encode()
                elif isinstance(body, str):
                    body = body.encode()
                body = body or b""
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _serve  # noqa: N815 - http.server's naming

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # shutdown() waits for serve_forever's next poll: 0.5 s by default, per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
