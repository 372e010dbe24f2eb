"""The centre file's settings for citizens' phones: remote numbers and booked times per
field, and the centre's limits, consent text and retention of phone numbers."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

_STRICT = ConfigDict(extra="forbid")


class RemoteConf(BaseModel):
    """Numbers taken from a phone for this field (today, during its hours)."""

    model_config = _STRICT
    enabled: bool = False
    daily_cap: int | None = Field(default=None, ge=1)  # remote numbers a day; None: no cap


class SlotConf(BaseModel):
    """Booked times for this field: slots of `length_min` from opening to closing on the
    centre's open days, `capacity` citizens each, bookable `days_ahead` days ahead; a
    citizen checks in at the kiosk up to `tolerance_min` after the slot starts (later:
    a normal number)."""

    model_config = _STRICT
    enabled: bool = False
    length_min: int = Field(default=15, ge=5, le=240)
    capacity: int = Field(default=2, ge=1, le=100)
    days_ahead: int = Field(default=14, ge=1, le=90)
    tolerance_min: int = Field(default=15, ge=0, le=120)
    closed_days: list[date] = Field(default_factory=list)  # besides the centre's own


DEFAULT_CONSENT = (
    "Tôi đồng ý cung cấp số điện thoại để trung tâm gửi tin nhắn báo sắp đến lượt và mời "
    "đến quầy cho số thứ tự hoặc lịch hẹn này. Số điện thoại chỉ dùng cho mục đích đó và "
    "được xóa sau thời hạn lưu trữ của trung tâm."
)
DEFAULT_CONSENT_EN = (
    "I agree to give my phone number so that the centre can message me when my turn is "
    "near and when I am called, for this number or booking only. It is used for nothing "
    "else and deleted after the centre's retention period."
)


class PhonesConf(BaseModel):
    """Citizens' phones: limits, consent and how long their numbers are kept
    (Decree 13/2023/NĐ-CP; Law 91/2025/QH15)."""

    model_config = _STRICT
    per_phone_per_day: int = Field(default=2, ge=1, le=20)  # numbers + bookings
    per_address_per_hour: int = Field(default=10, ge=1, le=1000)
    phone_required: bool = False  # a phone number needed to take a number or book
    consent_text: str = DEFAULT_CONSENT
    consent_text_en: str = DEFAULT_CONSENT_EN
    retention_days: int = Field(default=30, ge=1, le=365)
    sms: bool = False  # also send SMS/Zalo through MOTCUA_NOTIFIER_URL
