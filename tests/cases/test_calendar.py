import datetime as dt

import pytest

from cases.common.calendar import add_business_days, business_days_between, is_business_day, national_holidays

D = dt.date


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 1),
        D(2026, 1, 12),
        D(2026, 2, 11),
        D(2026, 2, 23),
        D(2026, 3, 20),
        D(2026, 4, 29),
        D(2026, 5, 6),  # 憲法記念日 on Sunday → 振替休日 after みどり/こども
        D(2026, 7, 20),
        D(2026, 8, 11),
        D(2026, 9, 21),
        D(2026, 9, 22),  # 国民の休日 between 敬老 and 秋分
        D(2026, 9, 23),
        D(2026, 10, 12),
        D(2026, 11, 3),
        D(2026, 11, 23),
        D(2019, 5, 1),
        D(2019, 10, 22),
        D(2020, 7, 24),
        D(2021, 8, 9),  # 山の日 2021 on Sunday → Monday
    ],
)
def test_known_holidays(day):
    assert day in national_holidays(day.year)
    assert not is_business_day(day)


def test_year_end_closure_and_weekends():
    assert not is_business_day(D(2026, 12, 29))
    assert not is_business_day(D(2027, 1, 4 - 1))
    assert is_business_day(D(2027, 1, 4))
    assert not is_business_day(D(2026, 11, 28))  # Saturday
    assert is_business_day(D(2026, 11, 26))


def test_counting_business_days():
    # Friday 2026-11-20 → Monday 23 is 勤労感謝の日, so three business days later is Thursday 26.
    assert add_business_days(D(2026, 11, 20), 3) == D(2026, 11, 26)
    assert business_days_between(D(2026, 11, 20), D(2026, 11, 26)) == 3
    assert business_days_between(D(2026, 11, 20), D(2026, 11, 25)) == 2
    assert business_days_between(D(2026, 11, 26), D(2026, 11, 20)) == 0
