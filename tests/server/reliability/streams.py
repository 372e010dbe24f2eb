"""A websocket client in a thread that records every event seq it receives and, when the
connection drops, resumes with `since` = its last seq (as clientkit does)."""

import json
import threading
import time

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect


class Recorder:
    def __init__(self, ws_url: str, token: str, since: int = 0) -> None:
        self.url, self.token, self.last = ws_url, token, since
        self.seqs: list[int] = []
        self.kinds: list[str] = []  # message kinds other than events and pings
        self.close_codes: list[int | None] = []
        self.connects = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "Recorder":
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                url = f"{self.url}/api/v1/stream?token={self.token}&since={self.last}"
                with connect(url, open_timeout=3, close_timeout=1) as ws:
                    self.connects += 1
                    while not self._stop.is_set():
                        try:
                            msg = json.loads(ws.recv(timeout=0.5))
                        except TimeoutError:
                            continue
                        if msg["kind"] == "event":
                            self.seqs.append(msg["event"]["seq"])
                            self.last = msg["event"]["seq"]
                        elif msg["kind"] not in ("hello", "ping"):
                            self.kinds.append(msg["kind"])
            except ConnectionClosed as e:
                self.close_codes.append(e.rcvd.code if e.rcvd else None)
            except (OSError, TimeoutError):
                pass  # server down: retry, like a TV does
            time.sleep(0.1)

    def wait_for(self, seq: int, timeout: float = 30) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.last >= seq:
                return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
