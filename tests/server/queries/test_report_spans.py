"""A period read from the aggregates: whole months from their month rows, the days
around them from day rows; every day of the period read once."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from server.queries.reports import spans
from server.store.aggregates import period_end


def days_of(parts: list[tuple[str, date, date]]) -> list[date]:
    out = []
    for grain, a, b in parts:
        last = period_end(grain, b)
        out += [a + timedelta(days=i) for i in range((last - a).days + 1)]
    return sorted(out)


def test_a_year_is_one_row_per_key() -> None:
    assert spans(date(2026, 1, 1), date(2026, 12, 31), True) == [
        ("y", date(2026, 1, 1), date(2026, 1, 1))
    ]
    assert spans(date(2026, 1, 2), date(2026, 8, 30), True) == [
        ("d", date(2026, 1, 2), date(2026, 1, 31)),
        ("m", date(2026, 2, 1), date(2026, 3, 1)),
        ("q", date(2026, 4, 1), date(2026, 4, 1)),
        ("m", date(2026, 7, 1), date(2026, 7, 1)),
        ("d", date(2026, 8, 1), date(2026, 8, 30)),
    ]
    assert spans(date(2026, 1, 2), date(2026, 12, 31), False) == [
        ("d", date(2026, 1, 2), date(2026, 12, 31))
    ]


@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 800), st.booleans())
def test_every_day_once(first: date, length: int, months: bool) -> None:
    last = first + timedelta(days=length)
    covered = days_of(spans(first, last, months))
    assert covered == [first + timedelta(days=i) for i in range(length + 1)]
