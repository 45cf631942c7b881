"""The eras (元号) and dates in them: the era table, a date ↔ its 和暦 (era, year, month, day), and
機構's era-coded dates. Reading and writing 和暦 text is cases/common/identifiers/wareki.py."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.identifiers.no_such_date import era_said, no_such_day, no_such_month, outside_era


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


def era_named(text: str) -> Era | None:
    """The era a 和暦 names: by its name (令和) or its letter (R, r)."""
    return _BY_NAME.get(text) or _BY_LETTER.get(text.upper())


@dataclass(frozen=True)
class WarekiDate:
    era: Era
    year: int
    month: int
    day: int

    def __str__(self) -> str:
        year = "元" if self.year == 1 else str(self.year)
        return f"{self.era.name}{year}年{self.month}月{self.day}日"


def era_end(era: Era) -> dt.date | None:
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


def from_wareki(era_name: str, year: int, month: int, day: int) -> dt.date:
    era = era_named(era_name)
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
    end = era_end(era)
    if value < era.start or (end is not None and value > end):
        raise era_outside(era, year, month, day, began=value < era.start)
    return value


def era_outside(era: Era, year: int, month: int, day: int | None, *, began: bool) -> ValidationError:
    """Why a date is outside its era: 「令和は令和元年5月1日 (2019年5月1日) からです。」 (R1.4.30 is no day of
    令和: the era began on 1 May), or until when the era lasted."""
    edge = era.start if began else era_end(era)
    return outside_era(
        era=era.said,
        year=year,
        month=month,
        day=day,
        edge=edge,
        edge_year=edge.year - era.start.year + 1,
        began=began,
    )


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
