"""`GET /metrics`: the server's figures in Prometheus' text format (prometheus-client).

One `Metrics` per app (its own registry, so two apps in one process never mix). The rest
of the server does not know about it; `create_app` wires it in four places:

    metrics = Metrics()
    ctx = Context(..., publish=metrics.counting(hub.publish_threadsafe))  # events
    metrics.watch_hub(hub)                                   # subscribers, dropped
    metrics.install(app, token=settings.metrics_token)       # middleware + /metrics

What it counts:

- `motcua_http_requests_total{route, method, status}` and
  `motcua_http_request_duration_seconds{route}`: every HTTP request, by its route
  template (`/api/v1/counters/{counter_id}/call-next`, never the concrete path, so the
  number of series stays fixed; `<unmatched>` for paths no route has).
- `motcua_events_total{type}`: the events committed (every command's effect is an event:
  `ticket.issued`, `ticket.called`, …), counted after the commit, in the publish path.
- `motcua_print_failures_total`: `ticket.print_failed` events (a kiosk's printer failed).
- `motcua_commit_events`: events per committed transaction; with group commit, the
  size of the groups (1 when the load is light).
- `motcua_stream_subscribers`: websocket clients connected now (hall TVs, kiosks, …).
- `motcua_stream_dropped_total`: clients cut off because they fell behind (they resume).

Who may read it: a client on the server itself (loopback: a Prometheus or node
exporter on the box, or `curl http://127.0.0.1:8000/metrics`), or anyone presenting
`Authorization: Bearer $MOTCUA_METRICS_TOKEN` when that is set. Everyone else gets 403:
the figures (how many citizens, which counters) are the centre's, not the LAN's.

Each process has its own figures: with `--workers N` a scrape reads one worker. A
province runs one process per port (or per host) and scrapes each.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Publish = Callable[[str, list[dict[str, Any]]], None]
UNMATCHED = "<unmatched>"
PRINT_FAILED = "ticket.print_failed"
# Seconds: a command is a few milliseconds; a report over a province may take seconds.
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128)


class HubFigures(Protocol):
    """What the metrics read from the realtime hub (server.realtime.hub.Hub)."""

    dropped: int

    def subscriber_count(self) -> int: ...


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "motcua_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ("route", "method", "status"),
            registry=r,
        )
        self.latency = Histogram(
            "motcua_http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer, by route template.",
            ("route",),
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.events = Counter(
            "motcua_events",
            "Events committed (the effect of every command), by type.",
            ("type",),
            registry=r,
        )
        self.print_failures = Counter(
            "motcua_print_failures",
            "Tickets whose printing failed at a kiosk (ticket.print_failed events).",
            registry=r,
        )
        self.commit_events = Histogram(
            "motcua_commit_events",
            "Events per committed transaction (the size of group commits).",
            buckets=BATCH_BUCKETS,
            registry=r,
        )

    # -- events -------------------------------------------------------------------------
    def committed(self, events: list[dict[str, Any]]) -> None:
        """Count one commit's events (any thread: prometheus-client's metrics are locked)."""
        if not events:
            return
        self.commit_events.observe(len(events))
        for e in events:
            kind = str(e.get("type", "?"))
            self.events.labels(kind).inc()
            if kind == PRINT_FAILED:
                self.print_failures.inc()

    def counting(self, publish: Publish) -> Publish:
        """`publish` that counts what it passes on (committed events only: commands
        publish after their commit)."""

        def counted(site: str, events: list[dict[str, Any]]) -> None:
            self.committed(events)
            publish(site, events)

        return counted

    # -- the realtime hub ---------------------------------------------------------------
    def watch_hub(self, hub: HubFigures) -> None:
        self.registry.register(_HubCollector(hub))

    # -- exposition ---------------------------------------------------------------------
    def render(self) -> bytes:
        return generate_latest(self.registry)

    def install(self, app: FastAPI, token: str | None = None) -> None:
        """Add the request-counting middleware (outermost: call it after every other
        `add_middleware`) and `GET /metrics`."""

        @app.get("/metrics", include_in_schema=False)
        async def metrics(request: Request) -> Response:
            # async: runs in the event loop, the hub's thread, so its figures are whole.
            if not may_read(request, token):
                return Response(
                    "forbidden: /metrics is for loopback or Authorization: Bearer "
                    "$MOTCUA_METRICS_TOKEN\n",
                    status_code=403,
                    media_type="text/plain",
                )
            return Response(self.render(), media_type=CONTENT_TYPE_LATEST)

        templates: list[Templates] = []

        def app_templates() -> Templates:
            if not templates:  # built on first need: the document exists only then
                templates.append(Templates(app.openapi().get("paths", {})))
            return templates[0]

        app.add_middleware(CountRequests, metrics=self, templates=app_templates)


def may_read(request: Request, token: str | None) -> bool:
    """Loopback clients always; others with the metrics token, when one is set."""
    if token:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            value.strip().encode(), token.encode()
        ):
            return True
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _HubCollector(Collector):
    def __init__(self, hub: HubFigures) -> None:
        self._hub = hub

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily(
            "motcua_stream_subscribers",
            "Websocket clients of the event stream connected now.",
            value=self._hub.subscriber_count(),
        )
        yield CounterMetricFamily(
            "motcua_stream_dropped",
            "Stream clients cut off because they fell behind (they reconnect and resume).",
            value=self._hub.dropped,
        )


class CountRequests:
    """ASGI middleware: count and time every HTTP request by its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics, templates: Callable[[], Templates]) -> None:
        self.app, self.metrics, self.templates = app, metrics, templates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = route_template(scope) or self.templates().find(scope) or UNMATCHED
            m = self.metrics
            m.requests.labels(route, scope.get("method", "?"), str(status)).inc()
            m.latency.labels(route).observe(time.perf_counter() - start)


def route_template(scope: Scope) -> str | None:
    """The template of the route the router chose for this request, if it chose one.

    FastAPI up to 0.12x copies an included router's routes with the prefix in their
    `path`; later versions keep the router and leave the full template in the route's
    "effective context" (scope["fastapi"]). tests/server/test_metrics.py checks
    that the API prefix is in the label with the FastAPI installed."""
    fastapi_scope = scope.get("fastapi")
    if isinstance(fastapi_scope, dict):
        effective = fastapi_scope.get("effective_route_context")
        path = getattr(effective, "path_format", None)
        if isinstance(path, str) and path:
            return path
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else None


class Templates:
    """The app's path templates (from its OpenAPI document), for requests answered
    before routing (a body over the limit): the label is still the route's template."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._compiled = [(compile_path(p)[0], p) for p in paths]

    def find(self, scope: Scope) -> str | None:
        path = scope.get("path", "")
        return next((t for regex, t in self._compiled if regex.match(path)), None)
