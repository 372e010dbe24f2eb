"""How report figures and periods are written: the Vietnamese way on Vietnamese pages
(1.234; 7,5; 96,5%; 02/12/2026), the English way on English ones."""

from datetime import date

from server.console import fmt, report_period


def test_numbers_percentages_and_minutes_in_each_language() -> None:
    assert fmt.number(1234, "vi") == "1.234"
    assert fmt.number(1234567, "en") == "1,234,567"
    assert fmt.number(1234.56, "vi", 1) == "1.234,6"
    assert fmt.number(1234.56, "en", 1) == "1,234.6"
    assert fmt.percent(0.965, "vi") == "96,5%"
    assert fmt.percent(0.965, "en") == "96.5%"
    assert fmt.percent(1.0, "vi") == "100,0%"
    assert fmt.minutes(450, "vi") == "7,5"
    assert fmt.minutes(5400, "en") == "90.0"
    for empty in (fmt.number(None, "vi"), fmt.percent(None, "en"), fmt.minutes(None, "vi")):
        assert empty == "—"


def test_days_and_periods_in_each_language() -> None:
    assert fmt.day_text(date(2026, 12, 2), "vi") == "02/12/2026"
    assert fmt.day_text(date(2026, 12, 2), "en") == "2026-12-02"
    assert report_period.text(date(2026, 12, 2), date(2026, 12, 2), "vi") == "02/12/2026"
    assert (
        report_period.text(date(2026, 12, 1), date(2026, 12, 31), "vi") == "01/12/2026 – 31/12/2026"
    )


def test_quick_periods_are_whole_calendar_periods_around_the_day() -> None:
    wed = date(2026, 12, 2)
    assert report_period.period("today", wed) == (wed, wed)
    assert report_period.period("week", wed) == (date(2026, 11, 30), date(2026, 12, 6))
    assert report_period.period("month", wed) == (date(2026, 12, 1), date(2026, 12, 31))
    assert report_period.period("month", date(2028, 2, 10)) == (
        date(2028, 2, 1),
        date(2028, 2, 29),
    )
    assert report_period.period("quarter", wed) == (date(2026, 10, 1), date(2026, 12, 31))
    assert report_period.period("quarter", date(2026, 5, 20)) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
    )
    assert report_period.period("year", wed) == (date(2026, 1, 1), date(2026, 12, 31))
