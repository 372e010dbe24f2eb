"""ServerLink against a real server process (SQLite, sample centre)."""

from __future__ import annotations

import pytest

from clientkit.http import new_idempotency_key
from clientkit.session import ServerLink
from protocol import Catalog, TicketCreate

WAIT_MS = 20_000


class Watch:
    """Everything a ServerLink and its HallState emitted."""

    def __init__(self, link: ServerLink) -> None:
        self.states: list[str] = []
        self.events: list[tuple[int, str, bool]] = []
        self.calls: list[tuple[str, int, bool, bool]] = []
        self.snapshots = 0
        self.catalogs = 0
        self.unauthenticated: list[object] = []
        link.connection_changed.connect(self.states.append)
        link.catalog_changed.connect(self._catalog)
        link.unauthenticated.connect(self.unauthenticated.append)
        link.state.snapshot_loaded.connect(self._snapshot)
        link.state.event_applied.connect(
            lambda e, live: self.events.append((e.seq, e.type.value, live))
        )
        link.state.called.connect(
            lambda c, live: self.calls.append((c.number, c.counter_id, c.recall, live))
        )

    def _catalog(self) -> None:
        self.catalogs += 1

    def _snapshot(self) -> None:
        self.snapshots += 1

    def seqs(self) -> list[int]:
        return [seq for seq, _, _ in self.events]


@pytest.fixture
def link_for(qtbot, live_server):
    links: list[ServerLink] = []

    def make(token: str | None) -> tuple[ServerLink, Watch]:
        link = ServerLink(live_server.url, token, stream_backoff=(0.2, 1.0))
        links.append(link)
        return link, Watch(link)

    yield make
    for link in links:
        link.stop()


def started(qtbot, link: ServerLink, watch: Watch) -> None:
    link.start()
    qtbot.waitUntil(
        lambda: link.connection == "online" and watch.snapshots >= 1 and watch.catalogs >= 1,
        timeout=WAIT_MS,
    )


def issue(live_server, service: str = "dat-dai") -> dict:
    r = live_server.api("POST", "/tickets", live_server.kiosk_token, json={"service_id": service})
    assert r.status_code == 201, r.text
    return r.json()


def server_waiting(live_server) -> list[int]:
    r = live_server.api("GET", "/state", live_server.display_token)
    return [t["id"] for t in r.json()["waiting"]]


def test_loads_state_then_a_ticket_arrives_live_and_a_call_is_announced(
    qtbot, live_server, link_for
):
    link, watch = link_for(live_server.display_token)
    started(qtbot, link, watch)
    assert isinstance(link.catalog, Catalog)
    assert "dat-dai" in {s.id for s in link.catalog.services}
    model = link.state.model
    assert model.loaded and model.counters and set(model.services) >= {"dat-dai"}
    assert model.waiting == [] and watch.states[-1] == "online"

    ticket = issue(live_server)
    qtbot.waitUntil(lambda: bool(link.state.model.waiting), timeout=WAIT_MS)
    assert [t.number for t in link.state.model.waiting] == [ticket["number"]]
    assert watch.events[-1][1:] == ("ticket.issued", True)
    assert link.state.model.waiting_count("dat-dai") == 1

    # A clerk logs in through a ServerLink of their own and calls the ticket.
    clerk, _ = link_for(None)
    with qtbot.waitSignal(clerk.logged_in, timeout=WAIT_MS):
        clerk.login("canbo1", live_server.password)
    assert clerk.token
    with qtbot.waitSignal(clerk.counter_action(1, "open").finished, timeout=WAIT_MS):
        pass
    call = clerk.counter_action(1, "call-next")
    with qtbot.waitSignal(call.succeeded, timeout=WAIT_MS) as answer:
        pass
    assert answer.args[0].current.number == ticket["number"]
    qtbot.waitUntil(lambda: bool(watch.calls), timeout=WAIT_MS)
    assert watch.calls == [(ticket["number"], 1, False, True)]
    assert link.state.model.counter(1).current.number == ticket["number"]
    assert link.state.model.waiting == []


def test_restart_goes_offline_online_and_catches_up_without_duplicates(
    qtbot, live_server, link_for
):
    link, watch = link_for(live_server.display_token)
    started(qtbot, link, watch)
    issue(live_server)
    qtbot.waitUntil(lambda: len(link.state.model.waiting) == 1, timeout=WAIT_MS)

    # Automatic path: the server restarts under a running link.
    live_server.restart()
    qtbot.waitUntil(lambda: "offline" in watch.states, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: link.connection == "online", timeout=WAIT_MS)
    issue(live_server)
    qtbot.waitUntil(lambda: len(link.state.model.waiting) == 2, timeout=WAIT_MS)
    assert watch.states[-2:] == ["connecting", "online"] or watch.states[-1] == "online"

    # Deterministic catch-up: events that happen while the link is away are
    # replayed (not a new snapshot), marked not live, and applied once.
    link.stream.stop()
    qtbot.waitUntil(lambda: link.connection == "offline", timeout=WAIT_MS)
    clerk = live_server.login("canbo2")
    assert live_server.api("POST", "/counters/2/open", clerk).status_code == 200
    assert live_server.api("POST", "/counters/2/call-next", clerk).status_code == 200
    issue(live_server, "tu-phap")
    link.stream.start()
    qtbot.waitUntil(lambda: link.state.model.waiting_count("tu-phap") == 1, timeout=WAIT_MS)
    assert watch.snapshots == 1  # resumed from the last seq, no reload
    assert [c[3] for c in watch.calls] == [False]  # the missed call is not re-announced
    assert watch.events[-1][1:] == ("ticket.issued", False)
    seqs = watch.seqs()
    assert seqs == sorted(set(seqs))  # strictly increasing: nothing applied twice
    assert [t.id for t in link.state.model.waiting] == server_waiting(live_server)
    assert link.state.model.counter(2).current is not None

    issue(live_server, "tu-phap")  # and the link is live again
    qtbot.waitUntil(lambda: link.state.model.waiting_count("tu-phap") == 2, timeout=WAIT_MS)
    assert watch.events[-1][1:] == ("ticket.issued", True)


def test_commands_idempotency_and_errors(qtbot, live_server, link_for):
    # The same Idempotency-Key twice gives the same ticket (a kiosk's retry).
    kiosk, _ = link_for(live_server.kiosk_token)
    key = new_idempotency_key()
    answers = []
    for _ in range(2):
        call = kiosk.issue_ticket(TicketCreate(service_id="dat-dai"), key)
        with qtbot.waitSignal(call.succeeded, timeout=WAIT_MS) as got:
            pass
        answers.append(got.args[0])
    assert answers[0].id == answers[1].id and answers[0].number == "1001"
    assert answers[0].tracking_code

    # Errors come back as ApiError with the server's code and Vietnamese title.
    stranger, watch = link_for("not-a-token")
    with qtbot.waitSignal(stranger.fetch_catalog().failed, timeout=WAIT_MS) as got:
        pass
    assert got.args[0].code == "unauthenticated" and got.args[0].status == 401
    assert watch.unauthenticated

    clerk, _ = link_for(None)
    with qtbot.waitSignal(clerk.login("canbo1", "sai-mat-khau").failed, timeout=WAIT_MS) as got:
        pass
    assert got.args[0].code == "bad-credentials"
    assert got.args[0].title == "Sai tên đăng nhập hoặc mật khẩu"
    with qtbot.waitSignal(clerk.logged_in, timeout=WAIT_MS):
        clerk.login("canbo1", live_server.password)
    with qtbot.waitSignal(clerk.counter_action(1, "call-next").failed, timeout=WAIT_MS) as got:
        pass
    assert got.args[0].code == "counter-closed" and got.args[0].title == "Quầy chưa mở"
    with qtbot.waitSignal(clerk.whoami().succeeded, timeout=WAIT_MS) as got:
        pass
    assert got.args[0]["role"] == "clerk"
