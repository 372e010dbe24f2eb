"""May a number be taken from a phone now, and why not; the rules a phone number
comes with."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from protocol.centre import CentreConfig
from protocol.errors import ErrorCode
from protocol.phone_numbers import mask_in_text, mask_phone, normal_phone
from server.domain.errors import DomainError
from server.domain.remote import check_phone, remote_left, remote_unavailable

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NINE = datetime(2026, 9, 3, 9, 0, tzinfo=HCM)  # a Thursday


def centre(remote: dict | None = None, **changes: object) -> CentreConfig:  # type: ignore[type-arg]
    svc = {"id": "a", "name": "A", "daily_limit": 5, "remote": remote or {"enabled": True}}
    return CentreConfig.model_validate(
        {"site": "s", "name": "T", "services": [svc], "counters": [{"id": 1, "services": ["a"]}]}
        | changes
    )


def test_remote_numbers_follow_the_halls_rules_then_their_own_cap() -> None:
    cfg = centre({"enabled": True, "daily_cap": 2})
    svc = cfg.services[0]
    assert remote_unavailable(cfg, svc, 0, 0, NINE) is None
    assert remote_unavailable(cfg, svc, 1, 2, NINE) == ErrorCode.REMOTE_CAP_REACHED
    assert remote_unavailable(cfg, svc, 5, 0, NINE) == ErrorCode.DAILY_LIMIT_REACHED
    assert remote_unavailable(cfg, svc, 0, 0, NINE.replace(hour=18)) == ErrorCode.OUTSIDE_HOURS
    assert (remote_left(svc, 1), remote_left(svc, 3)) == (1, 0)
    off = centre({"enabled": False})
    assert remote_unavailable(off, off.services[0], 0, 0, NINE) == ErrorCode.REMOTE_NOT_OFFERED
    assert remote_left(centre().services[0], 100) is None


@pytest.mark.parametrize(
    ("phone", "consent", "used", "required", "why"),
    [
        (None, False, 0, False, None),
        (None, False, 0, True, ErrorCode.PHONE_REQUIRED),
        ("0912345678", False, 0, False, ErrorCode.CONSENT_REQUIRED),
        ("0912345678", True, 1, False, None),
        ("0912345678", True, 2, False, ErrorCode.PHONE_LIMIT_REACHED),
    ],
)
def test_a_phone_number_needs_consent_and_stays_within_its_limit(
    phone: str | None, consent: bool, used: int, required: bool, why: ErrorCode | None
) -> None:
    cfg = centre(phones={"per_phone_per_day": 2, "phone_required": required})
    if why is None:
        check_phone(cfg, phone, consent, used)
        return
    with pytest.raises(DomainError) as e:
        check_phone(cfg, phone, consent, used)
    assert e.value.code == why


def test_numbers_are_kept_in_one_form_and_shown_masked() -> None:
    for spelled in (
        "0912345678",
        "+84 912 345 678",
        "84912345678",
        "0912.345.678",
        "(091) 234-5678",
    ):
        assert normal_phone(spelled) == "0912345678"
    for bad in ("12345", "091234567", "+1 555 0100", "09123456789012"):
        with pytest.raises(ValueError):
            normal_phone(bad)
    assert mask_phone("0912345678") == "09xx xxx 678"
    assert mask_in_text("gọi 0912 345 678 hoặc +84912345678, số 1023") == (
        "gọi 09xx xxx 678 hoặc 09xx xxx 678, số 1023"
    )
