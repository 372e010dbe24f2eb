"""The accounts' rules, without a database: which centre a manager acts on, the last
admin, devices' counters, the login throttle's arithmetic, when a device is online."""

from datetime import UTC, datetime, timedelta

import pytest

from protocol.enums import Role
from server.domain.accounts import (
    check_device,
    check_keeps_an_admin,
    check_may_touch_user,
    is_online,
    managed_site,
    user_changes,
)
from server.domain.actor import Principal
from server.domain.errors import DomainError
from server.domain.throttle import PER_ADDRESS, PER_USERNAME, refusal, wait_s

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
CENTRE = Principal("user", 1, "admin", Role.ADMIN, "a")
PROVINCE = Principal("user", 2, "tinh", Role.ADMIN, "a", province=True)


def code(fn, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as e:
        fn(*args)
    return e.value.code.value


def test_which_centre_a_manager_acts_on() -> None:
    assert managed_site(CENTRE, None, False) == "a"
    assert managed_site(CENTRE, "a", True) == "a"
    assert code(managed_site, CENTRE, "b", True) == "forbidden"
    assert managed_site(PROVINCE, "b", True) == "b"
    assert managed_site(PROVINCE, None, False) == "a"
    assert code(managed_site, PROVINCE, "zz", False) == "not-found"


def test_province_accounts_need_a_province_admin() -> None:
    check_may_touch_user(PROVINCE, True)
    check_may_touch_user(CENTRE, False)
    assert code(check_may_touch_user, CENTRE, True) == "forbidden"


def test_the_last_active_admin() -> None:
    assert code(check_keeps_an_admin, True, False, lambda: 1, "admin") == "last-admin"
    check_keeps_an_admin(True, False, lambda: 2, "admin")
    check_keeps_an_admin(True, True, lambda: 1, "admin")  # a new name, still admin

    def never() -> int:
        raise AssertionError("no need to count")

    check_keeps_an_admin(False, False, never, "canbo1")  # not an admin: nothing to count


def test_devices_and_their_counters() -> None:
    counters = [1, 2, 3]
    check_device(Role.KIOSK, None, counters)
    check_device(Role.DISPLAY, None, counters)  # the hall TV
    check_device(Role.DISPLAY, 2, counters)  # counter-top mode
    check_device(Role.RATING_PAD, 3, counters)
    assert code(check_device, Role.RATING_PAD, None, counters) == "validation-error"
    assert code(check_device, Role.RATING_PAD, 9, counters) == "unknown-counter"
    assert code(check_device, Role.KIOSK, 1, counters) == "validation-error"
    assert code(check_device, Role.CLERK, None, counters) == "validation-error"


def test_what_a_patch_logs() -> None:
    assert user_changes(False, True, True, True) == ["disabled", "password"]
    assert user_changes(True, False, False, False) == ["enabled", "updated"]
    assert user_changes(False, False, True, False) == []  # already disabled
    assert user_changes(False, False, None, True) == []


def test_throttle_waits_for_the_oldest_failure_to_leave_the_window() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (14, 10, 5, 1)]
    assert wait_s(failures, PER_USERNAME, NOW) is None  # four: the fifth may try
    five = [*failures, NOW]
    assert wait_s(five, PER_USERNAME, NOW) == 60  # the 14-minute-old one leaves in 1 min
    stale = [NOW - timedelta(minutes=20)] * 10 + failures
    assert wait_s(stale, PER_USERNAME, NOW) is None  # outside the window: forgotten
    by_address = [NOW - timedelta(minutes=2)] * PER_ADDRESS
    assert refusal([], by_address, NOW) == 13 * 60
    assert refusal(five, by_address, NOW) == 13 * 60  # the longer wait
    assert refusal(failures, [], NOW) is None


def test_online_allows_for_the_write_interval() -> None:
    assert not is_online(None, NOW, 120)
    assert is_online(NOW - timedelta(seconds=140), NOW, 120)  # 120 s + up to 30 s late
    assert not is_online(NOW - timedelta(seconds=200), NOW, 120)
