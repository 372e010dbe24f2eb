"""Every text the kiosk shows, in Vietnamese and English (registered with clientkit.i18n).

Wording for citizens: polite ("quý công dân", "vui lòng"), short, no technical words.
Server texts (field and procedure names, error titles) come from the server; English
versions of the error titles the kiosk shows to citizens are here (`problem_text`).
"""

from __future__ import annotations

from clientkit import i18n

STRINGS: dict[str, tuple[str, str]] = {
    # header and home
    "kiosk.lang_button": ("English", "Tiếng Việt"),
    "kiosk.home.prompt": (
        "Chạm vào lĩnh vực để lấy số thứ tự",
        "Touch a field to take a queue number",
    ),
    "kiosk.home.search": ("Tìm thủ tục", "Find a procedure"),
    "kiosk.home.appointment": ("Tôi có lịch hẹn", "I have an appointment"),
    "kiosk.home.loading": ("Đang tải danh sách lĩnh vực…", "Loading the fields…"),
    "kiosk.tile.waiting": ("Đang chờ: {n}", "Waiting: {n}"),
    "kiosk.unavailable.service-closed": ("Tạm ngừng tiếp nhận", "Not taking tickets now"),
    "kiosk.unavailable.outside-hours": ("Ngoài giờ tiếp nhận", "Outside opening hours"),
    "kiosk.unavailable.daily-limit-reached": ("Đã hết số hôm nay", "No numbers left today"),
    # the kiosk's printer does not work (home banner; message when the centre stops)
    "kiosk.printer.paper-out.screen": (
        "Máy in đã hết giấy. Số thứ tự vẫn được cấp và hiện trên màn hình kèm mã QR: "
        "vui lòng ghi nhớ số hoặc chụp ảnh. Cán bộ đã được báo.",
        "The printer is out of paper. Numbers are still given, on the screen with a QR "
        "code: please remember yours or take a photo. Staff have been told.",
    ),
    "kiosk.printer.other.screen": (
        "Máy in đang gặp sự cố. Số thứ tự vẫn được cấp và hiện trên màn hình kèm mã QR: "
        "vui lòng ghi nhớ số hoặc chụp ảnh. Cán bộ đã được báo.",
        "The printer has a problem. Numbers are still given, on the screen with a QR "
        "code: please remember yours or take a photo. Staff have been told.",
    ),
    "kiosk.printer.paper-out.stop": (
        "Máy in đã hết giấy nên máy tạm ngừng cấp số. Vui lòng chờ cán bộ thay giấy, "
        "hoặc đến quầy hướng dẫn để được cấp số.",
        "The printer is out of paper, so this kiosk gives no numbers for now. Please "
        "wait for staff to refill it, or ask at the help desk for a number.",
    ),
    "kiosk.printer.other.stop": (
        "Máy in đang gặp sự cố nên máy tạm ngừng cấp số. Vui lòng chờ cán bộ khắc phục, "
        "hoặc đến quầy hướng dẫn để được cấp số.",
        "The printer has a problem, so this kiosk gives no numbers for now. Please wait "
        "for staff to fix it, or ask at the help desk for a number.",
    ),
    "kiosk.msg.stopped": ("Tạm ngừng cấp số", "No numbers for now"),
    # navigation
    "kiosk.back": ("Quay lại", "Back"),
    "kiosk.home": ("Về màn hình chính", "Back to start"),
    "kiosk.page_prev": ("Trang trước", "Previous"),
    "kiosk.page_next": ("Trang sau", "Next"),
    "kiosk.page": ("Trang {n}/{total}", "Page {n}/{total}"),
    # procedures and taking a number
    "kiosk.procedures.title": ("{field}: chọn thủ tục", "{field}: choose a procedure"),
    "kiosk.procedures.other": (
        "Thủ tục khác / chưa rõ thủ tục",
        "Another procedure / not sure",
    ),
    "kiosk.procedures.other_sub": (
        "Cán bộ sẽ hướng dẫn tại quầy",
        "The clerk will help you at the counter",
    ),
    "kiosk.take.chosen": ("Bạn đã chọn", "You chose"),
    "kiosk.take.waiting": ("Đang có {n} người chờ", "{n} people waiting"),
    "kiosk.take.button": ("LẤY SỐ", "TAKE A NUMBER"),
    "kiosk.take.priority_button": ("Lấy số ưu tiên", "Priority number"),
    "kiosk.take.priority_hint": (
        "Người cao tuổi, người khuyết tật, phụ nữ mang thai, người có con nhỏ",
        "Elderly, disabled, pregnant, with a small child",
    ),
    "kiosk.take.info": ("Xem thông tin thủ tục", "About this procedure"),
    # a procedure's information ("Xem thông tin thủ tục")
    "kiosk.info.documents": ("Thành phần hồ sơ cần mang", "Documents to bring"),
    "kiosk.info.fee": ("Lệ phí", "Fee"),
    "kiosk.info.result_time": ("Thời hạn giải quyết", "Time for the result"),
    "kiosk.info.portal": (
        "Quét mã để xem thủ tục trên Cổng Dịch vụ công quốc gia",
        "Scan to see it on the National Public Service Portal",
    ),
    "kiosk.info.none": (
        "Chưa có thông tin chi tiết cho thủ tục này; cán bộ tại quầy sẽ hướng dẫn.",
        "No details for this procedure yet; the clerk will help you at the counter.",
    ),
    "kiosk.take.busy": ("Đang lấy số, vui lòng chờ…", "Getting your number, please wait…"),
    "kiosk.take.retrying": (
        "Đang kết nối lại máy chủ, vui lòng chờ…",
        "Reconnecting to the server, please wait…",
    ),
    "kiosk.priority.title": ("Chọn diện ưu tiên", "Choose your priority group"),
    "kiosk.priority.hint": (
        "Vui lòng xuất trình giấy tờ chứng minh khi được gọi (nếu có)",
        "Please show a supporting document when called, if you have one",
    ),
    "kiosk.priority.none": ("Không thuộc diện ưu tiên", "I am not in a priority group"),
    # appointment
    "kiosk.appt.title": ("Tôi có lịch hẹn", "I have an appointment"),
    "kiosk.appt.hint": (
        "Nhập mã lịch hẹn, hoặc đưa mã vạch / mã QR trên giấy hẹn vào máy quét",
        "Type your appointment code, or hold its barcode / QR code to the scanner",
    ),
    "kiosk.appt.placeholder": ("Mã lịch hẹn", "Appointment code"),
    "kiosk.appt.submit": ("Lấy số theo lịch hẹn", "Take my number"),
    # search
    "kiosk.search.title": ("Tìm thủ tục", "Find a procedure"),
    "kiosk.search.placeholder": (
        "Gõ tên thủ tục, có dấu hoặc không dấu (ví dụ: dat dai)",
        "Type a procedure name, e.g. khai sinh",
    ),
    "kiosk.search.count": ("Tìm thấy {n} kết quả", "{n} results"),
    "kiosk.search.none": (
        "Không tìm thấy. Hãy thử từ khác, hoặc chọn lĩnh vực ở màn hình chính.",
        "Nothing found. Try another word, or choose a field on the start screen.",
    ),
    "kiosk.search.start": (
        "Gõ vài chữ đầu của tên thủ tục hoặc lĩnh vực",
        "Type the first letters of a procedure or field",
    ),
    "kiosk.search.field": ("Lĩnh vực", "Field"),
    "kiosk.kb.space": ("Dấu cách", "Space"),
    "kiosk.kb.clear": ("Xoá hết", "Clear"),
    "kiosk.kb.tones": ("Dấu thanh:", "Tone marks:"),
    # ticket
    "kiosk.ticket.your_number": ("Số thứ tự của bạn", "Your number"),
    "kiosk.ticket.printing": ("Đang in phiếu…", "Printing your ticket…"),
    "kiosk.ticket.printed": (
        "Mời nhận phiếu ở khe máy in bên dưới",
        "Please take your ticket below",
    ),
    "kiosk.ticket.print_failed": (
        "Máy in đang gặp sự cố nên chưa in được phiếu. Vui lòng ghi nhớ số thứ tự hoặc "
        "chụp ảnh mã QR này. Cán bộ đã được thông báo.",
        "The printer has a problem, so no paper ticket. Please remember your number or "
        "take a photo of this QR code. Staff have been told.",
    ),
    "kiosk.ticket.print_failed.paper-out": (
        "Máy in hết giấy nên KHÔNG có phiếu giấy. Vui lòng ghi nhớ số thứ tự hoặc "
        "chụp ảnh mã QR này. Cán bộ đã được thông báo.",
        "The printer is out of paper, so NO paper ticket came out. Please remember your "
        "number or take a photo of this QR code. Staff have been told.",
    ),
    "kiosk.ticket.qr": ("Quét mã để theo dõi lượt trên điện thoại", "Scan to follow your turn"),
    "kiosk.ticket.done": ("Xong", "Done"),
    "kiosk.ticket.countdown": (
        "Tự động về màn hình chính sau {n} giây",
        "Back to the start screen in {n} s",
    ),
    "kiosk.ticket.appointment": ("Lịch hẹn {code}", "Appointment {code}"),
    # messages
    "kiosk.msg.retry": ("Thử lại", "Try again"),
    "kiosk.msg.not_issued": ("Chưa lấy được số", "No number was issued"),
    "kiosk.msg.sorry": ("Xin lỗi quý công dân", "We are sorry"),
    "kiosk.outage.title": ("Hệ thống đang tạm gián đoạn", "The system is briefly unavailable"),
    "kiosk.outage.body": (
        "Xin quý công dân vui lòng chờ trong giây lát. Máy sẽ tự hoạt động lại ngay khi "
        "kết nối được khôi phục.",
        "Please wait a moment. The kiosk will work again by itself as soon as the "
        "connection is back.",
    ),
    "kiosk.outage.starting": ("Đang khởi động…", "Starting…"),
    "kiosk.outage.device": (
        "Máy lấy số chưa được cấp quyền",
        "This kiosk is not authorised yet",
    ),
    "kiosk.outage.device_body": (
        "Vui lòng liên hệ cán bộ để được hướng dẫn lấy số.",
        "Please ask a member of staff for a number.",
    ),
    # PIN and settings (staff only)
    "kiosk.pin.title": ("Nhập mã PIN quản trị", "Enter the admin PIN"),
    "kiosk.pin.new": ("Đặt mã PIN quản trị mới (4–12 chữ số)", "Set a new admin PIN (4–12 digits)"),
    "kiosk.pin.confirm": ("Nhập lại mã PIN mới", "Enter the new PIN again"),
    "kiosk.pin.wrong": ("Mã PIN không đúng", "Wrong PIN"),
    "kiosk.pin.mismatch": (
        "Hai lần nhập không khớp, vui lòng đặt lại",
        "The PINs differ, try again",
    ),
    "kiosk.pin.short": ("Mã PIN cần 4–12 chữ số", "The PIN needs 4–12 digits"),
    "kiosk.pin.locked": ("Nhập sai nhiều lần, thử lại sau {n} giây", "Too many tries, wait {n} s"),
    "kiosk.pin.none": ("Máy lấy số chưa có mã PIN quản trị", "This kiosk has no admin PIN yet"),
    "kiosk.pin.none_body": (
        "Người lắp đặt cần đặt mã PIN khi khởi động máy: motcua kiosk --admin-pin …",
        "The installer must set one when starting the kiosk: motcua kiosk --admin-pin …",
    ),
    "kiosk.pin.ok": ("Đồng ý", "OK"),
    "kiosk.pin.cancel": ("Huỷ", "Cancel"),
    "kiosk.settings.title": ("Cài đặt máy lấy số", "Kiosk settings"),
    "kiosk.settings.server": ("Địa chỉ máy chủ", "Server URL"),
    "kiosk.settings.token": ("Mã thiết bị (token)", "Device token"),
    "kiosk.settings.printer": ("Máy in (URL)", "Printer URL"),
    "kiosk.settings.paper": ("Khổ giấy", "Paper width"),
    "kiosk.settings.language": ("Ngôn ngữ mặc định", "Default language"),
    "kiosk.settings.save": ("Lưu", "Save"),
    "kiosk.settings.saved": ("Đã lưu cài đặt", "Settings saved"),
    "kiosk.settings.saved_given": (
        "Đã lưu cài đặt. Khi khởi động lại, dòng lệnh đặt lại: {names}",
        "Settings saved. At the next start the command line sets again: {names}",
    ),
    "kiosk.settings.from.given": ("dòng lệnh", "command line"),
    "kiosk.settings.from.saved": ("đã lưu trên máy", "saved here"),
    "kiosk.settings.from.default": ("mặc định", "default"),
    "kiosk.settings.close": ("Đóng", "Close"),
    "kiosk.settings.test_print": ("In thử", "Test print"),
    "kiosk.settings.test_ok": ("In thử thành công", "Test ticket printed"),
    "kiosk.settings.change_pin": ("Đổi mã PIN", "Change PIN"),
    "kiosk.settings.quit": ("Thoát ứng dụng", "Quit the kiosk"),
    "kiosk.settings.invalid": ("Cài đặt chưa hợp lệ: {why}", "Invalid settings: {why}"),
    "kiosk.settings.status": (
        "Kết nối: {conn} · Máy in: {printer}",
        "Connection: {conn} · Printer: {printer}",
    ),
    "kiosk.settings.printer_ok": ("hoạt động", "working"),
    "kiosk.settings.printer_unknown": ("chưa in lần nào", "nothing printed yet"),
}

# English versions of the server's Vietnamese error titles that a citizen may see.
_PROBLEM_EN: dict[str, str] = {
    "too-many-tickets": "Many numbers were taken here just now. Please wait a moment.",
    "service-closed": "This field is not taking tickets at the moment.",
    "outside-hours": "The centre is outside its opening hours.",
    "daily-limit-reached": "There are no numbers left today for this field.",
    "appointment-invalid": "This appointment code is wrong or not for today.",
    "appointment-used": "This appointment code has already been used.",
    "network": "The server cannot be reached. Please try again in a moment.",
    "unavailable": "The system is briefly unavailable. Please try again in a moment.",
}


def unavailable_text(code: str | None) -> str:
    """Why a field takes no tickets now; a reason this kiosk does not know yet (a newer
    server) still reads as "not taking tickets" rather than as a key."""
    key = f"kiosk.unavailable.{code}"
    return i18n.tr(key if i18n.translator.has(key) else "kiosk.unavailable.service-closed")


def printer_text(code: str | None, stop: bool) -> str:
    """What the home screen (and, when the centre stops, the message) says about a
    printer that does not work: out of paper, or any other problem."""
    kind = "paper-out" if code == "paper-out" else "other"
    return i18n.tr(f"kiosk.printer.{kind}.{'stop' if stop else 'screen'}")


def register() -> None:
    """Register the kiosk's strings (idempotent)."""
    i18n.register(STRINGS)


def problem_text(code: str, title_vi: str) -> str:
    """What to show for a server error: its Vietnamese title as is, or our English."""
    if i18n.language() == "en":
        return _PROBLEM_EN.get(code, title_vi)
    return title_vi


register()
