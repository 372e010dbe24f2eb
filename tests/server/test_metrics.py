"""GET /metrics: Prometheus' text format, readable by loopback or with the metrics token,
and figures that move with the hall (the app in-process, SQLite)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from server.metrics import Metrics
from tests.support.inproc import InProc, running

TOKEN = "metrics-secret-123"


@pytest.fixture
def hall(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[InProc]:
    monkeypatch.setenv("MOTCUA_METRICS_TOKEN", TOKEN)
    with running("sqlite", tmp_path) as env:
        yield env


def scrape(env: InProc) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample as {(name, sorted labels): value}; fails unless the text parses."""
    r = env.client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    out = {}
    for family in text_string_to_metric_families(r.text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_figures_move_when_tickets_are_issued(hall: InProc) -> None:
    before = scrape(hall)
    issued = [hall.issue() for _ in range(3)]
    r = hall.api(
        "POST", f"/tickets/{issued[0]['id']}/print-failed", hall.kiosk_token,
        json={"reason": "hết giấy"},
    )  # fmt: skip
    assert r.status_code == 202, r.text
    after = scrape(hall)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("motcua_events_total", type="ticket.issued") == 3
    assert moved("motcua_print_failures_total") == 1
    assert moved("motcua_events_total", type="ticket.print_failed") == 1
    route = "/api/v1/tickets"
    assert moved("motcua_http_requests_total", route=route, method="POST", status="201") == 3
    assert moved("motcua_http_request_duration_seconds_count", route=route) == 3
    # Route templates, never concrete paths (a fixed number of series).
    tpl = "/api/v1/tickets/{ticket_id}/print-failed"
    assert moved("motcua_http_requests_total", route=tpl, method="POST", status="202") == 1
    assert not any("print-failed" in dict(k[1]).get("route", "") and "{" not in
                   dict(k[1])["route"] for k in after)  # fmt: skip
    # Each issue committed on its own here: commits of one event.
    assert moved("motcua_commit_events_count") >= 4
    assert value(after, "motcua_stream_subscribers") == 0
    assert value(after, "motcua_stream_dropped_total") == 0


def test_errors_and_unknown_paths_are_counted_without_their_path(hall: InProc) -> None:
    hall.api("POST", "/tickets", hall.kiosk_token, json={"service_id": "no-such-field"})
    hall.client.get("/no/such/page/12345")
    big = hall.api("POST", "/tickets", hall.kiosk_token, content=b"x" * 100_000)
    assert big.status_code == 413  # answered before routing: still the route's label
    after = scrape(hall)
    statuses = {
        dict(labels)["status"]
        for (name, labels) in after
        if name == "motcua_http_requests_total" and dict(labels)["route"] == "/api/v1/tickets"
    }
    assert {"422", "413"} <= statuses
    assert value(after, "motcua_http_requests_total", route="<unmatched>", method="GET",
                 status="404") == 1  # fmt: skip
    assert not any("12345" in str(k) for k in after)


def test_subscribers_are_a_gauge(hall: InProc) -> None:
    with hall.client.websocket_connect(
        "/api/v1/stream", headers={"Authorization": f"Bearer {hall.display_token}"}
    ) as ws:
        assert ws.receive_json()["kind"] == "hello"
        assert value(scrape(hall), "motcua_stream_subscribers") == 1


def test_only_loopback_or_the_token_may_read(hall: InProc) -> None:
    # TestClient's peer is "testclient", not a loopback address.
    assert hall.client.get("/metrics").status_code == 403
    wrong = hall.client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert "/metrics" not in hall.client.get("/openapi.json").json()["paths"]


def test_commit_sizes_and_dropped_clients_are_counted() -> None:
    class FakeHub:
        dropped = 2

        def subscriber_count(self) -> int:
            return 7

    m = Metrics()
    m.watch_hub(FakeHub())
    seen: list[int] = []
    publish = m.counting(lambda site, events: seen.append(len(events)))
    publish("s", [{"type": "ticket.issued"}] * 5)
    publish("s", [{"type": "ticket.print_failed"}])
    assert seen == [5, 1]
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in text_string_to_metric_families(m.render().decode())
        for s in f.samples
    }
    assert value(samples, "motcua_commit_events_count") == 2
    assert value(samples, "motcua_commit_events_sum") == 6
    assert value(samples, "motcua_commit_events_bucket", le="4.0") == 1
    assert value(samples, "motcua_stream_subscribers") == 7
    assert value(samples, "motcua_stream_dropped_total") == 2
    assert value(samples, "motcua_print_failures_total") == 1
