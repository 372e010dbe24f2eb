"""The centre editor's "Citizens' phones" tab: the centre's limits, consent texts and
retention of phone numbers (protocol/phones.py PhonesConf), and per field whether numbers
may be taken remotely and times booked (each field's dialog edits them). Also the words of
the new inputs of the field and procedure dialogs (remote numbers, slots, what to bring)."""

from nicegui import ui

from server.console import i18n
from server.console.centre_specs import SCALARS
from server.console.pages.centre_inputs import items_table
from server.console.pages.centre_lists import Editor, edit_item
from server.console.pages.centre_tabs import scalars

i18n.add(
    {
        "centre.tab.phones": ("Điện thoại công dân", "Citizens' phones"),
        "centre.phones.help": (
            "Công dân lấy số từ xa và đặt lịch hẹn trên điện thoại, không cần cài ứng dụng. "
            "Số điện thoại chỉ được nhận khi công dân đồng ý với nội dung dưới đây, được che "
            "khi hiển thị và xóa sau thời hạn lưu trữ.",
            "Citizens take numbers remotely and book times on their phones, no app to install. "
            "A phone number is taken only with the citizen's consent to the text below, masked "
            "wherever shown and deleted after the retention period.",
        ),
        "centre.phones.pages": ("Trang cho điện thoại:", "Phone pages:"),
        "centre.phones.door": ("Mã QR dán ở cửa (in ra):", "QR code for the door (print it):"),
        "centre.phones.fields": (
            "Lĩnh vực: lấy số từ xa và đặt lịch (bấm sửa để thay đổi)",
            "Fields: remote numbers and bookings (edit to change)",
        ),
        "centre.phones.remote": ("Lấy số từ xa (điện thoại)", "Remote numbers (phones)"),
        "centre.phones.slots": ("Đặt lịch hẹn", "Booked times"),
        "centre.procedure.info": (
            "Thông tin thủ tục (hiện ở ki-ốt và trên điện thoại)",
            "What to bring (shown at the kiosk and on phones)",
        ),
        "centre.f.phones.phone_required": (
            "Bắt buộc số điện thoại khi lấy số/đặt lịch",
            "A phone number is required to take a number or book",
        ),
        "centre.f.phones.sms": (
            "Gửi cả SMS/Zalo (qua MOTCUA_NOTIFIER_URL)",
            "Also send SMS/Zalo (through MOTCUA_NOTIFIER_URL)",
        ),
        "centre.f.phones.per_phone_per_day": (
            "Mỗi số điện thoại: tối đa số phiếu + lịch hẹn/ngày",
            "Per phone: at most numbers + bookings a day",
        ),
        "centre.f.phones.per_address_per_hour": (
            "Mỗi địa chỉ mạng: tối đa lượt/giờ",
            "Per network address: at most a hour",
        ),
        "centre.f.phones.retention_days": (
            "Xóa số điện thoại sau (ngày)",
            "Delete phone numbers after (days)",
        ),
        "centre.f.phones.consent_text": (
            "Nội dung đồng ý (tiếng Việt)",
            "Consent text (Vietnamese)",
        ),
        "centre.f.phones.consent_text.hint": (
            "Mục đích sử dụng số điện thoại, công dân đọc trước khi tích ô đồng ý",
            "The purpose of the phone number, read by the citizen before ticking the box",
        ),
        "centre.f.phones.consent_text_en": (
            "Nội dung đồng ý (tiếng Anh)",
            "Consent text (English)",
        ),
        "centre.f.remote.enabled": (
            "Cho lấy số từ xa (trong giờ làm việc, hôm nay)",
            "Numbers may be taken remotely (today, during hours)",
        ),
        "centre.f.remote.daily_cap": (
            "Tối đa số từ xa mỗi ngày (trống: không giới hạn)",
            "Remote numbers a day at most (blank: no cap)",
        ),
        "centre.f.notify_ahead": (
            "Báo sắp đến lượt khi còn (người)",
            "Say 'your turn is near' with this many ahead",
        ),
        "centre.f.notify_ahead.hint": ("0: chỉ báo khi được gọi", "0: only when called"),
        "centre.f.slots.enabled": ("Cho đặt lịch hẹn", "Times may be booked"),
        "centre.f.slots.length_min": ("Độ dài mỗi khung giờ (phút)", "Slot length (min)"),
        "centre.f.slots.capacity": ("Số người mỗi khung giờ", "Citizens per slot"),
        "centre.f.slots.days_ahead": ("Đặt trước tối đa (ngày)", "Bookable days ahead"),
        "centre.f.slots.tolerance_min": (
            "Đến muộn tối đa (phút) để vẫn theo lịch",
            "Check-in up to (min) after the slot starts",
        ),
        "centre.f.slots.closed_days": (
            "Ngày không nhận lịch hẹn (ngoài ngày nghỉ của trung tâm)",
            "Days without bookings (besides the centre's closed days)",
        ),
        "centre.f.slots.closed_days.hint": (
            "Dạng 2026-09-02, cách nhau bằng dấu phẩy",
            "As 2026-09-02, separated by commas",
        ),
        "centre.f.documents": ("Thành phần hồ sơ", "Documents to bring"),
        "centre.f.documents.hint": ("Mỗi dòng một giấy tờ", "One document per line"),
        "centre.f.fee": ("Lệ phí", "Fee"),
        "centre.f.fee.hint": ("Ví dụ: 50.000 đồng/hồ sơ; Miễn phí", "E.g. 50.000 đồng; Miễn phí"),
        "centre.f.result_time": ("Thời hạn giải quyết", "Time for the result"),
        "centre.f.result_time.hint": ("Ví dụ: 03 ngày làm việc", "E.g. 03 ngày làm việc"),
        "centre.f.portal_url": (
            "Trang thủ tục trên Cổng Dịch vụ công quốc gia",
            "The procedure's page on the national portal",
        ),
        "centre.f.portal_url.hint": (
            "https://dichvucong.gov.vn/… (ki-ốt hiện thành mã QR)",
            "https://dichvucong.gov.vn/… (the kiosk shows it as a QR code)",
        ),
        "centre.col.remote": ("Lấy số từ xa", "Remote"),
        "centre.col.remote_cap": ("Tối đa/ngày", "Cap a day"),
        "centre.col.slots": ("Đặt lịch", "Booking"),
        "centre.col.slot": ("Khung giờ", "Slots"),
        "centre.col.days_ahead": ("Trước (ngày)", "Days ahead"),
        "centre.col.notify_ahead": ("Báo trước (người)", "Notify ahead"),
        "centre.slot.text": ("{n} người / {m} phút", "{n} per {m} min"),
    }
)

PHONE_PAGES = "/m/"  # server/public: the citizens' pages; the door's QR code points here
DOOR_POSTER = "/m/door"


def phones_tab(ed: Editor) -> None:
    ui.label(ed.t("centre.phones.help")).classes("text-grey-8")
    with ui.row().classes("items-baseline gap-x-6 gap-y-1"):
        for key, href, testid in (
            ("centre.phones.pages", PHONE_PAGES, "phone-pages"),
            ("centre.phones.door", DOOR_POSTER, "door-poster"),
        ):
            with ui.row().classes("items-baseline gap-1"):
                ui.label(ed.t(key))
                ui.link(href, href, new_tab=True).props(f"data-testid={testid}")
    scalars(ed, SCALARS["phones"], 3)
    ui.separator().classes("q-my-md")
    ui.label(ed.t("centre.phones.fields")).classes("text-subtitle1 text-weight-medium")
    columns = ["id", "name", "remote", "remote_cap", "slots", "slot", "days_ahead", "notify_ahead"]
    rows = [
        r | {"slot": _slot(ed, r.pop("capacity"), r.pop("length_min")) if r["slots"] else ""}
        for r in ed.form.phone_rows(ed.lang)
    ]
    items_table(
        [(c, ed.t(f"centre.col.{c}")) for c in columns],
        rows,
        lambda i: edit_item(ed, "services", i, "phones"),
        None,
        ed.said.rows("services") if ed.said else {},
        testid="phone-fields",
    )


def _slot(ed: Editor, capacity: object, length_min: object) -> str:
    return ed.t("centre.slot.text", n=capacity, m=length_min)
