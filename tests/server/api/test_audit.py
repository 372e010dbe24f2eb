"""The audit trail (`GET /audit`) on SQLite and PostgreSQL: a scripted day said in plain
words, every filter, paging, other days kept out, who may read it, bad input refused."""

from datetime import timedelta
from typing import Any

import pytest

from motcua.demo import DEMO_PASSWORD
from protocol.enums import Role
from server.commands.setup import add_user
from tests.support.inproc import InProc
from tests.support.live_server import SITE

PROBLEM = "application/problem+json"


def audit(env: InProc, query: str = "", who: str = "giamsat") -> dict[str, Any]:
    r = env.api("GET", f"/audit{'?' + query if query else ''}", env.login(who))
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def texts(page: dict[str, Any]) -> list[str]:
    return [row["text"] for row in page["rows"]]


def ok(r: Any) -> dict[str, Any]:
    assert r.status_code in (200, 201), r.text
    return r.json()  # type: ignore[no-any-return]


def scripted_day(env: InProc) -> dict[str, Any]:
    """09:00 two citizens take numbers; Nguyễn Thị Lan calls, serves and is rated at
    counter 1, then pauses; Cán bộ quầy 2 calls the second at counter 2."""
    # The scripted day is the queue's; account changes have their own rendering tests.
    add_user(env.ctx, SITE, "lan", Role.CLERK, DEMO_PASSWORD, "Nguyễn Thị Lan", audit=False)
    a = env.issue("dat-dai")  # 09:00:00
    env.clock.advance(minutes=1, seconds=10)
    b = env.issue("dat-dai")  # 09:01:10
    env.clock.advance(minutes=4)
    ok(env.counter(1, "open", clerk="lan"))  # 09:05:10
    env.clock.set(env.clock.now().replace(minute=12, second=4))
    ok(env.counter(1, "call-next", clerk="lan"))  # 09:12:04
    env.clock.advance(minutes=1)
    ok(env.counter(1, "start", clerk="lan"))  # 09:13:04
    env.clock.advance(minutes=7)
    ok(env.counter(1, "finish", clerk="lan"))  # 09:20:04
    env.clock.advance(seconds=30)
    rating = {"ticket_id": a["id"], "level": "very-satisfied"}
    ok(env.api("POST", "/ratings", env.rating_token, json=rating))  # 09:20:34
    env.clock.advance(minutes=1)
    ok(env.counter(2, "open"))  # 09:21:34
    ok(env.counter(2, "call-next"))
    env.clock.advance(minutes=4)
    ok(env.counter(1, "pause", clerk="lan", reason="Họp"))  # 09:25:34
    return {"a": a, "b": b}


def test_the_day_is_said_in_plain_words_in_the_centres_time(inproc_any: InProc) -> None:
    env = inproc_any
    t = scripted_day(env)
    page = audit(env)
    rows = page["rows"]
    assert [r["seq"] for r in rows] == sorted((r["seq"] for r in rows), reverse=True)
    assert page["next_cursor"] is None
    assert texts(page) == [
        "Quầy 1 tạm nghỉ (Họp) lúc 09:25:34 — Nguyễn Thị Lan",
        "Cán bộ quầy 2 gọi số 1002 tại quầy 2 lúc 09:21:34",
        "Quầy 2 mở lúc 09:21:34 — Cán bộ quầy 2",
        "Công dân số 1001 đánh giá quầy 1: Rất hài lòng lúc 09:20:34",
        "Nguyễn Thị Lan hoàn thành số 1001 tại quầy 1 lúc 09:20:04",
        "Nguyễn Thị Lan bắt đầu phục vụ số 1001 tại quầy 1 lúc 09:13:04",
        "Nguyễn Thị Lan gọi số 1001 tại quầy 1 lúc 09:12:04",
        "Quầy 1 mở lúc 09:05:10 — Nguyễn Thị Lan",
        "Kiosk kiosk-1 cấp số 1002 — Đất đai — lúc 09:01:10",
        "Kiosk kiosk-1 cấp số 1001 — Đất đai — lúc 09:00:00",
    ]
    call = rows[6]
    assert call["text_en"] == "Nguyễn Thị Lan called number 1001 to counter 1 at 09:12:04"
    assert call["type"] == "ticket.called" and call["actor"] == "user:lan"
    assert call["actor_name"] == "Nguyễn Thị Lan"
    assert (call["counter"], call["number"]) == (1, t["a"]["number"])
    assert rows[-1]["text_en"] == "Kiosk kiosk-1 issued number 1001 — Land — at 09:00:00"
    assert rows[-1]["actor_name"] == "Kiosk kiosk-1"
    assert rows[3]["text_en"] == "Number 1001 rated counter 1: Very satisfied at 09:20:34"


LANS = ["pause 1", "finish 1001", "start 1001", "call 1001", "open 1"]
FILTERS = [
    ("actor=lan", LANS),
    ("actor=NGUYEN%20THI", LANS),  # case and diacritics do not matter
    ("actor=Nguy%E1%BB%85n", LANS),  # "Nguyễn"
    ("actor=canbo2", ["call 1002", "open 2"]),
    ("actor=kiosk-1", ["issue 1002", "issue 1001"]),
    ("actor=rating-pad", ["rate 1001"]),
    ("actor=nobody-here", []),
    ("counter=2", ["call 1002", "open 2"]),
    ("number=1002", ["call 1002", "issue 1002"]),
    ("number=1001", ["rate 1001", "finish 1001", "start 1001", "call 1001", "issue 1001"]),
    ("type=ticket.called", ["call 1002", "call 1001"]),
    ("type=ticket.called&actor=lan", ["call 1001"]),
    ("counter=1&number=1002", []),
]
SHORT = {
    "ticket.issued": "issue",
    "ticket.called": "call",
    "ticket.started": "start",
    "ticket.finished": "finish",
    "rating.submitted": "rate",
    "counter.opened": "open",
    "counter.paused": "pause",
}


def test_each_filter_finds_what_it_should(inproc_any: InProc) -> None:
    env = inproc_any
    scripted_day(env)
    for query, expected in FILTERS:
        rows = audit(env, query)["rows"]
        got = [f"{SHORT[r['type']]} {r['number'] or r['counter']}" for r in rows]
        assert got == expected, query


def test_counter_finds_every_event_at_that_counter(inproc_any: InProc) -> None:
    env = inproc_any
    scripted_day(env)
    rows = audit(env, "counter=1")["rows"]
    assert {r["type"] for r in rows} == {
        "counter.opened",
        "ticket.called",
        "ticket.started",
        "ticket.finished",
        "rating.submitted",
        "counter.paused",
    }
    assert all(r["counter"] == 1 for r in rows)


def test_pages_give_every_row_of_the_day_once(inproc_any: InProc) -> None:
    env = inproc_any
    for _ in range(64):  # 64 tickets, within the kiosk's 20 a minute
        env.issue("tu-phap")
        env.clock.advance(seconds=4)
    ok(env.counter(8, "open"))
    for _ in range(30):
        ok(env.counter(8, "call-next"))
        ok(env.counter(8, "start"))
        ok(env.counter(8, "finish"))
    state_seq = env.api("GET", "/state", env.display_token).json()["seq"]
    seen: list[int] = []
    cursor, pages = "", 0
    while True:
        page = audit(env, f"cursor={cursor}" if cursor else "")
        pages += 1
        assert len(page["rows"]) <= 50
        seen += [r["seq"] for r in page["rows"]]
        if page["next_cursor"] is None:
            break
        assert len(page["rows"]) == 50
        cursor = page["next_cursor"]
        env.issue("tu-phap")  # a new event while paging: later pages are not shifted
    assert pages == 4
    assert seen == list(range(state_seq, 0, -1))  # 64 + 1 + 90 events, each once
    filtered = audit(env, "type=ticket.issued")
    assert len(filtered["rows"]) == 50
    older = audit(env, f"type=ticket.issued&cursor={filtered['next_cursor']}")
    assert len(older["rows"]) == 64 + 3 - 50 and older["next_cursor"] is None


def test_another_days_events_stay_out(inproc_any: InProc) -> None:
    env = inproc_any
    scripted_day(env)
    today = env.api("GET", "/state", env.display_token).json()["day"]
    env.clock.advance(days=1)
    tomorrow = env.issue("dat-dai")
    assert tomorrow["number"] == "1001"  # numbers start again: a new business day
    page = audit(env)  # today is now tomorrow
    assert [r["type"] for r in page["rows"]][:1] == ["ticket.issued"]
    assert "day.closed" in {r["type"] for r in page["rows"]}
    assert all(r["number"] in (None, "1001") for r in page["rows"])
    assert not any("Nguyễn Thị Lan" in t for t in texts(page))
    yesterday = audit(env, f"day={today}")
    assert len(yesterday["rows"]) == 10
    assert all(row["at"] < page["rows"][-1]["at"] for row in yesterday["rows"])
    assert audit(env, "day=2001-01-01")["rows"] == []


def test_only_managers_read_the_trail(inproc_any: InProc) -> None:
    env = inproc_any
    scripted_day(env)
    assert audit(env, who="admin")["rows"]
    r = env.api("GET", "/audit", env.login("canbo1"))
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
    assert r.json()["type"] == "forbidden"
    assert env.api("GET", "/audit", env.kiosk_token).status_code == 403
    assert env.api("GET", "/audit").status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        "day=2026-13-01",
        "day=yesterday",
        "day=1999-12-31",
        "cursor=abc",
        "cursor=0",
        "cursor=-5",
        "counter=0",
        "counter=five",
        "number=10%2023",
        "number=",
        "type=ticket.eaten",
        "actor=" + "x" * 200,
    ],
)
def test_bad_input_is_refused_and_changes_nothing(inproc: InProc, query: str) -> None:
    env = inproc
    env.issue("dat-dai")
    ok(env.counter(1, "open"))
    before = audit(env)
    head = env.api("GET", "/state", env.display_token).json()["seq"]
    r = env.api("GET", f"/audit?{query}", env.login("giamsat"))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["type"] == "validation-error" and body["title"] == "Dữ liệu gửi lên không hợp lệ"
    assert body["errors"][0]["loc"][0] == "query"
    assert env.api("GET", "/state", env.display_token).json()["seq"] == head
    assert audit(env) == before


def test_the_default_day_is_the_centres_not_utc(inproc: InProc) -> None:
    """00:30 in Hà Nội is still yesterday in UTC: the page is the centre's new day."""
    env = inproc
    env.issue("dat-dai")  # 09:00 today
    local = env.clock.now()
    env.clock.set(local + timedelta(hours=15, minutes=30))  # 00:30 tomorrow, centre's time
    env.issue("dat-dai")
    rows = audit(env)["rows"]
    assert rows[0]["text"] == "Kiosk kiosk-1 cấp số 1001 — Đất đai — lúc 00:30:00"
    assert len([r for r in rows if r["type"] == "ticket.issued"]) == 1
