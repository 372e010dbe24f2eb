"""What the hall shows: the snapshot, each field's state for the kiosk, a counter's
waiting list with places, one ticket's place. Every figure comes from the hall's rules,
so a kiosk tile, a printed ticket, a phone and a console agree."""

from datetime import datetime

from protocol.enums import TicketStatus
from protocol.snapshot import ServiceState, Snapshot, TicketPublic, TrackingInfo, WaitingTicket
from server.domain.hall import Hall
from server.domain.model import Ticket
from server.domain.policy import CounterPolicy
from server.domain.waits import Place

S = TicketStatus


def service_states(hall: Hall, now: datetime) -> list[ServiceState]:
    return [hall.service_state(svc.id, now) for svc in hall.cfg.services]


def snapshot(hall: Hall, now: datetime) -> Snapshot:
    live = sorted(hall.tickets.values(), key=lambda t: t.key)
    return Snapshot(
        epoch=hall.epoch,
        seq=hall.seq,
        site=hall.site,
        day=hall.day.isoformat(),
        services=service_states(hall, now),
        counters=[hall.counter_state(c) for c in hall.counters.values()],
        waiting=[t.public() for t in live if t.status == S.WAITING],
        now_serving=[t.public() for t in live if t.status in (S.CALLED, S.SERVING)],
        recent_calls=list(hall.recent_calls),
    )


def place_of(hall: Hall, t: Ticket | None, now: datetime) -> Place | None:
    """A waiting ticket's place; None for one that is not waiting."""
    if t is None or t.status != S.WAITING:
        return None
    return hall.place_of(t, now)


FINAL = frozenset({S.DONE, S.CANCELLED})


def tracking(hall: Hall, t: Ticket, now: datetime) -> TrackingInfo:
    """One ticket as its phone page shows it: the same place and wait as the kiosk tile,
    the printed ticket and the console; the field's latest called number; where to go
    once called. Nothing personal."""
    place = place_of(hall, t, now)
    cfg = hall.cfg
    svc = cfg.service(t.service_id)
    at_counter = t.status in (S.CALLED, S.SERVING)
    counter = hall.counters.get(t.counter_id or 0) if at_counter else None
    last = hall.last_called.get(t.service_id)
    return TrackingInfo(
        number=t.number,
        service_id=t.service_id,
        service_name=svc.name if svc else t.service_id,
        service_name_en=svc.name_en if svc else None,
        status=t.status,
        position=place.position if place else None,
        ahead=place.ahead if place else None,
        estimated_wait_s=place.estimated_wait_s if place else None,
        counter_id=t.counter_id if at_counter else None,
        counter_name=counter.name if counter else None,
        issued_at=t.issued_at,
        issued_time=t.issued_at.astimezone(cfg.tz).strftime("%H:%M"),
        timezone=cfg.timezone,
        site_name=cfg.name,
        site_name_en=cfg.name_en,
        now_serving=last.number if last else None,
        now_serving_counter_id=last.counter_id if last else None,
        now_serving_at=last.at if last else None,
        seq=hall.seq,
        final=t.status in FINAL,
    )


def waiting_list(hall: Hall, counter_id: int, now: datetime) -> list[WaitingTicket]:
    """The counter's waiting list in the order it will call, each with its place in its
    own field's queue (the figure its ticket and the phone page show)."""
    return [_with_place(hall, t, now) for t in hall.waiting_for(counter_id, now)]


def waiting_by_field(
    hall: Hall, now: datetime, service_id: str | None = None
) -> list[WaitingTicket]:
    """The supervisor's view: every waiting ticket, field by field in the centre's order,
    each field in the order its counters call it: tickets sent to one counter first, then
    as a counter serving that field alone calls (moved ones, appointments, priority...)."""
    out = []
    for svc in hall.cfg.services:
        if service_id is not None and svc.id != service_id:
            continue
        sent = sorted(
            (t for line in hall.lines.sent.values() for t in line if t.service_id == svc.id),
            key=lambda t: t.key,
        )
        alone = CounterPolicy(0, {svc.id: 1.0}, hall.cfg.priority_ratio)
        out += [_with_place(hall, t, now) for t in (*sent, *hall.lines.order_for(alone, now))]
    return out


def _with_place(hall: Hall, t: Ticket, now: datetime) -> WaitingTicket:
    p = hall.place_of(t, now)
    return WaitingTicket(
        **t.public().model_dump(),
        position=p.position,
        ahead=p.ahead,
        estimated_wait_s=p.estimated_wait_s,
    )


def no_shows(hall: Hall, counter_id: int) -> list[TicketPublic]:
    """Today's no-shows a clerk here may take back: called here, or in one of its fields."""
    c = hall.counters[counter_id]
    mine = [
        t
        for t in hall.tickets.values()
        if t.status == S.NO_SHOW and (t.counter_id == counter_id or t.service_id in c.weights)
    ]
    mine.sort(key=lambda t: (t.called_at or t.issued_at, t.id), reverse=True)
    return [t.public() for t in mine]
