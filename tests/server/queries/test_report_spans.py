"""A period read from the aggregates: whole months from their month rows, the days
around them from day rows; every day of the period read once."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from server.queries.reports import spans
from server.store.aggregates import month_end


def days_of(parts: list[tuple[str, date, date]]) -> list[date]:
    out = []
    for grain, a, b in parts:
        last = month_end(b) if grain == "m" else b
        out += [a + timedelta(days=i) for i in range((last - a).days + 1)]
    return sorted(out)


def test_a_year_is_twelve_month_rows() -> None:
    assert spans(date(2026, 1, 1), date(2026, 12, 31), True) == [
        ("m", date(2026, 1, 1), date(2026, 12, 1))
    ]
    assert spans(date(2026, 1, 2), date(2026, 3, 30), True) == [
        ("m", date(2026, 2, 1), date(2026, 2, 1)),
        ("d", date(2026, 1, 2), date(2026, 1, 31)),
        ("d", date(2026, 3, 1), date(2026, 3, 30)),
    ]
    assert spans(date(2026, 1, 2), date(2026, 12, 31), False) == [
        ("d", date(2026, 1, 2), date(2026, 12, 31))
    ]


@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 800), st.booleans())
def test_every_day_once(first: date, length: int, months: bool) -> None:
    last = first + timedelta(days=length)
    covered = days_of(spans(first, last, months))
    assert covered == [first + timedelta(days=i) for i in range(length + 1)]
