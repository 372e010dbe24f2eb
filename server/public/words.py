"""The phone pages' own words, Vietnamese and English. What the server decides (why a
number cannot be taken now, why a booking is refused) comes with the server's Vietnamese
title; in English the page says the same in English (`problem_text`)."""

from protocol.errors import ERROR_TITLES, ErrorCode

WORDS: dict[str, tuple[str, str]] = {
    "other": ("English", "Tiếng Việt"),
    "home": ("Trang chủ", "Home"),
    "home.title": ("Lấy số thứ tự, đặt lịch hẹn", "Take a number, book a time"),
    "home.intro": (
        "Chọn lĩnh vực để lấy số ngay hoặc đặt lịch hẹn, và xem cần mang giấy tờ gì.",
        "Choose a field to take a number now or book a time, and see what to bring.",
    ),
    "today.open": ("Hôm nay mở cửa {a}–{b}", "Open today {a}–{b}"),
    "today.closed": ("Hôm nay trung tâm không làm việc", "The centre is closed today"),
    "fields": ("Chọn lĩnh vực", "Choose a field"),
    "waiting": ("{n} người đang chờ", "{n} waiting"),
    "waiting.one": ("1 người đang chờ", "1 waiting"),
    "waiting.none": ("Không có ai đang chờ", "Nobody waiting"),
    "about_min": ("khoảng {n} phút", "about {n} min"),
    "badge.remote": ("Lấy số từ xa", "Number by phone"),
    "badge.booking": ("Đặt lịch hẹn", "Booking"),
    "have_code": ("Đã đặt lịch hẹn?", "Booked already?"),
    "code": ("Mã lịch hẹn", "Booking code"),
    "see_booking": ("Xem hoặc hủy lịch hẹn", "See or cancel it"),
    # a field
    "take.box": ("Lấy số ngay", "Take a number now"),
    "take.go": ("Lấy số ngay", "Take a number now"),
    "take.left": ("Còn {n} số lấy từ xa hôm nay", "Remote numbers left today: {n}"),
    "book.box": ("Đặt lịch hẹn", "Book a time"),
    "book.about": (
        "Chọn ngày và giờ đến; mỗi khung giờ {m} phút. Đặt trước tối đa {d} ngày.",
        "Choose a day and a time; slots of {m} minutes, up to {d} days ahead.",
    ),
    "book.go": ("Chọn ngày giờ", "Choose a day and time"),
    "book.none": ("Lĩnh vực này không nhận đặt lịch hẹn.", "This field takes no bookings."),
    "procedures": ("Thủ tục của lĩnh vực", "Procedures of this field"),
    "procedures.none": ("Chưa có danh sách thủ tục.", "No procedures listed."),
    # take a number
    "take.title": ("Lấy số: {name}", "Take a number: {name}"),
    "take.now": (
        "Hiện có {n} người đang chờ, khoảng {m} phút.",
        "{n} waiting now, about {m} minutes.",
    ),
    "take.now.none": ("Hiện không có ai đang chờ.", "Nobody is waiting now."),
    "procedure": ("Thủ tục (không bắt buộc)", "Procedure (optional)"),
    "procedure.none": ("— Chưa chọn —", "— Not chosen —"),
    "take.submit": ("Lấy số", "Take the number"),
    "take.after": (
        "Sau khi lấy số, trang theo dõi cho biết còn bao nhiêu người trước bạn và quầy nào mời.",
        "Then the tracking page shows how many are ahead of you and which counter calls you.",
    ),
    # phone and consent
    "phone": ("Số điện thoại", "Phone number"),
    "phone.optional": (
        "Không bắt buộc: để nhận tin nhắn khi sắp đến lượt.",
        "Optional: to get a message when your turn is near.",
    ),
    "phone.required": (
        "Bắt buộc: trung tâm cần số điện thoại để liên hệ.",
        "Required: the centre needs a phone number to reach you.",
    ),
    "consent": ("Tôi đồng ý", "I agree"),
    "consent.off": (
        "Chưa đánh dấu đồng ý thì số điện thoại không được gửi đi.",
        "Without the tick, no phone number is sent.",
    ),
    "phone.kept": (
        "Số điện thoại được xóa sau {n} ngày.",
        "The phone number is deleted after {n} days.",
    ),
    # booking
    "book.title": ("Đặt lịch hẹn: {name}", "Book a time: {name}"),
    "book.day": ("Chọn ngày", "Choose a day"),
    "book.slot": ("Chọn giờ", "Choose a time"),
    "book.left": ("còn {n} chỗ", "{n} left"),
    "book.full": ("hết chỗ", "full"),
    "book.past": ("đã qua", "past"),
    "book.no_slot": ("Ngày này không còn giờ trống.", "No free time left on this day."),
    "book.submit": ("Đặt lịch", "Book"),
    "book.pick": ("Vui lòng chọn một giờ.", "Please choose a time."),
    # a booking
    "booking.title": ("Lịch hẹn của bạn", "Your booking"),
    "booking.code": ("Mã lịch hẹn", "Booking code"),
    "booking.when": ("Thời gian", "When"),
    "booking.field": ("Lĩnh vực", "Field"),
    "booking.procedure": ("Thủ tục", "Procedure"),
    "booking.how": (
        "Đến trung tâm đúng giờ, nhập mã này hoặc đưa mã QR vào ki-ốt để nhận số thứ tự. "
        "Đến muộn quá {n} phút thì lấy số như bình thường.",
        "Come at your time and type this code, or show the QR code, at the kiosk to get "
        "your number. More than {n} minutes late: take a normal number.",
    ),
    "booking.keep": (
        "Hãy chụp màn hình hoặc ghi lại mã này.",
        "Take a screenshot or write the code down.",
    ),
    "booking.checked_in": (
        "Đã nhận số tại ki-ốt cho lịch hẹn này.",
        "A number was taken at the kiosk for this booking.",
    ),
    "booking.phone": ("Số điện thoại", "Phone"),
    "booking.cancel": ("Hủy lịch hẹn", "Cancel the booking"),
    "booking.cancel.ask": ("Hủy lịch hẹn này?", "Cancel this booking?"),
    "booking.cancelled": ("Đã hủy lịch hẹn {code}.", "Booking {code} is cancelled."),
    "booking.cancelled.more": (
        "Chỗ của quý khách đã được trả lại cho người khác.",
        "Your place is free for someone else.",
    ),
    "booking.again": ("Đặt lịch khác", "Book another time"),
    "booking.find": ("Tìm lịch hẹn", "Find a booking"),
    # a procedure
    "info.documents": ("Thành phần hồ sơ cần mang", "Documents to bring"),
    "info.fee": ("Lệ phí", "Fee"),
    "info.result_time": ("Thời hạn giải quyết", "Time for the result"),
    "info.portal": (
        "Xem trên Cổng Dịch vụ công quốc gia",
        "See it on the National Public Service Portal",
    ),
    "info.none": (
        "Trung tâm chưa có thông tin chi tiết cho thủ tục này; cán bộ tại quầy sẽ hướng dẫn.",
        "The centre has no details for this procedure yet; the counter will tell you.",
    ),
    "info.take": ("Lấy số cho thủ tục này", "Take a number for it"),
    "info.book": ("Đặt lịch cho thủ tục này", "Book a time for it"),
    "info.field": ("Lĩnh vực: {name}", "Field: {name}"),
    # the door's poster
    "door.title": (
        "Lấy số thứ tự bằng điện thoại",
        "Take a number with your phone",
    ),
    "door.scan": (
        "Quét mã QR bằng máy ảnh điện thoại, hoặc mở địa chỉ:",
        "Scan the QR code with your phone's camera, or open:",
    ),
    "door.more": (
        "Lấy số từ xa, đặt lịch hẹn, xem giấy tờ cần mang. Không cần cài ứng dụng.",
        "Take a number remotely, book a time, see what to bring. No app to install.",
    ),
    "door.print": ("In áp phích", "Print the poster"),
    # problems
    "problem": ("Chưa thực hiện được", "Not done"),
    "not_found": ("Không tìm thấy trang này.", "This page was not found."),
    "back": ("Quay lại", "Back"),
    "weekday": ("T2 T3 T4 T5 T6 T7 CN", "Mon Tue Wed Thu Fri Sat Sun"),
    "weekday.long": (
        "Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật",
        "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
    ),
    "today": ("Hôm nay", "Today"),
}

# The server's refusals in English (the Vietnamese is the server's own title).
PROBLEMS_EN: dict[str, str] = {
    ErrorCode.REMOTE_NOT_OFFERED: "This field does not take numbers by phone; please take "
    "one at the centre",
    ErrorCode.REMOTE_CAP_REACHED: "Today's numbers by phone for this field are all taken; "
    "please take one at the centre",
    ErrorCode.BOOKING_NOT_OFFERED: "This field takes no bookings",
    ErrorCode.SLOT_UNAVAILABLE: "This time cannot be booked; please choose another",
    ErrorCode.SLOT_FULL: "This time is full; please choose another",
    ErrorCode.UNKNOWN_APPOINTMENT: "No booking with this code",
    ErrorCode.PHONE_REQUIRED: "The centre needs your phone number to take a number or book",
    ErrorCode.CONSENT_REQUIRED: "Please tick the box to agree before giving a phone number",
    ErrorCode.PHONE_LIMIT_REACHED: "This phone number has taken or booked as many times as "
    "allowed today",
    ErrorCode.RATE_LIMITED: "Too many requests; please try again in a little while",
    ErrorCode.VALIDATION: "Please check what you typed",
    ErrorCode.OUTSIDE_HOURS: "The centre is not open now",
    ErrorCode.SERVICE_CLOSED: "This field is not taking numbers now",
    ErrorCode.DAILY_LIMIT_REACHED: "Today's numbers for this field are all taken",
    ErrorCode.UNKNOWN_SERVICE: "No such field",
    ErrorCode.UNKNOWN_PROCEDURE: "No such procedure in this field",
    ErrorCode.NOT_FOUND: "Not found",
}


def word(key: str, lang: str, **values: object) -> str:
    vi, en = WORDS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def problem_text(code: str | None, title: str | None, lang: str) -> str:
    """What the page says for a refusal: the server's title, or its English."""
    if lang == "en" and code in PROBLEMS_EN:
        return PROBLEMS_EN[code]
    if title:
        return title
    try:
        return ERROR_TITLES[ErrorCode(code or "")]
    except (ValueError, KeyError):
        return word("problem", lang)
