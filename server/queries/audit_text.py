"""Each event of the log said in plain words, in Vietnamese and in English:
"Nguyễn Thị Lan gọi số 1023 tại quầy 5 lúc 09:12:04".

One pair of templates per event type (per change, for accounts and devices); the words
that fill them come from the event's data, the people's and devices' names (`Names`) and
the centre file, times in the centre's time zone. Where an event holds its counter and
its ticket number (`COUNTER_AT`, `NUMBER_AT`) is said once, here: the audit query filters
on the same paths.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import ValidationError

from protocol.admin import AuditRow
from protocol.centre import CentreConfig
from protocol.events import Event, EventType

Lang = Literal["vi", "en"]
Path = tuple[str, ...]

# Where an event's data holds the counter it concerns and the ticket number, first found
# first: a transfer's own counter before the counter it sends the ticket to.
COUNTER_AT: tuple[Path, ...] = (
    ("counter", "id"),
    ("rating", "counter_id"),
    ("alert", "counter"),
    ("to_counter_id",),
)
NUMBER_AT: tuple[Path, ...] = (("ticket", "number"), ("number",))

T = EventType
TEMPLATES: dict[str, tuple[str, str]] = {
    T.TICKET_ISSUED: (
        "{who} cấp số {number} — {service} — lúc {time}",
        "{who} issued number {number} — {service} — at {time}",
    ),
    T.TICKET_CALLED: (
        "{who} gọi số {number} tại quầy {counter} lúc {time}",
        "{who} called number {number} to counter {counter} at {time}",
    ),
    T.TICKET_RECALLED: (
        "{who} gọi lại số {number} tại quầy {counter} lúc {time}",
        "{who} called number {number} again to counter {counter} at {time}",
    ),
    T.TICKET_STARTED: (
        "{who} bắt đầu phục vụ số {number} tại quầy {counter} lúc {time}",
        "{who} started serving number {number} at counter {counter} at {time}",
    ),
    T.TICKET_FINISHED: (
        "{who} hoàn thành số {number} tại quầy {counter} lúc {time}",
        "{who} finished number {number} at counter {counter} at {time}",
    ),
    T.TICKET_NO_SHOW: (
        "{who} ghi vắng mặt số {number} tại quầy {counter} lúc {time}",
        "{who} marked number {number} absent at counter {counter} at {time}",
    ),
    T.TICKET_RETURNED: (
        "{who} nhận lại số {number} vào hàng chờ tại quầy {counter} lúc {time}",
        "{who} took number {number} back into the queue at counter {counter} at {time}",
    ),
    T.TICKET_TRANSFERRED: (
        "{who} chuyển số {number} từ quầy {counter} sang {to} lúc {time}",
        "{who} transferred number {number} from counter {counter} to {to} at {time}",
    ),
    T.TICKET_CANCELLED: (
        "{who} hủy số {number} — {service} — lúc {time}",
        "{who} cancelled number {number} — {service} — at {time}",
    ),
    T.TICKET_PRINT_FAILED: (
        "{who} không in được số {number} ({reason}) lúc {time}",
        "{who} could not print number {number} ({reason}) at {time}",
    ),
    T.TICKET_MOVED: (
        "{who} đưa số {number} lên đầu hàng chờ {service} ({reason}) lúc {time}",
        "{who} moved number {number} to the front of {service} ({reason}) at {time}",
    ),
    T.COUNTER_OPENED: (
        "Quầy {counter} mở lúc {time} — {who}",
        "Counter {counter} opened at {time} — {who}",
    ),
    T.COUNTER_PAUSED: (
        "Quầy {counter} tạm nghỉ ({reason}) lúc {time} — {who}",
        "Counter {counter} paused ({reason}) at {time} — {who}",
    ),
    T.COUNTER_RESUMED: (
        "Quầy {counter} làm việc trở lại lúc {time} — {who}",
        "Counter {counter} resumed at {time} — {who}",
    ),
    T.COUNTER_CLOSED: (
        "Quầy {counter} đóng lúc {time} — {who}",
        "Counter {counter} closed at {time} — {who}",
    ),
    T.RATING_SUBMITTED: (
        "Công dân số {number} đánh giá quầy {counter}: {level} lúc {time}",
        "Number {number} rated counter {counter}: {level} at {time}",
    ),
    T.DAY_CLOSED: (
        "{who} kết thúc ngày {day}, hủy {cancelled} số còn chờ, lúc {time}",
        "{who} closed the day {day}, cancelling {cancelled} waiting numbers, at {time}",
    ),
    T.CONFIG_CHANGED: (
        "{who} thay đổi cấu hình trung tâm (phiên bản {version}) lúc {time}",
        "{who} changed the centre's configuration (version {version}) at {time}",
    ),
    T.APPOINTMENT_BOOKED: (
        "{who} đặt lịch hẹn {code} — {service} — khung giờ {slot} lúc {time}",
        "{who} booked {code} — {service} — for {slot} at {time}",
    ),
    T.APPOINTMENT_CANCELLED: (
        "{who} hủy lịch hẹn {code} — {service} — khung giờ {slot} lúc {time}",
        "{who} cancelled booking {code} — {service} — for {slot} at {time}",
    ),
    T.PERSONAL_DATA_ERASED: (
        "{who} xóa dữ liệu cá nhân theo yêu cầu ({tickets} số, {appointments} lịch hẹn) lúc {time}",
        "{who} erased a person's data on request ({tickets} numbers, {appointments} "
        "bookings) at {time}",
    ),
    T.USER_CHANGED: (
        "{who} thay đổi tài khoản {username} ({change}) lúc {time}",
        "{who} changed account {username} ({change}) at {time}",
    ),
    "user.changed:created": (
        "{who} tạo tài khoản {username} ({role}) lúc {time}",
        "{who} created account {username} ({role}) at {time}",
    ),
    "user.changed:updated": (
        "{who} sửa tài khoản {username} lúc {time}",
        "{who} updated account {username} at {time}",
    ),
    "user.changed:password": (
        "{who} đặt mật khẩu mới cho tài khoản {username} lúc {time}",
        "{who} set a new password for account {username} at {time}",
    ),
    "user.changed:disabled": (
        "{who} khóa tài khoản {username} lúc {time}",
        "{who} disabled account {username} at {time}",
    ),
    "user.changed:enabled": (
        "{who} mở khóa tài khoản {username} lúc {time}",
        "{who} enabled account {username} at {time}",
    ),
    T.DEVICE_CHANGED: (
        "{who} thay đổi thiết bị {name} ({change}) lúc {time}",
        "{who} changed device {name} ({change}) at {time}",
    ),
    "device.changed:added": (
        "{who} thêm thiết bị {name} ({role}) lúc {time}",
        "{who} added device {name} ({role}) at {time}",
    ),
    "device.changed:revoked": (
        "{who} thu hồi thiết bị {name} lúc {time}",
        "{who} revoked device {name} at {time}",
    ),
    T.LOGIN_REFUSED: (
        "Tạm khóa đăng nhập tài khoản {username}{address} sau nhiều lần sai mật khẩu,"
        " trong {retry} giây, lúc {time}",
        "Logins to account {username}{address} refused after too many failures,"
        " for {retry} s, at {time}",
    ),
    T.ALERT_RAISED: ("Cảnh báo: {alert} lúc {time}", "Alert: {alert} at {time}"),
    T.ALERT_CLEARED: ("Hết cảnh báo: {alert} lúc {time}", "Alert over: {alert} at {time}"),
    T.ALERT_ACKED: (
        "{who} đã nhận cảnh báo: {alert} lúc {time}",
        "{who} acknowledged the alert: {alert} at {time}",
    ),
}
_UNREADABLE = ("{who}: {type} lúc {time}", "{who}: {type} at {time}")

WORDS: dict[Lang, dict[str, str]] = {
    "vi": {
        "system": "Hệ thống",
        "public": "Công dân (qua điện thoại)",
        "to_counter": "quầy {}",
        "to_service": "lĩnh vực {}",
        "from": " (từ {})",
        "admin": "quản trị viên",
        "supervisor": "giám sát viên",
        "clerk": "cán bộ",
        "kiosk": "kiosk",
        "display": "màn hình",
        "rating-pad": "thiết bị đánh giá",
    },
    "en": {
        "system": "System",
        "public": "A citizen (by phone)",
        "to_counter": "counter {}",
        "to_service": "the {} field",
        "from": " (from {})",
        "admin": "admin",
        "supervisor": "supervisor",
        "clerk": "clerk",
        "kiosk": "kiosk",
        "display": "display",
        "rating-pad": "rating pad",
    },
}


@dataclass(frozen=True)
class Names:
    """What the words need beyond the event: the centre file, users' full names by
    username, devices' roles by name."""

    cfg: CentreConfig
    users: dict[str, str | None]
    devices: dict[str, str]

    def actor(self, actor: str, lang: Lang) -> str:
        kind, _, name = actor.partition(":")
        if kind == "user":
            return self.users.get(name) or name
        if kind == "device":
            role = self.devices.get(name)
            word = WORDS[lang].get(role or "", "")
            return f"{word[:1].upper()}{word[1:]} {name}" if word else name
        if kind in ("system", "public"):
            return WORDS[lang][kind]
        return actor

    def service(self, service_id: str | None, lang: Lang) -> str | None:
        svc = self.cfg.service(service_id) if service_id else None
        if svc is None:
            return service_id
        return (svc.name_en or svc.name) if lang == "en" else svc.name

    def level(self, code: str, lang: Lang) -> str:
        lv = next((lv for lv in self.cfg.rating_levels if lv.code == code), None)
        if lv is None:
            return code
        return (lv.name_en or lv.name) if lang == "en" else lv.name


def first_at(data: dict[str, Any], paths: tuple[Path, ...]) -> Any:
    """The first value found at one of `paths` of an event's stored data."""
    for path in paths:
        v: Any = data
        for key in path:
            v = v.get(key) if isinstance(v, dict) else None
        if v is not None:
            return v
    return None


def audit_row(
    seq: int, at: datetime, type_: str, actor: str, data: dict[str, Any], names: Names
) -> AuditRow:
    raw = {"seq": seq, "at": at, "type": type_, "actor": actor, "data": data}
    try:
        event: Event | None = Event.model_validate({**raw, "site": names.cfg.site})
    except (ValidationError, ValueError):  # an event from an older or newer server
        event = None
    counter, number = first_at(data, COUNTER_AT), first_at(data, NUMBER_AT)
    return AuditRow(
        seq=seq,
        at=at,
        type=type_,
        actor=actor,
        actor_name=names.actor(actor, "vi"),
        counter=counter if isinstance(counter, int) else None,
        number=str(number) if number is not None else None,
        text=say(event, raw, names, "vi"),
        text_en=say(event, raw, names, "en"),
    )


def say(event: Event | None, raw: dict[str, Any], names: Names, lang: Lang) -> str:
    local = raw["at"].astimezone(names.cfg.tz)
    base = {"who": names.actor(raw["actor"], lang), "time": local.strftime("%H:%M:%S")}
    if event is None:
        return _fill(_UNREADABLE, lang, {**base, "type": raw["type"]})
    fields = {**base, **_fields(event, raw["data"], names, lang)}
    change = fields.get("change")
    template = TEMPLATES.get(f"{event.type.value}:{change}") or TEMPLATES[event.type]
    return _fill(template, lang, fields)


def _fields(e: Event, raw: dict[str, Any], names: Names, lang: Lang) -> dict[str, Any]:
    d, w = dict(e.data), WORDS[lang]  # the typed data's fields, by name
    ticket, rating, alert = d.get("ticket"), d.get("rating"), d.get("alert")
    to_counter, to_service = d.get("to_counter_id"), d.get("to_service_id")
    address, role = d.get("address"), d.get("role")
    return {
        **d,
        "number": first_at(raw, NUMBER_AT),
        "counter": first_at(raw, COUNTER_AT),
        "service": names.service(ticket.service_id if ticket else d.get("service_id"), lang),
        "slot": _slot(d.get("slot_start"), names),
        "to": w["to_counter"].format(to_counter)
        if to_counter is not None
        else w["to_service"].format(names.service(to_service, lang))
        if to_service is not None
        else None,
        "level": names.level(rating.level, lang) if rating else None,
        "day": _day(d.get("day"), lang),
        "cancelled": len(d.get("cancelled") or []),
        "role": w.get(role, role) if role else None,
        "address": w["from"].format(address) if address else "",
        "retry": d.get("retry_after_s"),
        "alert": (alert.text_en if lang == "en" else alert.text) if alert else None,
    }


def _slot(at: Any, names: Names) -> str | None:
    return at.astimezone(names.cfg.tz).strftime("%H:%M %d/%m/%Y") if at else None


def _day(iso: str | None, lang: Lang) -> str | None:
    if not iso or lang == "en":
        return iso
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


class _Blanks(dict[str, Any]):
    """A template's missing value reads "…", never "None"."""

    def __missing__(self, key: str) -> str:
        return "…"


def _fill(template: tuple[str, str], lang: Lang, fields: dict[str, Any]) -> str:
    text = template[0] if lang == "vi" else template[1]
    return text.format_map(_Blanks({k: v for k, v in fields.items() if v is not None}))
