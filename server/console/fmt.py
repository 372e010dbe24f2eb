"""How the console writes times, days and durations (the centre's time zone; dd/mm/yyyy
on Vietnamese pages). Display only: no rule is decided here."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from protocol.snapshot import Catalog

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


def zone(catalog: Catalog | None) -> ZoneInfo:
    return ZoneInfo(catalog.timezone if catalog is not None else DEFAULT_TZ)


def now() -> datetime:
    return datetime.now(UTC)


def clock(at: datetime | None, tz: ZoneInfo, seconds: bool = False) -> str:
    if at is None:
        return "—"
    return at.astimezone(tz).strftime("%H:%M:%S" if seconds else "%H:%M")


def stamp(at: datetime | None, tz: ZoneInfo, lang: str, seconds: bool = False) -> str:
    """Day and time: 24/11/2026 09:12 (vi) or 2026-11-24 09:12 (en)."""
    if at is None:
        return "—"
    local = at.astimezone(tz)
    day = "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"
    return local.strftime(f"{day} %H:%M" + (":%S" if seconds else ""))


def duration(seconds: float | None) -> str:
    """m:ss, or h:mm:ss from an hour."""
    if seconds is None:
        return "—"
    s = max(0, int(seconds))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def since(at: datetime | None, when: datetime | None = None) -> str:
    if at is None:
        return "—"
    return duration(((when or now()) - at).total_seconds())


def day_text(d: date, lang: str) -> str:
    return d.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")


def parse_day(text: str, lang: str) -> date | None:
    """The date picker's text back to a date (None when it does not read)."""
    text = (text or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d") if lang == "vi" else ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1.234 and 7,5 (vi); 1,234 and 7.5 (en)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang != "en":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(share: float | None, lang: str, decimals: int = 1) -> str:
    """A share (0..1) as 96,5% (vi) or 96.5% (en)."""
    return "—" if share is None else number(share * 100, lang, decimals) + "%"


def minutes(seconds: float | None, lang: str) -> str:
    """A duration in minutes with one decimal: 7,5 (vi) or 7.5 (en)."""
    return "—" if seconds is None else number(seconds / 60, lang, 1)
