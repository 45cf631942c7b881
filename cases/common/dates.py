"""Date arithmetic of the statutes, shared by every case type. Pure functions, no database.

- 民法143条 (applied to ages by 年齢計算ニ関スル法律 ②): a period in months ends on the day before the
  day that corresponds to its first day; 「X日から起算してn月を経過した日」 is therefore the corresponding
  day itself (2024-01-15 + 3 months → 2024-04-15).
- 民法143条2項ただし書: when the last month has no corresponding day (31 August + 18 months), the period
  ends on that month's last day, which makes the day *after* it (1 March) the day that has "passed"
  the period. 機構's published practice uses the month's last day instead (rules-disability-qualification.md
  §1, DOUBT). Both readings are offered; the caller picks one from reference data and shows the
  result as 「要確認」 whenever the two differ (`ElapsedDay.no_matching_day`).
"""

import calendar
import datetime as dt
from dataclasses import dataclass

END_OF_MONTH = "end_of_month"  # 機構's practice: the last day of the month
NEXT_DAY = "next_day"  # a strict reading of 民法143条2項ただし書
NO_MATCHING_DAY_RULES = (END_OF_MONTH, NEXT_DAY)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after the month of `month`."""
    index = month.year * 12 + (month.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_before(day: dt.date) -> dt.date:
    """The first day of the month before the month containing `day`."""
    return add_months(day, -1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_between(first: dt.date, last: dt.date) -> int:
    """Number of months from the month of `first` to the month of `last`, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class ElapsedDay:
    date: dt.date
    # The last month had no corresponding day, so the answer depends on the reading (DOUBT).
    no_matching_day: bool = False


def months_elapsed_day(start: dt.date, months: int, *, no_matching_day: str = END_OF_MONTH) -> ElapsedDay:
    """「`start` から起算して `months` 月を経過した日」 (民法143条). `months` may be negative, which
    gives the corresponding day before `start` (used for "within 3 months before")."""
    if no_matching_day not in NO_MATCHING_DAY_RULES:
        raise ValueError(f"no_matching_day must be one of {NO_MATCHING_DAY_RULES}, not {no_matching_day!r}")
    target = add_months(start, months)
    last_day = calendar.monthrange(target.year, target.month)[1]
    if start.day <= last_day:
        return ElapsedDay(target.replace(day=start.day))
    if no_matching_day == NEXT_DAY and months > 0:
        return ElapsedDay(target.replace(day=last_day) + dt.timedelta(days=1), no_matching_day=True)
    return ElapsedDay(target.replace(day=last_day), no_matching_day=True)


def day_after(day: dt.date) -> dt.date:
    """法9条: a loss takes effect on 「該当するに至つた日の翌日」."""
    return day + dt.timedelta(days=1)


def last_day_counted(start: dt.date, days: int) -> dt.date:
    """The last day of 「…から n日以内」: the day of the fact is not counted (民法140条), so the period ends
    n days after it (則1条の4 etc.: 14 days after the event; 則9条: 14 days after 受理)."""
    return start + dt.timedelta(days=days)
