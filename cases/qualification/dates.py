"""Date arithmetic the qualification rules need (rules-disability-qualification.md §1). Pure, no database.

Issue 12 brings a shared `cases/common/dates.py` with the same kind of helpers; these stay here (the
case types may not import each other) until the two are merged into it.
"""

import calendar
import datetime as dt

from cases.common.identifiers.wareki import age_on, age_reached_on

__all__ = [
    "add_months",
    "age_on",
    "age_reached_on",
    "day_after",
    "last_day_counted",
    "month_before",
    "month_start",
    "months_later",
]

DAY = dt.timedelta(days=1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after the month of `month` (negative: before)."""
    index = month.year * 12 + (month.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_before(day: dt.date) -> dt.date:
    """The first day of the month before the month containing `day`."""
    return add_months(day, -1)


def months_later(day: dt.date, months: int) -> dt.date:
    """「起算してn月を経過した日」: the same day of the month, n months later (民法143条2項). A month without
    that day gives its last day (the rule sheet's DOUBT §1: 機構 practice, not the strict reading)."""
    first = add_months(day, months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def day_after(day: dt.date) -> dt.date:
    """法9条: a loss takes effect on 「該当するに至つた日の翌日」."""
    return day + DAY


def last_day_counted(start: dt.date, days: int) -> dt.date:
    """The last day of 「…から n日以内」: the day of the fact is not counted (民法140条), so the period ends
    n days after it (則1条の4 etc.: 14 days after the event; 則9条: 14 days after 受理)."""
    return start + dt.timedelta(days=days)
