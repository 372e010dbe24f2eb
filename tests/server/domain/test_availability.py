"""The centre's calendar: a closed day (public holiday) takes no ticket, for the same
reason the kiosk shows outside the hours; the day after opens as usual."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from server.domain.availability import open_at, unavailable

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NATIONAL_DAY = date(2026, 9, 2)  # a Wednesday


def centre(**changes: object) -> CentreConfig:
    return CentreConfig.model_validate(
        {
            "site": "s",
            "name": "Trung tâm",
            "closed_days": [NATIONAL_DAY.isoformat(), "2026-09-01"],
            "services": [{"id": "a", "name": "A"}],
            "counters": [{"id": 1, "services": ["a"]}],
            **changes,
        }
    )


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 9, day, hour, minute, tzinfo=HCM)


def test_closed_day_issues_nothing_for_the_outside_hours_reason() -> None:
    cfg = centre()
    svc = cfg.services[0]
    assert unavailable(cfg, svc, 0, at(2)) == ErrorCode.OUTSIDE_HOURS
    assert unavailable(cfg, svc, 0, at(1, 16, 59)) == ErrorCode.OUTSIDE_HOURS
    assert unavailable(cfg, svc, 0, at(3)) is None  # Thursday after the holiday
    assert unavailable(cfg, svc, 0, at(3, 6, 59)) == ErrorCode.OUTSIDE_HOURS  # before 07:00


def test_closed_day_is_the_centres_local_day() -> None:
    cfg = centre(hours={d: ["00:00", "23:59"] for d in ("mon", "tue", "wed", "thu", "fri")})
    # 2 Sept 23:30 in Hà Nội is 16:30 UTC: still the holiday; 00:30 on the 3rd is not.
    assert not open_at(cfg, datetime(2026, 9, 2, 16, 30, tzinfo=ZoneInfo("UTC")))
    assert open_at(cfg, datetime(2026, 9, 2, 17, 30, tzinfo=ZoneInfo("UTC")))


def test_centre_that_does_not_enforce_hours_ignores_its_calendar() -> None:
    cfg = centre(enforce_hours=False)
    assert unavailable(cfg, cfg.services[0], 0, at(2)) is None


def test_a_closed_field_says_so_first() -> None:
    cfg = centre(services=[{"id": "a", "name": "A", "closed": True}])
    assert unavailable(cfg, cfg.services[0], 0, at(2)) == ErrorCode.SERVICE_CLOSED
