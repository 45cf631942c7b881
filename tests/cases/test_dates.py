"""民法143条 as applied by the statutes (「起算してn月を経過した日」) and the month helpers."""

import datetime as dt

import pytest

from cases.common.dates import (
    END_OF_MONTH,
    NEXT_DAY,
    add_months,
    month_end,
    months_between,
    months_elapsed_day,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 1, 15), 3, D(2024, 4, 15)),  # the rule sheet's example
        (D(2024, 1, 15), 18, D(2025, 7, 15)),  # 1年6月 (法30条1項)
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # no 30 February in a leap year: the month's last day
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # born or treated on 29 February
        (D(2024, 5, 15), -3, D(2024, 2, 15)),  # counted backwards ("within 3 months before")
    ],
)
def test_minpo_143_the_corresponding_day_n_months_later(start, months, expected):
    assert months_elapsed_day(start, months).date == expected


def test_minpo_143_2_no_matching_day_is_flagged_and_read_either_way():
    # 初診日 2023-08-31 + 18 months: February 2025 has no 31st (rules-disability-qualification.md §1).
    practice = months_elapsed_day(D(2023, 8, 31), 18, no_matching_day=END_OF_MONTH)
    strict = months_elapsed_day(D(2023, 8, 31), 18, no_matching_day=NEXT_DAY)
    assert practice.date == D(2025, 2, 28) and practice.no_matching_day
    assert strict.date == D(2025, 3, 1) and strict.no_matching_day
    assert not months_elapsed_day(D(2023, 8, 28), 18).no_matching_day


def test_an_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="no_matching_day"):
        months_elapsed_day(D(2023, 8, 31), 1, no_matching_day="guess")


def test_month_helpers_cross_years():
    assert add_months(D(2025, 11, 20), 2) == D(2026, 1, 1)
    assert add_months(D(2025, 1, 31), -1) == D(2024, 12, 1)
    assert month_end(D(2024, 2, 3)) == D(2024, 2, 29)
    assert months_between(D(2024, 11, 1), D(2025, 2, 28)) == 4
