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


# 国民の祝日に関する法律 as each year had it: a rule applies only from the year its amendment took effect
# (the statute is not among the brief's texts; the years are those of the amendments in force).
@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (D(2015, 8, 11), False),  # 山の日 only from 2016
        (D(2016, 8, 11), True),
        (D(1999, 1, 15), True),  # 成人の日 15 January until 1999
        (D(2001, 1, 15), False),  # … the second Monday from 2000
        (D(2001, 1, 8), True),
        (D(1999, 10, 8), False),  # 体育の日 10 October until 1999 (8 October: the Friday before)
        (D(1998, 10, 12), False),  # … not yet the second Monday
        (D(2000, 10, 10), False),  # … the second Monday from 2000
        (D(2000, 10, 9), True),
        (D(2001, 7, 20), True),  # 海の日 20 July until 2002
        (D(2001, 7, 16), False),
        (D(2003, 7, 21), True),  # … the third Monday from 2003
        (D(2000, 9, 15), True),  # 敬老の日 15 September until 2002
        (D(2000, 9, 18), False),
        (D(2005, 9, 19), True),  # … the third Monday from 2003
        (D(1998, 5, 4), True),  # 憲法記念日 on Sunday: the next day only, until 2006 …
        (D(1998, 5, 6), False),
        (D(2009, 5, 6), True),  # … from 2007 the first day that is not a holiday
        (D(2006, 5, 4), True),  # 国民の休日 between 憲法記念日 and こどもの日 (みどりの日 only from 2007)
        (D(2020, 10, 12), False),  # スポーツの日 2020 moved to 24 July
    ],
)
def test_holidays_follow_the_law_of_their_year(day, holiday):
    assert (day in national_holidays(day.year)) is holiday
    assert is_business_day(day) is not holiday
