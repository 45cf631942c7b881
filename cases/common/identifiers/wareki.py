"""和暦 (Japanese era dates) as text: written (format_wareki) and read (parse_wareki, and the lenient
readers for forms printed before a 改元), and the 年齢計算ニ関スル法律 age rule. The era table and the
conversions behind them are cases/common/identifiers/eras.py.

Dates are stored as ISO dates; eras are only for display and for the edges that need them.
"""

import calendar
import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.identifiers.eras import ERAS, Era, era_end, era_named, era_outside, from_wareki, to_wareki
from cases.common.identifiers.no_such_date import no_such_month, outside_era_read


def format_wareki(value: dt.date | None) -> str:
    if not value:
        return ""
    if value < ERAS[0].start:
        # No era has a name for it (an extract may hold 1868-01-01): shown in 西暦, not a failed page.
        return f"{value.year}年{value.month}月{value.day}日"
    return str(to_wareki(value))


_WAREKI_RE = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?P<year>元|\d{1,3})\s*[年.\-/]\s*"
    r"(?P<month>\d{1,2})\s*[月.\-/]\s*(?P<day>\d{1,2})\s*日?$"
)


def parse_wareki(text: str) -> dt.date:
    """Accepts 「昭和63年5月3日」, 「令和元年5月1日」, 「S63.5.3」 and full-width digits."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    match = _WAREKI_RE.match(folded)
    if not match:
        raise ValidationError(
            _("和暦の日付「%(text)s」を読み取れません (例: 昭和63年5月3日)。") % {"text": text},
            code="wareki_format",
        )
    year = 1 if match["year"] == "元" else int(match["year"])
    return from_wareki(match["era"], year, int(match["month"]), int(match["day"]))


# A13 (exemption-statute-audit.md): forms printed before a 改元 keep the old era's name, and 機構 read
# their dates in the new era (2019 notice, domain.md §5.4). Such forms are used up within a few years;
# a date further on (「平成99年」) is a slip, not an old form, and is refused, not read as 2087.
OLD_ERA_YEARS_READ = 5  # 平成: up to 平成36年 (令和6年); 昭和: up to 昭和69年 (平成6年)


def parse_wareki_lenient(text: str) -> tuple[dt.date, bool]:
    """parse_wareki, but a date written in an era after that era ended, on a form printed before the
    改元 (「平成31年5月1日」), is read in the era that followed, as 機構 did in 2019 — up to the end of
    the era's last year + OLD_ERA_YEARS_READ. Returns (date, whether that happened)."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    match = _WAREKI_RE.match(folded)
    if match:
        era = era_named(match["era"])
        end = era_end(era) if era else None
        year = 1 if match["year"] == "元" else int(match["year"])
        if era is not None and end is not None:
            try:
                value = dt.date(era.start.year + year - 1, int(match["month"]), int(match["day"]))
            except ValueError:
                value = None
            if value is not None and value > end:
                return _read_in_next_era(era, year, value), True
    return parse_wareki(text), False


def _read_in_next_era(era: Era, year: int, value: dt.date, *, month_only: bool = False) -> dt.date:
    end = era_end(era)
    last_read = end.year + OLD_ERA_YEARS_READ
    following = ERAS[ERAS.index(era) + 1]
    following_end = era_end(following)
    if value.year <= last_read and (following_end is None or value <= following_end):
        return value
    raise outside_era_read(
        era=era.said,
        year=year,
        month=value.month,
        day=None if month_only else value.day,
        last=last_read - era.start.year + 1,
        following=following.said,
        following_year=last_read - following.start.year + 1,
    )


_WAREKI_MONTH_RE = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?P<year>元|\d{1,3})\s*[年.\-/]\s*"
    r"(?P<month>\d{1,2})\s*月?$"
)


def parse_wareki_month_lenient(text: str) -> tuple[dt.date, bool]:
    """A 和暦 month (「令和8年7月」, 「R8.7」) → (its first day, whether it was read in the next era).

    A month is in an era when one of its days is: 平成元年1月 is January 1989 (平成 from the 8th), 昭和64年1月
    too (昭和 until the 7th); 令和元年4月 has no day of 令和 and is refused saying when 令和 began, as the
    date box refuses 令和元年4月30日. A month after its era ended (平成31年5月, on a form printed before the
    改元) is read in the next era up to the era's last year + OLD_ERA_YEARS_READ (A13), as dates are."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    match = _WAREKI_MONTH_RE.match(folded)
    if not match:
        raise ValidationError(
            _("「%(value)s」は年月として読み取れません (例: 令和8年7月 / 2026-07)。") % {"value": text},
            code="wareki_format",
        )
    era = era_named(match["era"])
    year = 1 if match["year"] == "元" else int(match["year"])
    month = int(match["month"])
    if year < 1:
        raise ValidationError(_("和暦の年は1 (元年) 以上です。"), code="wareki_year")
    if not 1 <= month <= 12:
        raise no_such_month(era=era.said, year=year, month=month, code="wareki_date")
    first = dt.date(era.start.year + year - 1, month, 1)
    last = first.replace(day=calendar.monthrange(first.year, month)[1])
    end = era_end(era)
    if last < era.start:
        raise era_outside(era, year, month, None, began=True)
    if end is not None and first > end:
        return _read_in_next_era(era, year, first, month_only=True), True
    return first, False


def _anniversary(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year: the corresponding day is 1 March
        return dt.date(birth.year + years, 3, 1)


def age_reached_on(birth: dt.date, age: int) -> dt.date:
    """The day a person reaches `age`: the day before the birthday (年齢計算ニ関スル法律)."""
    return _anniversary(birth, age) - dt.timedelta(days=1)


def age_on(birth: dt.date, on: dt.date) -> int:
    """Legal age on a date, counting the day before each birthday as the day the age is reached."""
    # The age can step up as late as 31 December (born 1 January), so start one above.
    age = on.year - birth.year + 1
    while age > 0 and age_reached_on(birth, age) > on:
        age -= 1
    return age
