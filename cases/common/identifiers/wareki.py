"""和暦 (Japanese era dates), 機構's era codes, and the 年齢計算ニ関スル法律 age rule.

Dates are stored as ISO dates; eras are only for display and for the edges that need them.
"""

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.identifiers.no_such_date import (
    era_said,
    no_such_day,
    no_such_month,
    outside_era,
    outside_era_read,
)


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    kiko_code: int  # 日本年金機構's code: 1 明治, 3 大正, 5 昭和, 7 平成, 9 令和
    start: dt.date
    reading: str  # the era's name in a sentence of another language (Reiwa 8)

    @property
    def said(self) -> str:
        """The era as a sentence of the reader's language names it: 令和, or Reiwa on an English screen."""
        return era_said(self.name, self.reading)


# 明治 starts at the 改元 (1868-10-23); nobody alive was born before it.
ERAS = (
    Era("明治", "M", 1, dt.date(1868, 10, 23), "Meiji"),
    Era("大正", "T", 3, dt.date(1912, 7, 30), "Taishō"),
    Era("昭和", "S", 5, dt.date(1926, 12, 25), "Shōwa"),
    Era("平成", "H", 7, dt.date(1989, 1, 8), "Heisei"),
    Era("令和", "R", 9, dt.date(2019, 5, 1), "Reiwa"),
)
_BY_NAME = {era.name: era for era in ERAS}
_BY_LETTER = {era.letter: era for era in ERAS}
_BY_CODE = {era.kiko_code: era for era in ERAS}


@dataclass(frozen=True)
class WarekiDate:
    era: Era
    year: int
    month: int
    day: int

    def __str__(self) -> str:
        year = "元" if self.year == 1 else str(self.year)
        return f"{self.era.name}{year}年{self.month}月{self.day}日"


def _era_end(era: Era) -> dt.date | None:
    index = ERAS.index(era)
    return ERAS[index + 1].start - dt.timedelta(days=1) if index + 1 < len(ERAS) else None


def era_of(value: dt.date) -> Era:
    for era in reversed(ERAS):
        if value >= era.start:
            return era
    raise ValidationError(_("明治より前の日付は和暦に変換できません。"), code="wareki_range")


def to_wareki(value: dt.date) -> WarekiDate:
    era = era_of(value)
    return WarekiDate(era, value.year - era.start.year + 1, value.month, value.day)


def format_wareki(value: dt.date | None) -> str:
    if not value:
        return ""
    if value < ERAS[0].start:
        # No era has a name for it (an extract may hold 1868-01-01): shown in 西暦, not a failed page.
        return f"{value.year}年{value.month}月{value.day}日"
    return str(to_wareki(value))


def from_wareki(era_name: str, year: int, month: int, day: int) -> dt.date:
    era = _BY_NAME.get(era_name) or _BY_LETTER.get(era_name.upper())
    if era is None:
        raise ValidationError(_("元号「%(era)s」は扱えません。") % {"era": era_name}, code="wareki_era")
    if year < 1:
        raise ValidationError(_("和暦の年は1 (元年) 以上です。"), code="wareki_year")
    if not 1 <= month <= 12:  # 令和8年13月1日: the month is what is wrong, as the month box says it
        raise no_such_month(era=era.said, year=year, month=month, code="wareki_date")
    western_year = era.start.year + year - 1
    try:
        value = dt.date(western_year, month, day)
    except ValueError as exc:
        raise no_such_day(
            era=era.said, year=year, western_year=western_year, month=month, day=day, code="wareki_date"
        ) from exc
    end = _era_end(era)
    if value < era.start or (end is not None and value > end):
        raise _outside(era, year, month, day, began=value < era.start)
    return value


def _outside(era: Era, year: int, month: int, day: int | None, *, began: bool) -> ValidationError:
    """Why a date is outside its era: 「令和は令和元年5月1日 (2019年5月1日) からです。」 (R1.4.30 is no day of
    令和: the era began on 1 May), or until when the era lasted."""
    edge = era.start if began else _era_end(era)
    return outside_era(
        era=era.said,
        year=year,
        month=month,
        day=day,
        edge=edge,
        edge_year=edge.year - era.start.year + 1,
        began=began,
    )


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
        era = _BY_NAME.get(match["era"]) or _BY_LETTER.get(match["era"].upper())
        end = _era_end(era) if era else None
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
    end = _era_end(era)
    last_read = end.year + OLD_ERA_YEARS_READ
    following = ERAS[ERAS.index(era) + 1]
    following_end = _era_end(following)
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
    era = _BY_NAME.get(match["era"]) or _BY_LETTER[match["era"].upper()]
    year = 1 if match["year"] == "元" else int(match["year"])
    month = int(match["month"])
    if year < 1:
        raise ValidationError(_("和暦の年は1 (元年) 以上です。"), code="wareki_year")
    if not 1 <= month <= 12:
        raise no_such_month(era=era.said, year=year, month=month, code="wareki_date")
    first = dt.date(era.start.year + year - 1, month, 1)
    last = first.replace(day=calendar.monthrange(first.year, month)[1])
    end = _era_end(era)
    if last < era.start:
        raise _outside(era, year, month, None, began=True)
    if end is not None and first > end:
        return _read_in_next_era(era, year, first, month_only=True), True
    return first, False


def to_kiko_code(value: dt.date, *, separator: str = "-") -> str:
    """機構's era-coded date: 昭和63年5月3日 → '5-630503'."""
    wareki = to_wareki(value)
    return f"{wareki.era.kiko_code}{separator}{wareki.year:02d}{wareki.month:02d}{wareki.day:02d}"


_KIKO_RE = re.compile(r"^(?P<code>[13579])-?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})$")


def from_kiko_code(text: str) -> dt.date:
    match = _KIKO_RE.match((text or "").strip())
    if not match:
        raise ValidationError(
            _("機構の和暦コード「%(text)s」を読み取れません (例: 5-630503)。") % {"text": text},
            code="kiko_format",
        )
    era = _BY_CODE[int(match["code"])]
    return from_wareki(era.name, int(match["yy"]), int(match["mm"]), int(match["dd"]))


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
