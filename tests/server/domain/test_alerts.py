"""Alerts with fixed times: each kind holds from its limit on and not a second before, ids
stay the same while the condition lasts, devices are missed only while the centre is open,
and raising, clearing and acknowledging go through the hall's events."""

from datetime import date, datetime, timedelta

from protocol.admin import AlertKind
from protocol.centre import CentreConfig
from protocol.enums import Role
from protocol.events import EventType
from server.domain import alerts, decide, supervise
from server.domain.actor import Principal
from server.domain.alerts import DeviceSeen
from server.domain.hall import Hall
from tests.server.domain.factories import NOW  # Monday 2026-11-23, 10:00 in Hà Nội

CLERK1 = Principal("user", 1, "canbo1", Role.CLERK, "t", "Cán bộ 1")
CLERK2 = Principal("user", 2, "canbo2", Role.CLERK, "t", "Cán bộ 2")
BOSS = Principal("user", 9, "giamsat", Role.SUPERVISOR, "t", "Giám sát viên")
KIOSK = Principal("device", 7, "kiosk-1", Role.KIOSK, "t")
S, M = timedelta(seconds=1), timedelta(minutes=1)


def new_hall(**cfg: object) -> Hall:
    config = CentreConfig.model_validate(
        {
            "site": "t",
            "name": "Trung tâm thử",
            "hours": {"mon": ["07:00", "17:00"], "tue": ["07:00", "17:00"]},
            "closed_days": ["2026-11-24"],
            "enforce_hours": False,
            "pause_reasons": ["Họp"],
            "alerts": {"wait_min": 60, "pause_min": 20, "idle_min": 5, "device_offline_s": 120},
            "services": [
                {
                    "id": "ho-tich",
                    "name": "Hộ tịch",
                    "name_en": "Civil status",
                    "alert_wait_min": 30,
                    "numbers": {"start": 1001, "end": 1999},
                },
                {"id": "dat-dai", "name": "Đất đai", "numbers": {"start": 2001}},
            ],
            "counters": [{"id": 1, "services": ["ho-tich"]}, {"id": 2, "services": ["dat-dai"]}],
            **cfg,
        }
    )
    return Hall("t", "e", 0, date(2026, 11, 23), config, 1)


def issue(hall: Hall, service: str, at: datetime, tid: int) -> None:
    plan = decide.plan_ticket(hall, KIOSK, service, None, None, None, at)
    decide.issue(hall, plan, tid, KIOSK, at)


def kinds(hall: Hall, at: datetime, devices: list[DeviceSeen] = []) -> dict[str, str]:  # noqa: B006
    return {a.id: a.text for a in alerts.holding(hall, devices, at)}


def test_long_wait_from_the_fields_own_limit_on() -> None:
    hall = new_hall()
    issue(hall, "ho-tich", NOW, 1)  # its field alerts after 30 minutes
    issue(hall, "dat-dai", NOW, 2)  # the centre's 60 minutes
    assert kinds(hall, NOW + 30 * M - S) == {}
    assert kinds(hall, NOW + 30 * M) == {"long-wait:1": "Công dân số 1001 (Hộ tịch) đã chờ 30 phút"}
    later = alerts.holding(hall, [], NOW + 62 * M)
    assert [a.id for a in later] == ["long-wait:1", "long-wait:2"]
    assert later[0].text_en == "Citizen 1001 (Civil status) has waited 62 minutes"
    assert later[1].text == "Công dân số 2001 (Đất đai) đã chờ 62 phút"
    assert (later[0].kind, later[0].ticket_id, later[0].since) == (AlertKind.LONG_WAIT, 1, NOW)


def test_a_called_citizen_no_longer_waits() -> None:
    hall = new_hall()
    issue(hall, "ho-tich", NOW, 1)
    decide.act(hall, CLERK1, 1, "open", NOW)
    decide.act(hall, CLERK1, 1, "call-next", NOW + 40 * M)
    assert "long-wait:1" not in kinds(hall, NOW + 41 * M)


def test_long_pause_from_pause_min_on_with_its_reason() -> None:
    hall = new_hall()
    decide.act(hall, CLERK1, 1, "open", NOW)
    decide.act(hall, CLERK1, 1, "pause", NOW, reason="Họp")
    assert kinds(hall, NOW + 20 * M - S) == {}
    held = alerts.holding(hall, [], NOW + 25 * M)
    assert [(a.id, a.text, a.counter) for a in held] == [
        ("long-pause:1:20261123T030000Z", "Quầy 1 tạm nghỉ 25 phút (Họp)", 1)
    ]
    decide.act(hall, CLERK1, 1, "resume", NOW + 26 * M)
    assert kinds(hall, NOW + 27 * M) == {}


def test_idle_counter_only_while_a_citizen_it_would_call_waits() -> None:
    hall = new_hall()
    decide.act(hall, CLERK1, 1, "open", NOW)
    assert kinds(hall, NOW + 3 * 60 * M) == {}  # idle for hours, nobody waiting: fine
    arrived = NOW + 60 * M
    issue(hall, "dat-dai", arrived, 1)  # another counter's field
    assert not [k for k in kinds(hall, arrived + 10 * M) if k.startswith("idle-counter:1")]
    issue(hall, "ho-tich", arrived, 2)
    # Counted from when the citizen came, not from when the counter became free.
    assert "idle-counter:1:20261123T030000Z" not in kinds(hall, arrived + 5 * M - S)
    text = kinds(hall, arrived + 5 * M)["idle-counter:1:20261123T030000Z"]
    assert text == "Quầy 1 không phục vụ ai 65 phút trong khi 1 công dân đang chờ"
    decide.act(hall, CLERK1, 1, "call-next", arrived + 6 * M)
    assert not [k for k in kinds(hall, arrived + 7 * M) if k.startswith("idle-counter:1")]


def test_idle_from_when_the_counter_became_free() -> None:
    hall = new_hall()
    issue(hall, "ho-tich", NOW, 1)
    issue(hall, "ho-tich", NOW, 2)
    decide.act(hall, CLERK1, 1, "open", NOW)
    decide.act(hall, CLERK1, 1, "call-next", NOW)
    decide.act(hall, CLERK1, 1, "start", NOW)
    freed = NOW + 20 * M
    decide.act(hall, CLERK1, 1, "finish", freed)
    assert not [k for k in kinds(hall, freed + 5 * M - S) if k.startswith("idle")]
    assert f"idle-counter:1:{alerts.stamp(freed)}" in kinds(hall, freed + 5 * M)


def test_printer_of_an_active_kiosk() -> None:
    hall = new_hall()
    out = DeviceSeen("kiosk-1", Role.KIOSK, NOW, "paper-out", NOW - 3 * M)
    retired = DeviceSeen("kiosk-2", Role.KIOSK, NOW, "offline", NOW, active=False)
    fine = DeviceSeen("kiosk-3", Role.KIOSK, NOW)
    held = alerts.holding(hall, [out, retired, fine], NOW)
    assert [(a.id, a.text, a.device) for a in held] == [
        ("printer:kiosk-1:20261123T025700Z", "Máy in của kiosk-1 hết giấy", "kiosk-1")
    ]
    assert held[0].text_en == "The printer of kiosk-1 is out of paper"
    odd = DeviceSeen("kiosk-1", Role.KIOSK, NOW, "cover-open: nắp trên", NOW)
    assert alerts.holding(hall, [odd], NOW)[0].text == "Máy in của kiosk-1 đang mở nắp (nắp trên)"


def test_device_offline_from_its_limit_and_only_while_open() -> None:
    hall = new_hall()
    seen = NOW - 120 * S
    tv = DeviceSeen("hall-tv", Role.DISPLAY, seen)
    kiosk = DeviceSeen("kiosk-1", Role.KIOSK, NOW - 119 * S)
    pad = DeviceSeen("pad-1", Role.RATING_PAD, NOW - 3600 * S)  # not watched
    never = DeviceSeen("kiosk-new", Role.KIOSK, None)  # not installed yet
    gone = DeviceSeen("tv-old", Role.DISPLAY, NOW - 3600 * S, active=False)
    assert kinds(hall, NOW, [tv, kiosk, pad, never, gone]) == {
        "device-offline:hall-tv:20261123T025800Z": "Màn hình hall-tv mất kết nối 2 phút"
    }
    assert len(kinds(hall, NOW + S, [tv, kiosk])) == 2
    evening = datetime.fromisoformat("2026-11-23T20:00:00+07:00")
    assert kinds(hall, evening, [tv, kiosk]) == {}  # switched off at night: no alarm
    closed_day = datetime.fromisoformat("2026-11-24T10:00:00+07:00")  # in `closed_days`
    assert kinds(hall, closed_day, [tv, kiosk]) == {}
    sunday = datetime.fromisoformat("2026-11-29T10:00:00+07:00")  # no hours on Sunday
    assert kinds(hall, sunday, [tv, kiosk]) == {}
    text = kinds(hall, NOW + 10 * M, [kiosk])
    assert list(text.values()) == ["Kiosk kiosk-1 mất kết nối 11 phút"]
    short = hall.cfg.alerts.model_copy(update={"device_offline_s": 30})
    hall.cfg = hall.cfg.model_copy(update={"alerts": short})
    assert list(kinds(hall, NOW, [kiosk]).values()) == ["Kiosk kiosk-1 mất kết nối 119 giây"]


def test_ids_are_stable_while_the_condition_lasts() -> None:
    hall = new_hall()
    issue(hall, "ho-tich", NOW, 1)
    decide.act(hall, CLERK2, 2, "open", NOW)
    decide.act(hall, CLERK2, 2, "pause", NOW, reason="Họp")
    tv = DeviceSeen("hall-tv", Role.DISPLAY, NOW - 5 * M)
    first = [a.id for a in alerts.holding(hall, [tv], NOW + 31 * M)]
    again = [a.id for a in alerts.holding(hall, [tv], NOW + 50 * M)]
    assert first == again and len(first) == 3


def test_check_raises_once_clears_when_it_ends_and_a_return_is_a_new_occurrence() -> None:
    hall = new_hall()
    issue(hall, "ho-tich", NOW, 1)
    found = supervise.check_alerts(hall, [], NOW + 31 * M)
    assert [a.id for a in found.raised] == ["long-wait:1"] and not found.cleared
    assert hall.pending[-1][0] == EventType.ALERT_RAISED
    hall.pending.clear()
    again = supervise.check_alerts(hall, [], NOW + 32 * M)
    assert again.raised == again.cleared == [] and hall.pending == []  # nothing twice
    decide.act(hall, CLERK1, 1, "open", NOW + 33 * M)
    decide.act(hall, CLERK1, 1, "call-next", NOW + 33 * M)
    ended = supervise.check_alerts(hall, [], NOW + 34 * M)
    assert [a.id for a in ended.cleared] == ["long-wait:1"]
    assert hall.alerts["long-wait:1"].active is False
    # No-show, then back in line: a second occurrence with its own id.
    decide.act(hall, CLERK1, 1, "recall", NOW + 34 * M)
    decide.act(hall, CLERK1, 1, "no-show", NOW + 36 * M)
    decide.act(hall, CLERK1, 1, "return", NOW + 40 * M, ticket_id=1)
    decide.act(hall, CLERK1, 1, "close", NOW + 40 * M)
    back = supervise.check_alerts(hall, [], NOW + 41 * M)
    assert [a.id for a in back.raised] == ["long-wait:1:2"]
    assert [a.id for a in supervise.alert_list(hall, active_only=True)] == ["long-wait:1:2"]
    assert [a.id for a in supervise.alert_list(hall)] == ["long-wait:1:2", "long-wait:1"]


def test_ack_once_and_day_close_forgets() -> None:
    hall = new_hall()
    decide.act(hall, CLERK1, 1, "open", NOW)
    decide.act(hall, CLERK1, 1, "pause", NOW, reason="Họp")
    (raised,) = supervise.check_alerts(hall, [], NOW + 21 * M).raised
    hall.pending.clear()
    acked = supervise.ack_alert(hall, BOSS, raised.id, NOW + 22 * M)
    assert (acked.acked_by, acked.acked_at, acked.active) == ("user:giamsat", NOW + 22 * M, True)
    assert [p[0] for p in hall.pending] == [EventType.ALERT_ACKED]
    assert hall.pending[0][1].actor == "user:giamsat"
    hall.pending.clear()
    assert supervise.ack_alert(hall, BOSS, raised.id, NOW + 30 * M) == acked
    assert hall.pending == []  # acknowledging again writes nothing
    decide.close_day(hall, BOSS, NOW + 14 * 60 * M)
    assert hall.alerts == {}
