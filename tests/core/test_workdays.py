import datetime

from hypothesis import given
from hypothesis import strategies as st

from puls.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_weekends_and_public_holidays_are_not_working_days():
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 11, 30))  # Saint Andrew (Monday)
    assert not is_working_day(D(2026, 12, 1))  # National Day (Tuesday)
    assert is_working_day(D(2026, 12, 2))


def test_five_working_days_skip_a_weekend_and_two_holidays():
    # Friday 27 Nov 2026 + 5 working days: Dec 2, 3, 4, 7, 8.
    assert add_working_days(D(2026, 11, 27), 5) == D(2026, 12, 8)


def test_orthodox_easter_is_counted_as_a_holiday():
    # Good Friday 10 Apr 2026 and Easter Monday 13 Apr 2026 are public holidays.
    assert add_working_days(D(2026, 4, 9), 1) == D(2026, 4, 14)


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))


@given(dates, st.integers(min_value=0, max_value=40))
def test_adding_then_counting_working_days_round_trips(start, days):
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    assert days == 0 or is_working_day(end)


@given(dates, st.integers(min_value=0, max_value=30))
def test_more_working_days_never_end_earlier(start, days):
    assert add_working_days(start, days + 1) > add_working_days(start, days)
