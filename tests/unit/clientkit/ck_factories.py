"""Builders of protocol objects for clientkit tests (wire-shaped, as the server sends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from protocol import (
    Catalog,
    CounterState,
    Event,
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


def event(seq: int, etype: str, **data: Any) -> Event:
    """`data` values may be protocol models; they are dumped as on the wire."""
    wire = {
        k: (v.model_dump(mode="json") if hasattr(v, "model_dump") else v) for k, v in data.items()
    }
    wire.setdefault("actor", "system")
    return Event(seq=seq, at=at(200 + seq), type=etype, site=SITE, data=wire)


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
