"""The reports page's period choices: today, this week (Monday first), this month, this
quarter, this year, as whole calendar periods around a day of the centre; and how a
period is written. Display only: the server decides what a period's figures are."""

from datetime import date, timedelta

from server.console import fmt

QUICK = ("today", "week", "month", "quarter", "year")  # then "custom": any range of days


def period(choice: str, today: date) -> tuple[date, date]:
    """The first and last day of the period `choice` that holds `today`."""
    if choice == "week":
        first = today - timedelta(days=today.weekday())
        return first, first + timedelta(days=6)
    if choice == "month":
        return today.replace(day=1), _month_end(today.year, today.month)
    if choice == "quarter":
        start = 3 * ((today.month - 1) // 3) + 1
        return date(today.year, start, 1), _month_end(today.year, start + 2)
    if choice == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return today, today


def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def text(first: date, last: date, lang: str) -> str:
    """02/12/2026, or 01/12/2026 – 31/12/2026 (vi); the same in yyyy-mm-dd (en)."""
    a = fmt.day_text(first, lang)
    return a if first == last else f"{a} – {fmt.day_text(last, lang)}"
