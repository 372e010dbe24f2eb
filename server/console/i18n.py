"""The console's own words, Vietnamese and English. What the server says (error titles,
the audit's and alerts' sentences, field names) comes from the server, not from here.

`t(key, lang, **values)`; a page written by another module adds its words with
`add({...})` at import time (keys must not collide)."""

from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
DEFAULT: Lang = "vi"

TEXTS: dict[str, tuple[str, str]] = {
    # shell
    "console": ("Bảng điều khiển", "Console"),
    "logout": ("Đăng xuất", "Log out"),
    "alerts_badge": ("Cảnh báo", "Alerts"),
    "nav.hall": ("Sảnh chờ", "Hall"),
    "nav.alerts": ("Cảnh báo", "Alerts"),
    "nav.audit": ("Nhật ký", "Audit trail"),
    "nav.users": ("Tài khoản", "Users"),
    "nav.devices": ("Thiết bị", "Devices"),
    "nav.centre": ("Cấu hình trung tâm", "Centre configuration"),
    "role.admin": ("Quản trị viên", "Administrator"),
    "role.supervisor": ("Giám sát viên", "Supervisor"),
    "role.clerk": ("Cán bộ", "Clerk"),
    "role.kiosk": ("Ki-ốt lấy số", "Kiosk"),
    "role.display": ("Màn hình sảnh", "Hall display"),
    "role.rating-pad": ("Thiết bị đánh giá", "Rating pad"),
    "admins_only": (
        "Trang này dành cho quản trị viên.",
        "This page is for administrators.",
    ),
    "no_data": ("Không có dữ liệu", "No data"),
    "confirm": ("Xác nhận", "Confirm"),
    "back": ("Quay lại", "Back"),
    "save": ("Lưu", "Save"),
    "close": ("Đóng", "Close"),
    "done": ("Đã thực hiện", "Done"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "updated": ("Cập nhật lúc {time}", "Updated at {time}"),
    "retry_in": ("Thử lại sau {s} giây.", "Try again in {s} s."),
    "invalid_input": ("Dữ liệu nhập chưa hợp lệ", "Some input is not valid"),
    # login
    "login.title": ("Đăng nhập", "Log in"),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.clerk": (
        "Bảng điều khiển dành cho giám sát viên và quản trị viên. Cán bộ quầy dùng ứng dụng quầy.",
        "The console is for supervisors and administrators. Clerks use the counter app.",
    ),
    "login.required": ("Hãy nhập tên đăng nhập và mật khẩu", "Enter a username and a password"),
    # hall
    "hall.title": ("Sảnh chờ trực tiếp", "Live hall"),
    "hall.counters": ("Quầy", "Counters"),
    "hall.fields": ("Lĩnh vực", "Fields"),
    "hall.waiting": ("Danh sách chờ", "Waiting list"),
    "hall.counter_no": ("Quầy {n}", "Counter {n}"),
    "status.open": ("Đang mở", "Open"),
    "status.paused": ("Tạm nghỉ", "Paused"),
    "status.closed": ("Đóng", "Closed"),
    "hall.no_clerk": ("Chưa có cán bộ", "No clerk"),
    "hall.serving": ("Đang phục vụ {number}", "Serving {number}"),
    "hall.called": ("Đang gọi {number}", "Calling {number}"),
    "hall.idle": ("Chưa gọi số", "Idle"),
    "hall.for": ("{d}", "{d}"),
    "hall.paused_for": ("nghỉ {d}", "paused {d}"),
    "hall.serving_for": ("{d}", "{d}"),
    "col.field": ("Lĩnh vực", "Field"),
    "col.waiting": ("Đang chờ", "Waiting"),
    "col.longest": ("Chờ lâu nhất", "Longest wait"),
    "col.estimate": ("Ước tính chờ", "Estimated wait"),
    "col.number": ("Số", "Number"),
    "col.place": ("Thứ tự", "Place"),
    "col.issued": ("Lấy số lúc", "Taken at"),
    "col.waited": ("Đã chờ", "Waited"),
    "col.priority": ("Ưu tiên", "Priority"),
    "col.actions": ("Thao tác", "Actions"),
    "act.cancel": ("Hủy số", "Cancel"),
    "act.transfer": ("Chuyển lĩnh vực", "Transfer"),
    "act.front": ("Ưu tiên lên đầu", "Move to front"),
    "ask.cancel": (
        "Hủy số {number}? Công dân sẽ không được gọi nữa.",
        "Cancel number {number}? The citizen will not be called.",
    ),
    "ask.transfer": ("Chuyển số {number} sang lĩnh vực:", "Transfer number {number} to field:"),
    "ask.front": (
        "Đưa số {number} lên đầu hàng. Lý do:",
        "Move number {number} to the front. Reason:",
    ),
    "reason": ("Lý do", "Reason"),
    "reason_required": ("Hãy nhập lý do", "Enter a reason"),
    "field_required": ("Hãy chọn lĩnh vực", "Choose a field"),
    "min": ("{n} phút", "{n} min"),
    # alerts
    "alerts.title": ("Cảnh báo hôm nay", "Today's alerts"),
    "alerts.ack": ("Đã xem", "Acknowledge"),
    "alerts.acked": ("{who} đã xem lúc {time}", "Acknowledged by {who} at {time}"),
    "alerts.active": ("Đang xảy ra", "Active"),
    "alerts.ended": ("Đã hết", "Ended"),
    "alerts.none": ("Không có cảnh báo nào", "No alerts"),
    "alerts.new": ("Cảnh báo mới: {text}", "New alert: {text}"),
    "alerts.unavailable": ("Chưa có danh sách cảnh báo", "Alerts are not available"),
    "kind.long-wait": ("Chờ lâu", "Long wait"),
    "kind.long-pause": ("Nghỉ lâu", "Long pause"),
    "kind.idle-counter": ("Quầy không gọi số", "Idle counter"),
    "kind.printer": ("Máy in", "Printer"),
    "kind.device-offline": ("Thiết bị mất kết nối", "Device offline"),
    "col.kind": ("Loại", "Kind"),
    "col.since": ("Từ lúc", "Since"),
    "col.text": ("Nội dung", "What"),
    "col.state": ("Trạng thái", "State"),
    # audit
    "audit.title": ("Nhật ký hoạt động", "Audit trail"),
    "audit.day": ("Ngày", "Day"),
    "audit.actor": ("Người thực hiện", "Actor"),
    "audit.counter": ("Quầy", "Counter"),
    "audit.number": ("Số thứ tự", "Ticket number"),
    "audit.filter": ("Lọc", "Filter"),
    "audit.older": ("Cũ hơn", "Older"),
    "audit.newest": ("Mới nhất", "Newest"),
    "audit.bad_day": ("Ngày phải có dạng dd/mm/yyyy", "The day must be yyyy-mm-dd"),
    "col.time": ("Thời gian", "Time"),
    "col.event": ("Sự việc", "Event"),
    # users
    "users.title": ("Tài khoản", "User accounts"),
    "users.add": ("Thêm tài khoản", "Add a user"),
    "users.edit": ("Sửa tài khoản {username}", "Edit {username}"),
    "users.new_password": ("Mật khẩu mới (để trống: giữ nguyên)", "New password (empty: keep)"),
    "users.disable": ("Khóa", "Disable"),
    "users.enable": ("Mở khóa", "Enable"),
    "users.disabled": ("Đã khóa", "Disabled"),
    "users.active": ("Đang dùng", "Active"),
    "users.ask_disable": (
        "Khóa tài khoản {username}? Các phiên đang mở sẽ kết thúc ngay.",
        "Disable {username}? Their open sessions end at once.",
    ),
    "users.saved": ("Đã lưu tài khoản {username}", "Saved {username}"),
    "col.username": ("Tên đăng nhập", "Username"),
    "col.full_name": ("Họ và tên", "Full name"),
    "col.role": ("Vai trò", "Role"),
    "edit": ("Sửa", "Edit"),
    # devices
    "devices.title": ("Thiết bị", "Devices"),
    "devices.add": ("Thêm thiết bị", "Add a device"),
    "devices.name": ("Tên thiết bị", "Device name"),
    "devices.counter": ("Quầy (thiết bị đánh giá)", "Counter (rating pad)"),
    "devices.revoke": ("Thu hồi", "Revoke"),
    "devices.ask_revoke": (
        "Thu hồi thiết bị {name}? Thiết bị sẽ bị từ chối ngay.",
        "Revoke {name}? It is refused from now on.",
    ),
    "devices.token": ("Mã truy cập của {name}", "Access token of {name}"),
    "devices.token_warning": (
        "Mã này chỉ hiện một lần. Hãy sao chép và nhập vào thiết bị ngay; máy chủ chỉ giữ "
        "bản băm của nó.",
        "This token is shown once. Copy it into the device now; the server keeps only its hash.",
    ),
    "devices.copy": ("Sao chép", "Copy"),
    "devices.copied": ("Đã sao chép", "Copied"),
    "devices.online": ("Trực tuyến", "Online"),
    "devices.offline": ("Mất kết nối", "Offline"),
    "devices.revoked": ("Đã thu hồi", "Revoked"),
    "devices.never": ("Chưa kết nối", "Never seen"),
    "col.name": ("Tên", "Name"),
    "col.counter": ("Quầy", "Counter"),
    "col.last_seen": ("Lần cuối", "Last seen"),
    "col.printer": ("Máy in", "Printer"),
    "printer.ok": ("Bình thường", "OK"),
    # centre (the console-centre page replaces the stub)
    "centre.title": ("Cấu hình trung tâm", "Centre configuration"),
    "centre.soon": ("Trang cấu hình đang được xây dựng.", "The configuration page is coming."),
}


def add(texts: dict[str, tuple[str, str]]) -> None:
    """Another page's words (keys must be new)."""
    taken = TEXTS.keys() & texts.keys()
    if taken:
        raise ValueError(f"console texts defined twice: {sorted(taken)}")
    TEXTS.update(texts)


def t(key: str, lang: str, **values: object) -> str:
    vi, en = TEXTS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def lang_of(value: object) -> Lang:
    return "en" if value == "en" else "vi"
