"""ApiClient against a fake HTTP server (pytest-qt, offscreen)."""

from __future__ import annotations

import json
import socket

import pytest

from clientkit.errors import NETWORK_TITLE, ApiError
from clientkit.http import ApiCall, ApiClient, new_idempotency_key
from protocol import ERROR_TITLES, ErrorCode, TicketCreate
from tests.clientkit.ck_fake_http import Answer

WAIT_MS = 10_000


class Outcome:
    """Collects what an ApiCall emitted."""

    def __init__(self, call: ApiCall) -> None:
        self.ok: list[object] = []
        self.errors: list[ApiError] = []
        self.retries: list[int] = []
        call.succeeded.connect(self.ok.append)
        call.failed.connect(self.errors.append)
        call.retrying.connect(lambda n, _e: self.retries.append(n))

    @property
    def done(self) -> bool:
        return bool(self.ok or self.errors)


def run(qtbot, call: ApiCall) -> Outcome:
    out = Outcome(call)
    with qtbot.waitSignal(call.finished, timeout=WAIT_MS):
        pass
    assert len(out.ok) + len(out.errors) == 1
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_get_json_with_token(qtbot, fake_http):
    fake_http.routes[("GET", "/api/v1/catalog")] = Answer(200, {"name": "Trung tâm HCC"})
    client = ApiClient(fake_http.url + "/", "tok-1")
    out = run(qtbot, client.get("/catalog", params={"a": 1, "b": None}))
    assert out.ok == [{"name": "Trung tâm HCC"}]
    seen = fake_http.seen[0]
    assert seen.path == "/api/v1/catalog?a=1"
    assert seen.headers["Authorization"] == "Bearer tok-1"


def test_post_model_body_and_parse(qtbot, fake_http):
    fake_http.routes[("POST", "/api/v1/echo")] = lambda seen: Answer(201, json.loads(seen.body))
    client = ApiClient(fake_http.url)
    call = client.post("/echo", TicketCreate(service_id="tp"), parse=lambda d: d["service_id"])
    out = run(qtbot, call)
    assert out.ok == ["tp"]
    assert json.loads(fake_http.seen[0].body) == {"service_id": "tp"}  # None fields left out
    assert "Authorization" not in fake_http.seen[0].headers
    assert call.done and call.result == "tp" and call.attempts == 1


def test_empty_answer_is_none(qtbot, fake_http):
    fake_http.routes[("POST", "/api/v1/auth/logout")] = Answer(204, None)
    out = run(qtbot, ApiClient(fake_http.url).post("/auth/logout"))
    assert out.ok == [None]


def test_problem_json_becomes_api_error(qtbot, fake_http):
    problem = {
        "type": "queue-empty",
        "title": ERROR_TITLES[ErrorCode.QUEUE_EMPTY],
        "status": 409,
        "detail": "counter 3",
    }
    fake_http.routes[("POST", "/api/v1/counters/3/call-next")] = Answer(
        409, problem, "application/problem+json"
    )
    out = run(qtbot, ApiClient(fake_http.url).post("/counters/3/call-next"))
    err = out.errors[0]
    assert (err.code, err.status, err.detail) == ("queue-empty", 409, "counter 3")
    assert err.title == "Không còn công dân nào đang chờ"
    assert not err.retryable


def test_proxy_error_page_maps_by_status(qtbot, fake_http):
    fake_http.routes[("GET", "/api/v1/state")] = Answer(
        502, "<html>Bad gateway</html>", "text/html"
    )
    out = run(qtbot, ApiClient(fake_http.url).get("/state"))
    err = out.errors[0]
    assert err.code == "unavailable" and err.status == 502 and err.retryable
    assert err.title == ERROR_TITLES[ErrorCode.UNAVAILABLE]


def test_unreadable_success_is_bad_response(qtbot, fake_http):
    fake_http.routes[("GET", "/api/v1/state")] = Answer(200, "not json", "text/plain")
    out = run(qtbot, ApiClient(fake_http.url).get("/state"))
    assert out.errors[0].code == "bad-response"


def test_parser_error_is_bad_response(qtbot, fake_http):
    fake_http.routes[("GET", "/api/v1/state")] = Answer(200, {"x": 1})
    out = run(qtbot, ApiClient(fake_http.url).get("/state", parse=lambda d: d["missing"]))
    assert out.errors[0].code == "bad-response" and out.errors[0].status == 200


def test_401_tells_the_app(qtbot, fake_http):
    client = ApiClient(fake_http.url, "expired")
    fake_http.routes[("GET", "/api/v1/auth/me")] = Answer(
        401, {"type": "unauthenticated", "title": "Chưa đăng nhập", "status": 401}
    )
    with qtbot.waitSignal(client.unauthenticated, timeout=WAIT_MS) as blocker:
        client.get("/auth/me")
    assert blocker.args[0].code == "unauthenticated"


def test_connection_refused_is_network_error(qtbot):
    out = run(qtbot, ApiClient(f"http://127.0.0.1:{free_port()}").get("/state"))
    err = out.errors[0]
    assert err.code == "network" and err.is_network and err.status == 0
    assert err.title == NETWORK_TITLE == "Không kết nối được máy chủ, đang thử lại…"


def test_timeout_is_network_error(qtbot, fake_http):
    fake_http.routes[("GET", "/api/v1/slow")] = Answer(200, {}, delay_s=2)
    out = run(qtbot, ApiClient(fake_http.url, timeout_s=0.3).get("/slow"))
    assert out.errors[0].code == "network"


def test_idempotent_command_is_retried_with_the_same_key(qtbot, fake_http):
    attempts = []

    def flaky(seen):
        attempts.append(seen.headers.get("Idempotency-Key"))
        if len(attempts) < 3:
            return Answer(drop=True)  # the cut happens after the server saw it
        return Answer(201, {"id": 7, "number": "1007"})

    fake_http.routes[("POST", "/api/v1/tickets")] = flaky
    client = ApiClient(fake_http.url, backoff=(0.05, 0.2))
    key = new_idempotency_key()
    call = client.post("/tickets", {"service_id": "tp"}, idempotency_key=key)
    out = run(qtbot, call)
    assert out.ok == [{"id": 7, "number": "1007"}]
    assert len(attempts) >= 3 and set(attempts) == {key}
    assert out.retries[:2] == [2, 3] and call.attempts >= 3


def test_retry_gives_up_after_max_attempts(qtbot):
    client = ApiClient(f"http://127.0.0.1:{free_port()}", max_attempts=3, backoff=(0.02, 0.05))
    call = client.post("/tickets", {"service_id": "tp"}, idempotency_key="k1")
    out = run(qtbot, call)
    assert out.errors[0].code == "network" and out.retries == [2, 3] and call.attempts == 3


def test_command_without_key_is_not_retried(qtbot, fake_http):
    fake_http.routes[("POST", "/api/v1/counters/1/call-next")] = Answer(drop=True)
    client = ApiClient(fake_http.url, backoff=(0.02, 0.05))
    call = client.post("/counters/1/call-next")
    out = run(qtbot, call)
    assert out.errors[0].code == "network" and out.retries == [] and call.attempts == 1


def test_no_retry_on_a_real_answer(qtbot, fake_http):
    fake_http.routes[("POST", "/api/v1/tickets")] = Answer(
        409, {"type": "service-closed", "title": "Lĩnh vực này đang tạm ngừng", "status": 409}
    )
    call = ApiClient(fake_http.url).post("/tickets", {}, idempotency_key="k2")
    out = run(qtbot, call)
    assert out.errors[0].code == "service-closed" and call.attempts == 1


def test_abort_emits_nothing(qtbot, fake_http):
    fake_http.routes[("GET", "/api/v1/slow")] = Answer(200, {}, delay_s=0.5)
    call = ApiClient(fake_http.url).get("/slow")
    out = Outcome(call)
    qtbot.wait(100)
    call.abort()
    qtbot.wait(800)
    assert not out.done and call.done


def test_signals_come_later_so_late_connects_work(qtbot):
    call = ApiClient(f"http://127.0.0.1:{free_port()}").get("/x")
    qtbot.wait(0)  # even after a turn of the loop the answer is not there yet
    out = Outcome(call)
    qtbot.waitUntil(lambda: out.done, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "malformed-request"),
        (404, "not-found"),
        (500, "internal-error"),
        (418, "internal-error"),
    ],
)
def test_error_from_status(status, code):
    err = ApiError.from_response(status, b"", "")
    assert err.code == code and err.title and err.status == status


def test_problem_without_title_gets_the_known_one():
    err = ApiError.from_response(409, b'{"type": "queue-empty", "status": 409}')
    assert err.title == ERROR_TITLES[ErrorCode.QUEUE_EMPTY]


def test_wrong_password_is_not_a_lost_session(qtbot, fake_http):
    client = ApiClient(fake_http.url)
    lost = []
    client.unauthenticated.connect(lost.append)
    fake_http.routes[("POST", "/api/v1/auth/login")] = Answer(
        401, {"type": "bad-credentials", "title": "Sai tên đăng nhập hoặc mật khẩu", "status": 401}
    )
    out = run(qtbot, client.post("/auth/login", {"username": "a", "password": "b"}))
    assert out.errors[0].code == "bad-credentials" and lost == []
