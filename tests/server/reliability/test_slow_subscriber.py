"""A subscriber that stops reading must not hold up the others nor grow the server's
memory: its bounded queue (MOTCUA_STREAM_QUEUE_SIZE) overflows, the server cuts it with
close code 4008, and it resumes from its last seq without losing an event.
(How much it delays the others is measured in bench/bench_call_display.py, phase
`stalled`: tests assert no wall-clock figures.)"""

import base64
import json
import os
import socket
import struct
import threading
import time
from pathlib import Path

import httpx
import psutil

from tests.server.reliability.streams import Recorder
from tests.support.databases import prepared_database
from tests.support.live_server import LiveServer

QUEUE = 10
MAX_TICKETS = 12_000  # bound on the flood; the cut comes far earlier
THREADS = 6


def stalled_subscriber(port: int, token: str) -> socket.socket:
    """Handshake, then read nothing. A tiny receive buffer fills after a few events."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(
        f"GET /api/v1/stream?token={token}&since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    return s


def read_frames(s: socket.socket) -> tuple[list[int], int | None]:
    """Read what was left for the stalled client: its event seqs and the close code."""
    s.settimeout(10)
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    seqs, code, pos = [], None, 0
    while pos + 2 <= len(data):
        opcode, n = data[pos] & 0x0F, data[pos + 1] & 0x7F
        pos += 2
        if n == 126:
            n, pos = struct.unpack_from("!H", data, pos)[0], pos + 2
        elif n == 127:
            n, pos = struct.unpack_from("!Q", data, pos)[0], pos + 8
        payload, pos = data[pos : pos + n], pos + n
        if opcode == 1:
            msg = json.loads(payload)
            if msg["kind"] == "event":
                seqs.append(msg["event"]["seq"])
        elif opcode == 8 and len(payload) >= 2:
            code = struct.unpack("!H", payload[:2])[0]
    return seqs, code


def flood_until_cut(srv: LiveServer, services: list[str]) -> int:
    """Issue tickets from a few threads until the server has cut the stalled subscriber
    (the kernel's socket buffers take a few MB first). Returns how many were issued."""
    done = threading.Event()
    count = [0]
    lock = threading.Lock()

    def worker(w: int) -> None:
        headers = {"Authorization": f"Bearer {srv.admin_token}"}
        with httpx.Client(base_url=srv.url + "/api/v1", timeout=10, headers=headers) as c:
            for i in range(MAX_TICKETS // THREADS):
                if done.is_set():
                    return
                svc = services[(w + i * THREADS) % len(services)]
                assert c.post("/tickets", json={"service_id": svc}).status_code == 201
                with lock:
                    count[0] += 1
                if i % 20 == 0 and subscribers(srv) < 2:
                    done.set()

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0]


def subscribers(srv: LiveServer) -> int:
    return int(httpx.get(srv.url + "/healthz", timeout=5).json()["subscribers"])


def test_stalled_subscriber_is_cut_and_resumes(tmp_path: Path) -> None:
    with prepared_database("sqlite", tmp_path) as (url, tokens):
        env = {"MOTCUA_STREAM_QUEUE_SIZE": str(QUEUE)}
        srv = LiveServer(url, tmp_path, env=env, tokens=tokens)
        srv.start()
        try:
            fast = Recorder(srv.ws_url, srv.display_token).start()
            slow = stalled_subscriber(srv.port, srv.display_token)
            deadline = time.monotonic() + 10
            while subscribers(srv) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert subscribers(srv) == 2
            server = psutil.Process(srv.proc.pid)  # type: ignore[union-attr]
            rss_before = server.memory_info().rss
            services = [
                s["id"]
                for s in srv.api("GET", "/catalog", srv.admin_token).json()["services"]
                if not s.get("daily_limit")
            ]
            issued = flood_until_cut(srv, services)
            assert subscribers(srv) == 1, f"stalled subscriber still connected after {issued}"
            rss_growth_mb = (server.memory_info().rss - rss_before) / 2**20
            # It wakes up: reads what was buffered for it, then the server's close frame.
            got, code = read_frames(slow)
            slow.close()
            head = srv.api("GET", "/state", srv.admin_token).json()["seq"]

            # The others got everything, in order, while one was stalled.
            assert fast.wait_for(head)
            fast.stop()
            assert fast.seqs == list(range(1, head + 1))
            assert fast.connects == 1, "the fast subscriber was disconnected too"

            # The stalled one was told why and resumes from where it stopped: 4008 when its
            # queue overflowed; 1011 when uvicorn's keepalive (20 s ping + 20 s timeout)
            # noticed the dead reader first, which happens on a slow, busy machine.
            assert code in (4008, 1011), code
            assert got == list(range(1, len(got) + 1))
            resumed = Recorder(srv.ws_url, srv.display_token, since=len(got)).start()
            assert resumed.wait_for(head)
            resumed.stop()
            assert got + resumed.seqs == list(range(1, head + 1))
            # Bounded memory: the queue holds QUEUE events; the rest waits in the log.
            assert rss_growth_mb < 40, f"server grew {rss_growth_mb:.1f} MB"
        finally:
            srv.close()
