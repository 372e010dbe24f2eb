"""Texts of the clerk's console, Vietnamese first (registered on import)."""

from clientkit import i18n

i18n.register(
    {
        # shared formats
        "counter.minutes": ("{n} phút", "{n} min"),
        "counter.under_a_minute": ("dưới 1 phút", "under 1 min"),
        "counter.language": ("English", "Tiếng Việt"),
        "counter.app_title": ("Bộ phận một cửa — Quầy giao dịch", "One-stop service counter"),
        # log-in
        "counter.login.title": ("Đăng nhập quầy", "Counter sign-in"),
        "counter.login.subtitle": (
            "Cán bộ một cửa đăng nhập để mở quầy và gọi số",
            "Sign in to open your counter and call numbers",
        ),
        "counter.login.username": ("Tên đăng nhập", "Username"),
        "counter.login.password": ("Mật khẩu", "Password"),
        "counter.login.counter": ("Quầy số", "Counter number"),
        "counter.login.submit": ("Đăng nhập và mở quầy", "Sign in and open counter"),
        "counter.login.busy": ("Đang đăng nhập…", "Signing in…"),
        "counter.login.missing": (
            "Hãy nhập tên đăng nhập và mật khẩu",
            "Enter your username and password",
        ),
        "counter.login.network": (
            "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại",
            "Cannot reach the server. Check the network and try again",
        ),
        "counter.login.need_counter": ("Hãy nhập số quầy", "Enter the counter number"),
        "counter.login.server": ("Máy chủ: {url}", "Server: {url}"),
        "counter.ended.closed": ("Quầy đã đóng. Hẹn gặp lại!", "Counter closed. See you!"),
        "counter.ended.unauthenticated": (
            "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại",
            "Your session has expired, please sign in again",
        ),
        "counter.ended.closed-elsewhere": (
            "Quầy đã được đóng (có thể do giám sát viên)",
            "The counter was closed (perhaps by a supervisor)",
        ),
        # header
        "counter.header.counter": ("Quầy số {n}", "Counter {n}"),
        "counter.status.open": ("Đang mở", "Open"),
        "counter.status.paused": ("Tạm nghỉ: {reason}", "Paused: {reason}"),
        "counter.status.closed": ("Đã đóng", "Closed"),
        "counter.banner.offline": (
            "Mất kết nối máy chủ — các nút tạm khoá, sẽ tự kết nối lại",
            "Server connection lost — actions are locked until it reconnects",
        ),
        "counter.banner.syncing": (
            "Đang đồng bộ với máy chủ…",
            "Catching up with the server…",
        ),
        "counter.banner.uncertain": (
            "Chưa rõ thao tác «{action}» đã được thực hiện chưa — đang kiểm tra lại với "
            "máy chủ, không gửi lại tự động",
            "Unknown whether “{action}” went through — checking with the server, "
            "it is not re-sent automatically",
        ),
        "counter.resynced": (
            "Đã đồng bộ. Kiểm tra số hiện tại trước khi thao tác tiếp",
            "Back in sync. Check the current number before going on",
        ),
        # current ticket
        "counter.ticket.none": ("Chưa gọi số nào", "No number called"),
        "counter.ticket.none_hint": (
            "Nhấn «Gọi số tiếp theo» (F1) để mời công dân",
            "Press “Call next number” (F1) to invite a citizen",
        ),
        "counter.ticket.waiting_count": ("Đang chờ tại quầy: {n}", "Waiting for this counter: {n}"),
        "counter.ticket.paused_hint": (
            "Quầy đang tạm nghỉ — nhấn «Tiếp tục» (F7) để gọi số",
            "The counter is paused — press “Resume” (F7) to call numbers",
        ),
        "counter.ticket.called": (
            "Đã gọi — chờ công dân đến quầy",
            "Called — waiting for the citizen",
        ),
        "counter.ticket.serving": ("Đang phục vụ", "Serving"),
        "counter.ticket.recalls": ("đã gọi lại {n} lần", "recalled {n}×"),
        "counter.ticket.field": ("Lĩnh vực", "Field"),
        "counter.ticket.procedure": ("Thủ tục", "Procedure"),
        "counter.ticket.priority": ("Ưu tiên", "Priority"),
        "counter.ticket.no_priority": ("Không", "None"),
        "counter.ticket.waited": ("Đã chờ", "Waited"),
        "counter.ticket.since_call": ("Từ lúc gọi", "Since called"),
        "counter.ticket.service_time": ("Thời gian phục vụ", "Service time"),
        # actions
        "counter.action.call-next": ("Gọi số tiếp theo", "Call next number"),
        "counter.action.recall": ("Gọi lại", "Recall"),
        "counter.action.start": ("Bắt đầu", "Start"),
        "counter.action.finish": ("Hoàn thành", "Finish"),
        "counter.action.no-show": ("Vắng mặt", "No-show"),
        "counter.action.transfer": ("Chuyển", "Transfer"),
        "counter.action.pause": ("Nghỉ", "Pause"),
        "counter.action.resume": ("Tiếp tục", "Resume"),
        "counter.action.call": ("Gọi số đã chọn", "Call selected"),
        "counter.action.return": ("Nhận lại số", "Take back"),
        "counter.action.close": ("Đóng quầy", "Close counter"),
        "counter.done.recall": ("Đã gọi lại số {number}", "Recalled {number}"),
        "counter.done.transfer": ("Đã chuyển số {number}", "Transferred {number}"),
        "counter.done.return": ("Số {number} đã về hàng chờ của quầy", "{number} is back in line"),
        "counter.pick_waiting": (
            "Chọn một số trong danh sách chờ (phím mũi tên), rồi nhấn F8",
            "Pick a number in the waiting list (arrow keys), then press F8",
        ),
        "counter.pick_noshow": (
            "Chọn một số vắng mặt trong danh sách, rồi nhấn F9",
            "Pick a no-show number in the list, then press F9",
        ),
        # lists
        "counter.list.waiting": ("Đang chờ ({n})", "Waiting ({n})"),
        "counter.list.noshows": ("Vắng mặt ({n})", "No-shows ({n})"),
        "counter.list.number": ("Số", "No."),
        "counter.list.field": ("Lĩnh vực", "Field"),
        "counter.list.priority": ("Ưu tiên", "Priority"),
        "counter.list.waited": ("Đã chờ", "Waited"),
        "counter.list.called_at": ("Gọi lúc", "Called at"),
        "counter.list.to_me": ("chuyển đến", "sent here"),
        "counter.list.empty_waiting": ("Không có ai đang chờ", "Nobody is waiting"),
        "counter.list.empty_noshows": ("Không có số vắng mặt", "No no-show numbers"),
        # figures
        "counter.stats.title": ("Hôm nay tại quầy", "Today at this counter"),
        "counter.stats.served": ("Đã phục vụ", "Served"),
        "counter.stats.no_shows": ("Vắng mặt", "No-shows"),
        "counter.stats.avg_wait": ("Chờ TB", "Avg wait"),
        "counter.stats.avg_service": ("Phục vụ TB", "Avg service"),
        "counter.stats.avg_rating": ("Đánh giá TB", "Avg rating"),
        "counter.stats.rating_value": ("{value}/{top} ({n} lượt)", "{value}/{top} ({n})"),
        # sheets
        "counter.sheet.cancel": ("Huỷ (Esc)", "Cancel (Esc)"),
        "counter.transfer.title": ("Chuyển số {number}", "Transfer {number}"),
        "counter.transfer.hint": (
            "Số giữ nguyên thứ tự trong hàng chờ mới",
            "The number keeps its place in the new queue",
        ),
        "counter.transfer.to_field": ("Sang lĩnh vực", "To a field"),
        "counter.transfer.to_counter": ("Sang quầy", "To a counter"),
        "counter.transfer.counter_item": ("Quầy {n} — {state}", "Counter {n} — {state}"),
        "counter.transfer.confirm": ("Chuyển (Enter)", "Transfer (Enter)"),
        "counter.transfer.no_counter": (
            "Không có quầy nào khác đang mở",
            "No other counter is open",
        ),
        "counter.transfer.choose": ("Hãy chọn nơi chuyển đến", "Choose where to send it"),
        "counter.pause.title": ("Tạm nghỉ quầy", "Pause the counter"),
        "counter.pause.hint": (
            "Chọn lý do hoặc nhập lý do khác; hàng chờ vẫn được giữ",
            "Pick a reason or type another; the queue is kept",
        ),
        "counter.pause.other": ("Lý do khác…", "Other reason…"),
        "counter.pause.confirm": ("Tạm nghỉ (Enter)", "Pause (Enter)"),
        "counter.pause.need_reason": ("Hãy chọn hoặc nhập lý do", "Pick or type a reason"),
        "counter.close.title": ("Đóng quầy số {n}?", "Close counter {n}?"),
        "counter.close.plain": (
            "Quầy sẽ ngừng nhận số và bạn sẽ được đăng xuất.",
            "The counter stops taking numbers and you are signed out.",
        ),
        "counter.close.serving": (
            "Công dân số {number} đang được phục vụ. Số này sẽ được ghi là hoàn thành "
            "trước khi đóng quầy.",
            "Citizen {number} is being served. The number will be marked finished "
            "before the counter closes.",
        ),
        "counter.close.called": (
            "Số {number} đã được gọi nhưng chưa phục vụ. Số này sẽ được trả về hàng chờ "
            "(giữ nguyên thứ tự) trước khi đóng quầy.",
            "Number {number} was called but not served. It goes back to its queue "
            "(keeping its place) before the counter closes.",
        ),
        "counter.close.confirm": ("Đóng quầy (Enter)", "Close counter (Enter)"),
        "counter.noshow.title": ("Ghi vắng mặt số {number}?", "Record {number} as a no-show?"),
        "counter.noshow.hint": (
            "Số này chuyển sang danh sách «Vắng mặt»; khi công dân quay lại, "
            "nhấn «Nhận lại» (F9) để phục vụ trước.",
            "The number moves to the “No-shows” list; when the citizen comes back, "
            "press “Take back” (F9) to serve them first.",
        ),
        "counter.noshow.confirm": ("Ghi vắng mặt (Enter)", "Record no-show (Enter)"),
        "counter.ticket.noshow_after_recall": (
            "Vắng mặt (F5): gọi lại (F2) thêm {n} lần trước",
            "No-show (F5): recall (F2) {n} more time(s) first",
        ),
        "counter.ticket.noshow_in": (
            "Vắng mặt (F5): có thể sau {time}",
            "No-show (F5): possible in {time}",
        ),
        "counter.ticket.noshow_ready": (
            "Công dân chưa đến: có thể ghi vắng mặt (F5)",
            "Citizen not here: you may record a no-show (F5)",
        ),
        "counter.close.confirm_serving": (
            "Hoàn thành và đóng quầy (Enter)",
            "Finish and close (Enter)",
        ),
        "counter.close.confirm_called": (
            "Trả số về hàng chờ và đóng quầy (Enter)",
            "Hand back and close (Enter)",
        ),
    }
)
