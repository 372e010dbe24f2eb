"""Stable error codes with the Vietnamese titles a client may show as is."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ErrorCode(StrEnum):
    QUEUE_EMPTY = "queue-empty"
    COUNTER_PAUSED = "counter-paused"
    COUNTER_CLOSED = "counter-closed"
    COUNTER_BUSY = "counter-busy"
    COUNTER_IDLE = "counter-idle"
    COUNTER_TAKEN = "counter-taken"
    NO_SHOW_TOO_EARLY = "no-show-too-early"
    SERVICE_CLOSED = "service-closed"
    OUTSIDE_HOURS = "outside-hours"
    DAILY_LIMIT_REACHED = "daily-limit-reached"
    NOT_YOUR_COUNTER = "not-your-counter"
    INVALID_TRANSITION = "invalid-transition"
    TICKET_NOT_WAITING = "ticket-not-waiting"
    TOO_MANY_TICKETS = "too-many-tickets"
    ALREADY_RATED = "already-rated"
    NOT_RATABLE = "not-ratable"
    UNKNOWN_SERVICE = "unknown-service"
    UNKNOWN_PROCEDURE = "unknown-procedure"
    UNKNOWN_COUNTER = "unknown-counter"
    UNKNOWN_TICKET = "unknown-ticket"
    UNKNOWN_PRIORITY = "unknown-priority"
    UNKNOWN_RATING_LEVEL = "unknown-rating-level"
    APPOINTMENT_INVALID = "appointment-invalid"
    APPOINTMENT_USED = "appointment-used"
    IDEMPOTENCY_CONFLICT = "idempotency-conflict"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency-key-required"
    UNKNOWN_REASON = "unknown-reason"
    UNKNOWN_USER = "unknown-user"
    UNKNOWN_DEVICE = "unknown-device"
    UNKNOWN_ALERT = "unknown-alert"
    NAME_TAKEN = "name-taken"
    FIELD_IN_USE = "field-in-use"
    CENTRE_INVALID = "centre-invalid"
    TOO_MANY_LOGINS = "too-many-logins"
    LAST_ADMIN = "last-admin"
    REMOTE_NOT_OFFERED = "remote-not-offered"
    REMOTE_CAP_REACHED = "remote-cap-reached"
    BOOKING_NOT_OFFERED = "booking-not-offered"
    SLOT_UNAVAILABLE = "slot-unavailable"
    SLOT_FULL = "slot-full"
    UNKNOWN_APPOINTMENT = "unknown-appointment"
    PHONE_REQUIRED = "phone-required"
    CONSENT_REQUIRED = "consent-required"
    PHONE_LIMIT_REACHED = "phone-limit-reached"
    RATE_LIMITED = "too-many-requests"
    VALIDATION = "validation-error"
    MALFORMED = "malformed-request"
    TOO_LARGE = "payload-too-large"
    UNAUTHENTICATED = "unauthenticated"
    BAD_CREDENTIALS = "bad-credentials"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not-found"
    METHOD_NOT_ALLOWED = "method-not-allowed"
    CONFLICT = "conflict"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal-error"


ERROR_TITLES: dict[ErrorCode, str] = {
    ErrorCode.QUEUE_EMPTY: "Không còn công dân nào đang chờ",
    ErrorCode.COUNTER_PAUSED: "Quầy đang tạm nghỉ",
    ErrorCode.COUNTER_CLOSED: "Quầy chưa mở",
    ErrorCode.COUNTER_BUSY: "Quầy đang phục vụ một số khác, hãy hoàn thành trước",
    ErrorCode.COUNTER_IDLE: "Quầy chưa gọi số nào",
    ErrorCode.COUNTER_TAKEN: "Quầy đang do cán bộ khác phụ trách",
    ErrorCode.NO_SHOW_TOO_EARLY: "Chưa thể ghi vắng mặt: hãy gọi lại và chờ công dân đến quầy",
    ErrorCode.SERVICE_CLOSED: "Lĩnh vực này đang tạm ngừng tiếp nhận",
    ErrorCode.OUTSIDE_HOURS: "Ngoài giờ tiếp nhận hồ sơ",
    ErrorCode.DAILY_LIMIT_REACHED: "Đã hết số thứ tự trong ngày cho lĩnh vực này",
    ErrorCode.NOT_YOUR_COUNTER: "Bạn không phụ trách quầy này",
    ErrorCode.INVALID_TRANSITION: "Thao tác không hợp lệ với trạng thái hiện tại của số",
    ErrorCode.TICKET_NOT_WAITING: "Số này không còn trong hàng chờ",
    ErrorCode.TOO_MANY_TICKETS: "Bạn đã lấy quá nhiều số, vui lòng chờ một lát",
    ErrorCode.ALREADY_RATED: "Số này đã được đánh giá",
    ErrorCode.NOT_RATABLE: "Số này chưa được phục vụ xong nên chưa thể đánh giá",
    ErrorCode.UNKNOWN_SERVICE: "Không tìm thấy lĩnh vực",
    ErrorCode.UNKNOWN_PROCEDURE: "Không tìm thấy thủ tục",
    ErrorCode.UNKNOWN_COUNTER: "Không tìm thấy quầy",
    ErrorCode.UNKNOWN_TICKET: "Không tìm thấy số thứ tự",
    ErrorCode.UNKNOWN_PRIORITY: "Không có nhóm ưu tiên này",
    ErrorCode.UNKNOWN_RATING_LEVEL: "Mức đánh giá không hợp lệ",
    ErrorCode.APPOINTMENT_INVALID: "Mã lịch hẹn không đúng hoặc không phải hôm nay",
    ErrorCode.APPOINTMENT_USED: "Mã lịch hẹn đã được sử dụng",
    ErrorCode.IDEMPOTENCY_CONFLICT: "Khóa Idempotency-Key đã dùng cho một yêu cầu khác",
    ErrorCode.IDEMPOTENCY_KEY_REQUIRED: "Thiếu khóa Idempotency-Key cho yêu cầu lấy số",
    ErrorCode.UNKNOWN_REASON: "Lý do không có trong danh sách của trung tâm",
    ErrorCode.UNKNOWN_USER: "Không tìm thấy tài khoản",
    ErrorCode.UNKNOWN_DEVICE: "Không tìm thấy thiết bị",
    ErrorCode.UNKNOWN_ALERT: "Không tìm thấy cảnh báo",
    ErrorCode.NAME_TAKEN: "Tên này đã được dùng",
    ErrorCode.FIELD_IN_USE: "Lĩnh vực còn công dân đang chờ, hãy chọn cách xử lý các số này",
    ErrorCode.CENTRE_INVALID: "Cấu hình trung tâm không hợp lệ",
    ErrorCode.TOO_MANY_LOGINS: "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau",
    ErrorCode.LAST_ADMIN: "Trung tâm cần ít nhất một quản trị viên đang hoạt động",
    ErrorCode.REMOTE_NOT_OFFERED: (
        "Lĩnh vực này không nhận lấy số qua điện thoại, vui lòng lấy số tại trung tâm"
    ),
    ErrorCode.REMOTE_CAP_REACHED: (
        "Đã hết số lấy qua điện thoại trong ngày cho lĩnh vực này, vui lòng lấy số tại trung tâm"
    ),
    ErrorCode.BOOKING_NOT_OFFERED: "Lĩnh vực này không nhận đặt lịch hẹn",
    ErrorCode.SLOT_UNAVAILABLE: "Khung giờ này không nhận đặt lịch, vui lòng chọn khung giờ khác",
    ErrorCode.SLOT_FULL: "Khung giờ này đã hết chỗ, vui lòng chọn khung giờ khác",
    ErrorCode.UNKNOWN_APPOINTMENT: "Không tìm thấy lịch hẹn",
    ErrorCode.PHONE_REQUIRED: "Trung tâm cần số điện thoại của quý khách để lấy số hoặc đặt lịch",
    ErrorCode.CONSENT_REQUIRED: (
        "Quý khách cần đồng ý cho trung tâm sử dụng số điện thoại trước khi gửi số điện thoại"
    ),
    ErrorCode.PHONE_LIMIT_REACHED: (
        "Số điện thoại này đã lấy số hoặc đặt lịch đủ số lần cho phép trong ngày"
    ),
    ErrorCode.RATE_LIMITED: "Quá nhiều yêu cầu, vui lòng thử lại sau ít giây",
    ErrorCode.VALIDATION: "Dữ liệu gửi lên không hợp lệ",
    ErrorCode.MALFORMED: "Yêu cầu không đúng định dạng",
    ErrorCode.TOO_LARGE: "Dữ liệu gửi lên quá lớn",
    ErrorCode.UNAUTHENTICATED: "Chưa đăng nhập hoặc phiên đã hết hạn",
    ErrorCode.BAD_CREDENTIALS: "Sai tên đăng nhập hoặc mật khẩu",
    ErrorCode.FORBIDDEN: "Bạn không có quyền thực hiện thao tác này",
    ErrorCode.NOT_FOUND: "Không tìm thấy",
    ErrorCode.METHOD_NOT_ALLOWED: "Phương thức không được hỗ trợ",
    ErrorCode.CONFLICT: "Xung đột dữ liệu, vui lòng thử lại",
    ErrorCode.UNAVAILABLE: "Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút",
    ErrorCode.INTERNAL: "Lỗi hệ thống",
}


class FieldError(BaseModel):
    """One invalid input of a `validation-error` problem."""

    loc: list[str | int]  # e.g. ["body", "service_id"]
    msg: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details. `type` is the stable code, `title` Vietnamese."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None  # `validation-error` only

    @property
    def code(self) -> str:
        return self.type
