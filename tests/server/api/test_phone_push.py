"""The phone page's push (issue 13): `GET /t/{code}/events` sends the ticket's
TrackingInfo at once, then whenever an event of its site changes it, keeps the
connection alive with comments, and ends once the ticket is done. Against a real
server (uvicorn in a thread): the TestClient does not stream."""

import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.support.live_server import LiveServer

TIMEOUT = 10.0


class SSE:
    """Reads one event stream in a thread: `frames` gets each data frame's JSON, or
    None when the stream ended; `comments` counts the keep-alive comments."""

    def __init__(self, response: httpx.Response) -> None:
        self.frames: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.comments = 0
        self.response = response
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        data: list[str] = []
        try:
            for line in self.response.iter_lines():
                if line.startswith(":"):
                    self.comments += 1
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    self.frames.put(json.loads("\n".join(data)))
                    data = []
        except httpx.HTTPError:
            pass
        self.frames.put(None)

    def next(self) -> dict[str, Any] | None:
        return self.frames.get(timeout=TIMEOUT)

    def until(self, pred: Any) -> dict[str, Any]:
        while True:
            f = self.next()
            assert f is not None, "the stream ended first"
            if pred(f):
                return f


@contextmanager
def sse(srv: LiveServer, code: str) -> Iterator[SSE]:
    with (
        httpx.Client(base_url=srv.url, timeout=httpx.Timeout(TIMEOUT, read=30)) as c,
        c.stream("GET", f"/t/{code}/events") as r,
    ):
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        yield SSE(r)


def issue(srv: LiveServer, service_id: str = "dat-dai") -> dict[str, Any]:
    r = srv.api("POST", "/tickets", srv.kiosk_token, json={"service_id": service_id})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def act(srv: LiveServer, clerk: str, counter_id: int, action: str) -> None:
    r = srv.api("POST", f"/counters/{counter_id}/{action}", clerk)
    assert r.status_code == 200, r.text


def test_the_push_sends_the_state_then_each_change_then_ends(live_server: LiveServer) -> None:
    srv = live_server
    clerk = srv.login("canbo1")
    act(srv, clerk, 1, "open")
    first, mine = issue(srv), issue(srv)
    with sse(srv, mine["tracking_code"]) as s:
        now = s.next()
        assert now is not None
        assert now == srv.api("GET", f"/public/tickets/{mine['tracking_code']}").json()
        assert (now["status"], now["ahead"], now["now_serving"]) == ("waiting", 1, None)

        act(srv, clerk, 1, "call-next")  # the one ahead is called
        f = s.until(lambda f: f["now_serving"] is not None)
        assert (f["now_serving"], f["now_serving_counter_id"]) == (first["number"], 1)
        assert (f["ahead"], f["position"]) == (0, 1)

        # Another field's ticket, and the one ahead served: nothing this phone shows
        # changes (no one ahead, so no wait), so the next frame is its own call.
        issue(srv, "xay-dung")
        act(srv, clerk, 1, "start")
        act(srv, clerk, 1, "finish")
        act(srv, clerk, 1, "call-next")
        f = s.next()
        assert f is not None and f["status"] == "called", f
        assert f["counter_id"] == 1 and f["now_serving"] == mine["number"]
        act(srv, clerk, 1, "start")
        act(srv, clerk, 1, "finish")
        f = s.until(lambda f: f["final"])
        assert f["status"] == "done"
        assert s.next() is None  # the server ended the stream


def test_keep_alive_comments_and_a_cap_per_address(live_server: LiveServer) -> None:
    srv = live_server
    code = issue(srv)["tracking_code"]
    cap = 6  # Settings.public_streams_per_address
    with sse(srv, code) as s:
        assert s.next() is not None
        extra = []
        try:
            for _ in range(cap - 1):
                cm = sse(srv, code)
                extra.append(cm)
                assert cm.__enter__().next() is not None
            with httpx.Client(base_url=srv.url, timeout=TIMEOUT) as c:
                r = c.get(f"/t/{code}/events")
                assert r.status_code == 429
        finally:
            for cm in reversed(extra):
                cm.__exit__(None, None, None)
        # The ping interval of the test server is 1 s: a comment comes, no frame.
        threading.Event().wait(2.5)
        assert s.comments >= 1
        assert s.frames.empty()
        # The closed ones no longer count (noticed by the next keep-alive at the latest).
        with sse(srv, code) as again:
            assert again.next() is not None


def test_an_unknown_code_is_a_404_not_a_stream(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url, timeout=TIMEOUT) as c:
        r = c.get("/t/nosuchticket123/events")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
