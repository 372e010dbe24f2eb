"""What an alert says, in plain Vietnamese and in English (server/domain/alerts.py)."""

from protocol.enums import Role

Texts = tuple[str, str]

# A kiosk's printer states (protocol.commands.PrinterState) as a supervisor reads them.
PRINTER_STATES: dict[str, Texts] = {
    "paper-out": ("hết giấy", "is out of paper"),
    "offline": ("mất kết nối", "is off line"),
    "cover-open": ("đang mở nắp", "has its cover open"),
    "timeout": ("không phản hồi", "does not answer"),
    "io-error": ("lỗi truyền dữ liệu", "has a connection error"),
    "driver-missing": ("thiếu trình điều khiển", "has no driver"),
    "config": ("cấu hình sai", "is set up wrongly"),
}
DEVICE_NAMES: dict[Role, Texts] = {
    Role.KIOSK: ("Kiosk", "Kiosk"),
    Role.DISPLAY: ("Màn hình", "Display"),
}


def wait_text(number: str, field: str, field_en: str, minutes: int) -> Texts:
    return (
        f"Công dân số {number} ({field}) đã chờ {minutes} phút",
        f"Citizen {number} ({field_en}) has waited {minutes} minutes",
    )


def pause_text(counter: int, name: str, minutes: int, reason: str | None) -> Texts:
    why = f" ({reason})" if reason else ""
    return (
        f"{name} tạm nghỉ {minutes} phút{why}",
        f"Counter {counter} has been paused for {minutes} minutes{why}",
    )


def idle_text(counter: int, name: str, minutes: int, waiting: int) -> Texts:
    return (
        f"{name} không phục vụ ai {minutes} phút trong khi {waiting} công dân đang chờ",
        f"Counter {counter} has served nobody for {minutes} minutes while {waiting} citizens wait",
    )


def printer_text(device: str, error: str) -> Texts:
    state, _, detail = error.partition(":")
    vi, en = PRINTER_STATES.get(state.strip(), (f"báo lỗi {state}", f"reports {state}"))
    more = f" ({detail.strip()})" if detail.strip() else ""
    return f"Máy in của {device} {vi}{more}", f"The printer of {device} {en}{more}"


def offline_text(device: str, role: Role, seconds: int) -> Texts:
    what, what_en = DEVICE_NAMES.get(role, ("Thiết bị", "Device"))
    if seconds < 120:
        vi, en = f"{seconds} giây", f"{seconds} seconds"
    else:
        vi, en = f"{seconds // 60} phút", f"{seconds // 60} minutes"
    return f"{what} {device} mất kết nối {vi}", f"{what_en} {device} not seen for {en}"
