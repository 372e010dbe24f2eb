"""Builders of protocol objects for clientkit tests (wire-shaped, as the server sends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from protocol import (
    Catalog,
    CounterState,
    Event,
    RatingPublic,
    RecentCall,
    ServiceInfo,
    ServiceState,
    Snapshot,
    TicketPublic,
)

T0 = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
SITE = "hcc-test"


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def ticket(
    tid: int,
    *,
    service: str = "tp",
    status: str = "waiting",
    number: str | None = None,
    counter: int | None = None,
    to_counter: int | None = None,
    issued: float | None = None,
    recalls: int = 0,
) -> TicketPublic:
    return TicketPublic(
        id=tid,
        number=number or str(1000 + tid),
        service_id=service,
        status=status,
        counter_id=counter,
        to_counter_id=to_counter,
        issued_at=at(issued if issued is not None else tid),
        called_at=at(100 + tid) if status in ("called", "serving") else None,
        recall_count=recalls,
    )


def counter(
    cid: int,
    *,
    status: str = "open",
    services: tuple[str, ...] = ("tp", "dd"),
    current: TicketPublic | None = None,
    clerk: str | None = "Nguyễn Văn A",
    pause_reason: str | None = None,
) -> CounterState:
    return CounterState(
        id=cid,
        name=f"Quầy {cid}",
        services=list(services),
        status=status,
        clerk=clerk,
        current=current,
        pause_reason=pause_reason,
    )


def service(sid: str, waiting: int = 0) -> ServiceState:
    names = {"tp": "Tư pháp – Hộ tịch", "dd": "Đất đai", "kd": "Đăng ký kinh doanh"}
    return ServiceState(
        id=sid, name=names.get(sid, sid), waiting=waiting, open=True, estimated_wait_s=300
    )


def snapshot(
    *,
    seq: int = 10,
    epoch: str = "E1",
    counters: list[CounterState] | None = None,
    waiting: list[TicketPublic] | None = None,
    now_serving: list[TicketPublic] | None = None,
    recent: list[RecentCall] | None = None,
    services: list[ServiceState] | None = None,
) -> Snapshot:
    waiting = waiting if waiting is not None else []
    if services is None:
        services = [
            service(s, sum(1 for t in waiting if t.service_id == s)) for s in ("tp", "dd", "kd")
        ]
    return Snapshot(
        epoch=epoch,
        seq=seq,
        site=SITE,
        day="2025-03-03",
        services=services,
        counters=counters if counters is not None else [counter(1), counter(2)],
        waiting=waiting,
        now_serving=now_serving or [],
        recent_calls=recent or [],
    )


_TICKET_AT_COUNTER = {
    "ticket.called",
    "ticket.recalled",
    "ticket.started",
    "ticket.finished",
    "ticket.no_show",
    "ticket.returned",
    "ticket.transferred",
}


def event(seq: int, etype: str, **data: Any) -> Event:
    """An event whose `data` is valid for its type (`protocol.events.DATA_MODELS`).

    `data` values may be protocol models. Required fields a test leaves out get the
    plainest value: a ticket event's `counter` is the ticket's counter (or counter 1)
    with the ticket as its current one when called or serving; a transfer's
    `from_service_id` is the ticket's service; `ticket.issued` has position 1.
    """
    t = data.get("ticket")
    if etype == "ticket.issued":
        data.setdefault("position", 1)
    if etype in _TICKET_AT_COUNTER and "counter" not in data and isinstance(t, TicketPublic):
        active = t.status in ("called", "serving")
        data["counter"] = counter(
            t.counter_id or t.to_counter_id or 1, current=t if active else None
        )
    if etype == "ticket.transferred" and isinstance(t, TicketPublic):
        data.setdefault("from_service_id", t.service_id)
    if etype == "ticket.print_failed":
        data.setdefault("device", "kiosk-1")
        data.setdefault("reason", "paper")
    if etype == "counter.paused":
        data.setdefault("reason", "Họp")
    if etype == "day.closed":
        data.setdefault("day", "2025-03-03")
        data.setdefault("new_day", "2025-03-04")
    if etype == "rating.submitted":
        data.setdefault("rating", rating(1))
        data.setdefault("number", "1001")
    if etype == "config.changed":
        data.setdefault("version", 2)
    wire = {
        k: (v.model_dump(mode="json") if hasattr(v, "model_dump") else v) for k, v in data.items()
    }
    wire.setdefault("actor", "system")
    return Event(seq=seq, at=at(200 + seq), type=etype, site=SITE, data=wire)


def rating(ticket_id: int, level: str = "good", counter_id: int | None = 1) -> RatingPublic:
    return RatingPublic(
        ticket_id=ticket_id,
        counter_id=counter_id,
        clerk="Nguyễn Văn A",
        level=level,
        reasons=[],
        at=at(300 + ticket_id),
    )


def catalog(name: str = "Trung tâm Phục vụ hành chính công") -> Catalog:
    return Catalog(
        site=SITE,
        name=name,
        timezone="Asia/Ho_Chi_Minh",
        hours={"mon": ["07:30", "17:00"]},
        services=[ServiceInfo(id="tp", name="Tư pháp – Hộ tịch", name_en="Justice")],
        counters=[counter(1), counter(2)],
        priority_groups=[],
        rating_levels=[],
        rating_reasons=[],
        pause_reasons=["Họp"],
        announcement_template="Mời công dân có số thứ tự {number} đến quầy số {counter}",
        number_reading="words",
    )
