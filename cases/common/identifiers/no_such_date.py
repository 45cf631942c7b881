"""Why a date or a month typed into a box cannot be: no such month (13月, 0月), no such day in that month
(2月30日), or no such day in the era written (令和元年4月30日: 令和 began on 1 May), said the same way by
the date box, the month box and the 和暦 reader (cases/common/fields.py, cases/common/identifiers/wareki.py).

The messages put the date's parts into a sentence of the reader's language, each part in that language's
words: 令和8年2月30日 on a Japanese screen, "30 February in Reiwa 8 (2026)" on an English one. The parts
were once interpolated as figures into 「%(era)s%(year)s年%(month)s月%(day)s日」, and an English screen read
「令和 8/2/30 does not exist.」 (walk of 2026-12-06). The era's name is its reading in a language other
than Japanese (`era_said`), the month's name is Django's (2月 / February); the catalogue orders them.
"""

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _


def screen_is_japanese() -> bool:
    """A Japanese screen (no language active is one too): the one test of it for the date messages here
    and cases.common.date_display's separators."""
    return (translation.get_language() or "ja").startswith("ja")


def era_said(name: str, reading: str) -> str:
    """An era as a sentence names it: 令和 in Japanese, its reading (Reiwa) in another language."""
    return name if screen_is_japanese() else reading


def year_said(year: int) -> str:
    """An era's year as a message echoes it: its first year is 元年 in Japanese, as the desk writes it
    (令和元年4月, not 令和1年4月); other languages keep the figure (Reiwa 1)."""
    return "元" if year == 1 and screen_is_japanese() else str(year)


def no_such_month(*, year: int, month: int, era: str = "", code: str = "invalid_month") -> ValidationError:
    """A year has 12 months: 「令和8年13月 は存在しない年月です。」 with the months a year has, for a date
    box and a month box alike. `era` is the era as said (era_said); without it `year` is a 西暦 year."""
    if era:
        message = _("%(era)s%(year)s年%(month)s月 は存在しない年月です。月は1〜12です。")
        params = {"era": era, "year": year_said(year), "month": month}
    else:
        message = _("%(year)s年%(month)s月 は存在しない年月です。月は1〜12です。")
        params = {"year": year, "month": month}
    return ValidationError(message % params, code=code)


def no_such_day(
    *, western_year: int, month: int, day: int, era: str = "", year: int = 0, code: str = "invalid_date"
) -> ValidationError:
    """No such day in the month: 「令和8年2月30日 は存在しない日付です。令和8年 (2026年) の2月は28日までです。」
    — the month's last day says what to correct (2月29日 exists in 2028, not in 2026). `month` is a month
    (no_such_month says the rest); `era` and its `year` as the clerk wrote them, none for a 西暦 date."""
    params = {
        "month_name": MONTHS[month],
        "day": day,
        "last_day": calendar.monthrange(western_year, month)[1],
        "western_year": western_year,
    }
    if era:
        message = _(
            "%(era)s%(year)s年%(month_name)s%(day)s日 は存在しない日付です。"
            "%(era)s%(year)s年 (%(western_year)s年) の%(month_name)sは%(last_day)s日までです。"
        )
        params |= {"era": era, "year": year_said(year)}
    else:
        message = _(
            "%(year)s年%(month_name)s%(day)s日 は存在しない日付です。%(year)s年の%(month_name)sは%(last_day)s日までです。"
        )
        params["year"] = western_year
    return ValidationError(message % params, code=code)


def sentences(*parts: str) -> str:
    """Sentences of one message: Japanese runs them together after their 。, other languages need a space."""
    return ("" if screen_is_japanese() else " ").join(parts)


def _parts(era: str, year: int, month: int, day: int | None = None) -> dict:
    return {"era": era, "year": year_said(year), "month_name": MONTHS[month], "day": day}


def _era_bound(era: str, edge: dt.date, edge_year: int, *, began: bool) -> str:
    """When the era began or ended: 「令和は令和元年5月1日 (2019年5月1日) からです。」."""
    text = (
        _(
            "%(era)sは%(era)s%(era_year)s年%(month_name)s%(day)s日 (%(year)s年%(month_name)s%(day)s日) からです。"
        )
        if began
        else _(
            "%(era)sは%(era)s%(era_year)s年%(month_name)s%(day)s日 (%(year)s年%(month_name)s%(day)s日) までです。"
        )
    )
    return text % {
        "era": era,
        "era_year": year_said(edge_year),
        "month_name": MONTHS[edge.month],
        "day": edge.day,
        "year": edge.year,
    }


def outside_era(
    *, era: str, year: int, month: int, day: int | None, edge: dt.date, edge_year: int, began: bool
) -> ValidationError:
    """A date (or, without `day`, a month) with no day in the era written — before it began (令和元年4月30日)
    or after it ended (昭和64年1月8日, by the strict reader) — and the era's first or last day (`edge`, in
    its era year `edge_year`): 「令和元年4月30日 は令和の期間外です。令和は令和元年5月1日 (2019年5月1日) からです。」."""
    if day is None:
        outside = _("%(era)s%(year)s年%(month_name)s は%(era)sの期間外です。")
    else:
        outside = _("%(era)s%(year)s年%(month_name)s%(day)s日 は%(era)sの期間外です。")
    bound = _era_bound(era, edge, edge_year, began=began)
    return ValidationError(sentences(outside % _parts(era, year, month, day), bound), code="wareki_range")


def outside_era_read(
    *, era: str, year: int, month: int, day: int | None, last: int, following: str, following_year: int
) -> ValidationError:
    """A date (or, without `day`, a month) written in an era further after its end than an old form is read
    into the next era (A13): up to the era's year `last`, which is the following era's `following_year`."""
    if day is None:
        message = _(
            "%(era)s%(year)s年%(month_name)s は%(era)sの期間外です。改元後の年月を%(era)sのまま"
            "書いたものは %(era)s%(last)s年 (%(next)s%(next_year)s年) まで読み替えます。"
            "%(next)sの年で入力してください。"
        )
    else:
        message = _(
            "%(era)s%(year)s年%(month_name)s%(day)s日 は%(era)sの期間外です。改元後の日付を%(era)sのまま"
            "書いたものは %(era)s%(last)s年 (%(next)s%(next_year)s年) まで読み替えます。"
            "%(next)sの年で入力してください。"
        )
    params = _parts(era, year, month, day) | {"last": last, "next": following, "next_year": following_year}
    return ValidationError(message % params, code="wareki_range")
