"""Business days of a city office: weekdays that are not national holidays or 年末年始 (12/29–1/3).

Holidays follow 国民の祝日に関する法律 as each year had it (the statute is not among the brief's texts;
the years are those in which each amendment applied):

- 成人の日 15 January and 体育の日 10 October until 1999; the second Monday from 2000.
- 海の日 20 July from 1996, the third Monday from 2003; 敬老の日 15 September until 2002, the third Monday
  from 2003.
- 昭和の日 (29 April) and みどりの日 (4 May) from 2007; 29 April was みどりの日 before, and 4 May a 国民の休日.
- 振替休日: the next day until 2006; from 2007 the first day after that is not a holiday.
- 山の日 (11 August) from 2016; 体育の日 became スポーツの日 in 2020; 天皇誕生日 23 December 1989–2018,
  23 February from 2020; the 2019 enthronement days and the Olympic moves of 2020/2021.

Covered: 1989 (平成) to 2099, the range of the equinox approximation used (1980–2099). Years before 1989
are computed with the 1989 rules (their special days left out); years after 2021 with today's law.
"""

import datetime as dt
from functools import lru_cache

_SPECIAL = {
    1989: {dt.date(1989, 2, 24)},  # 昭和天皇の大喪の礼
    1990: {dt.date(1990, 11, 12)},  # 即位礼正殿の儀
    1993: {dt.date(1993, 6, 9)},  # 皇太子徳仁親王の結婚の儀
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


def _monday_rules(year: int, moved: dict) -> set[dt.date]:
    """The holidays whose day moved to a Monday (from 2000 and from 2003), and 山の日 from 2016."""
    days = {
        _nth_monday(year, 1, 2) if year >= 2000 else dt.date(year, 1, 15),  # 成人の日
        _nth_monday(year, 9, 3) if year >= 2003 else dt.date(year, 9, 15),  # 敬老の日
        # 体育の日 (スポーツの日 from 2020)
        moved.get("sports", _nth_monday(year, 10, 2) if year >= 2000 else dt.date(year, 10, 10)),
    }
    if year >= 1996:  # 海の日
        days.add(moved.get("umi", _nth_monday(year, 7, 3) if year >= 2003 else dt.date(year, 7, 20)))
    if year >= 2016:  # 山の日
        days.add(moved.get("yama", dt.date(year, 8, 11)))
    return days


@lru_cache(maxsize=256)
def national_holidays(year: int) -> frozenset[dt.date]:
    days = {
        dt.date(year, 1, 1),
        dt.date(year, 2, 11),
        dt.date(year, 3, _equinox(year, 20.8431)),
        dt.date(year, 4, 29),  # みどりの日, 昭和の日 from 2007
        dt.date(year, 5, 3),
        dt.date(year, 5, 5),
        dt.date(year, 9, _equinox(year, 23.2488)),
        dt.date(year, 11, 3),
        dt.date(year, 11, 23),
        *_monday_rules(year, _MOVED.get(year, {})),
    }
    if year >= 2007:
        days.add(dt.date(year, 5, 4))  # みどりの日
    if year >= 2020:
        days.add(dt.date(year, 2, 23))
    elif year <= 2018:
        days.add(dt.date(year, 12, 23))
    days |= _SPECIAL.get(year, set())
    # 国民の休日: a weekday squeezed between two holidays (4 May before 2007).
    for day in sorted(days):
        between = day + dt.timedelta(days=1)
        if between not in days and between + dt.timedelta(days=1) in days and between.weekday() != 6:
            days.add(between)
    # 振替休日: a holiday on Sunday moves to the next day; from 2007 to the next day that is not a holiday.
    for day in sorted(days):
        if day.weekday() == 6:
            substitute = day + dt.timedelta(days=1)
            while substitute in days and year >= 2007:
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
