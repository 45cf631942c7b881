"""Business days of a city office: weekdays that are not national holidays or 年末年始 (12/29–1/3).

Holidays follow 国民の祝日に関する法律 as amended to 2020 (振替休日, 国民の休日, the Olympic moves of
2020/2021 and the 2019 enthronement days). Equinox days use the usual 1980–2099 approximation.
"""

import datetime as dt
from functools import lru_cache

_SPECIAL = {
    2019: {dt.date(2019, 4, 30), dt.date(2019, 5, 1), dt.date(2019, 5, 2), dt.date(2019, 10, 22)},
}
# 海の日, 山の日 and スポーツの日 were moved for the Tokyo Olympics.
_MOVED = {
    2020: {"umi": dt.date(2020, 7, 23), "yama": dt.date(2020, 8, 10), "sports": dt.date(2020, 7, 24)},
    2021: {"umi": dt.date(2021, 7, 22), "yama": dt.date(2021, 8, 8), "sports": dt.date(2021, 7, 23)},
}


def _nth_monday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (7 - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def _equinox(year: int, base: float) -> int:
    return int(base + 0.242194 * (year - 1980) - (year - 1980) // 4)


@lru_cache(maxsize=256)
def national_holidays(year: int) -> frozenset[dt.date]:
    moved = _MOVED.get(year, {})
    days = {
        dt.date(year, 1, 1),
        _nth_monday(year, 1, 2),
        dt.date(year, 2, 11),
        dt.date(year, 3, _equinox(year, 20.8431)),
        dt.date(year, 4, 29),
        dt.date(year, 5, 3),
        dt.date(year, 5, 4),
        dt.date(year, 5, 5),
        moved.get("umi", _nth_monday(year, 7, 3)),
        moved.get("yama", dt.date(year, 8, 11)),
        _nth_monday(year, 9, 3),
        dt.date(year, 9, _equinox(year, 23.2488)),
        moved.get("sports", _nth_monday(year, 10, 2)),
        dt.date(year, 11, 3),
        dt.date(year, 11, 23),
    }
    if year >= 2020:
        days.add(dt.date(year, 2, 23))
    elif year <= 2018:
        days.add(dt.date(year, 12, 23))
    days |= _SPECIAL.get(year, set())
    # 国民の休日: a weekday squeezed between two holidays.
    for day in sorted(days):
        between = day + dt.timedelta(days=1)
        if between not in days and between + dt.timedelta(days=1) in days and between.weekday() != 6:
            days.add(between)
    # 振替休日: a holiday on Sunday moves to the next day that is not a holiday.
    for day in sorted(days):
        if day.weekday() == 6:
            substitute = day + dt.timedelta(days=1)
            while substitute in days:
                substitute += dt.timedelta(days=1)
            days.add(substitute)
    return frozenset(days)


def is_business_day(day: dt.date) -> bool:
    if day.weekday() >= 5:
        return False
    if (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3):
        return False
    return day not in national_holidays(day.year)


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count


def business_day_from(day: dt.date) -> dt.date:
    """``day`` if the office is open then, else the first day after it that it is."""
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def business_day_until(day: dt.date) -> dt.date:
    """``day`` if the office is open then, else the last day before it that it is."""
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_business_days(start: dt.date, days: int) -> dt.date:
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            left -= 1
    return day
