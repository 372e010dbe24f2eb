"""The supervisors' events reach every client: a move to the front or a supervisor's
transfer changes the waiting list (the counter re-reads its call order on
`waiting_changed`) and the fields' figures; alerts change nothing a TV or counter shows
and never ask for a resync."""

from __future__ import annotations

from clientkit.hall_state import HallState
from clientkit.model import HallModel
from protocol.admin import AlertPublic
from tests.clientkit.ck_factories import SITE, at, event, service, snapshot, ticket
from tests.clientkit.test_ck_hall_state import Log


def loaded() -> HallModel:
    model = HallModel()
    model.load_snapshot(snapshot(waiting=[ticket(1), ticket(2), ticket(3, service="dd")]))
    return model


def alert(**kw: object) -> AlertPublic:
    base: dict[str, object] = {
        "id": "long-pause:1:20250303T010000Z",
        "kind": "long-pause",
        "site": SITE,
        "since": at(0),
        "text": "Quầy 1 tạm nghỉ 25 phút (Họp)",
        "text_en": "Counter 1 has been paused for 25 minutes (Họp)",
        "counter": 1,
    }
    return AlertPublic.model_validate(base | kw)


def test_a_move_to_the_front_changes_the_waiting_list_and_the_figures() -> None:
    model = loaded()
    figures = service("tp", 2).model_copy(update={"estimated_wait_s": 840})
    change = model.apply(
        event(11, "ticket.moved", ticket=ticket(2), reason="Người khuyết tật", services=[figures])
    )
    assert change.waiting and not change.resync and change.services == {"tp"}
    assert model.services["tp"].estimated_wait_s == 840
    assert [t.id for t in model.waiting] == [1, 2, 3]  # the board keeps place order


def test_a_supervisors_transfer_has_no_counter() -> None:
    model = loaded()
    moved = ticket(3, service="tp", issued=3)
    change = model.apply(event(11, "ticket.transferred", ticket=moved, counter=None))
    assert not change.resync and change.counters == frozenset()
    assert (model.waiting_count("tp"), model.waiting_count("dd")) == (3, 0)


def test_alerts_apply_quietly(qapp) -> None:  # type: ignore[no-untyped-def]
    hall = HallState(loaded())
    log = Log(hall)
    for seq, kind in enumerate(("alert.raised", "alert.acked", "alert.cleared"), start=11):
        a = alert(active=kind != "alert.cleared", acked_by="user:giamsat")
        hall.apply(event(seq, kind, alert=a))
    assert log.names() == ["event_applied"] * 3
    assert hall.model.seq == 13


def test_the_counter_rereads_its_order_on_a_move(qapp) -> None:  # type: ignore[no-untyped-def]
    hall = HallState(loaded())
    log = Log(hall)
    hall.apply(event(11, "ticket.moved", ticket=ticket(2), reason="Lý do"))
    assert "waiting_changed" in log.names() and "resync_needed" not in log.names()


def test_the_consoles_other_events_apply_quietly(qapp) -> None:  # type: ignore[no-untyped-def]
    hall = HallState(loaded())
    log = Log(hall)
    hall.apply(event(11, "user.changed", username="lan", change="disabled"))
    hall.apply(event(12, "device.changed", name="hall-tv", change="revoked"))
    hall.apply(event(13, "auth.login_refused", username="lan", retry_after_s=60))
    assert log.names() == ["event_applied"] * 3 and hall.model.seq == 13
