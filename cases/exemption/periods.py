"""Which months an exemption covers (domain.md §1.3, §1.4, §1.6). Pure date arithmetic, no database."""

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.date_display import (
    fiscal_year_in_text,
    fiscal_year_show,
    month_in_text,
    range_separator,
    series_separator,
    year_show,
)
from cases.common.dates import add_months, month_start

# A retroactive application reaches back at most 2 years and 1 month before the application month
# (since 平成26年4月): a month's premium is due at the end of the next month (法91条) and the claim to it is
# time-barred 2 years later (法102条4項), so only months still collectable may be exempted.
RETROACTIVE_MONTHS = 25


def fiscal_year_of(month: dt.date, *, student: bool) -> int:
    """免除年度 runs July–June (則77条1項 「毎年七月一日から翌年六月三十日まで」, also 則77条の3・77条の5
    by reference); 学生年度 April–March (則77条の4 「毎年四月から翌年三月まで」). The year is the one it starts in.
    The split follows whose income is judged (法90条1項1号 「一月から厚生労働省令で定める月までの月分…前々年
    の所得」, 則77条の2: 六月, 学生 三月)."""
    first_month = 4 if student else 7
    return month.year if month.month >= first_month else month.year - 1


class ApplicationYear(NamedTuple):
    """The 年度 an application is for, and which kind of 年度 its number counts: a 学生納付特例 (法90条の3第1項)
    is applied for per 学生年度, April–March (則77条の4第1項), every other kind per 免除年度, July–June (則77条1項,
    also 77条の3・77条の5: 法90条・90条の2, 平成16年法律第104号附則19条, 平成26年法律第64号附則14条). 学生年度
    2026 and 免除年度 2026 are not the
    same 年度 (cases/exemption/casetype.py same_application: the intake's double-intake check)."""

    student: bool
    fiscal_year: int


def application_year_show(year: ApplicationYear) -> str:
    """An application's 年度 on the screen: 令和8年度 for a 免除年度 (as fiscal_year_show), 令和8年度 (学生)
    for a 学生年度 (as the case header words it), FY2026 (R8) (student) in English."""
    shown = fiscal_year_show(year.fiscal_year)
    return _("%(year)s (学生)") % {"year": shown} if year.student else shown


def fiscal_year_bounds(fiscal_year: int, *, student: bool) -> tuple[dt.date, dt.date]:
    first_month = 4 if student else 7
    start = dt.date(fiscal_year, first_month, 1)
    return start, add_months(start, 11)


def earliest_retroactive_month(applied_on: dt.date) -> dt.date:
    """The first month still open to an application (法91条 納期限 + 法102条4項 2年の時効: 2年1か月)."""
    return add_months(month_start(applied_on), -RETROACTIVE_MONTHS)


# Months and 年度 inside the sentences below: 和暦 on Japanese screens, words in English.
_ym, _fy = month_in_text, fiscal_year_in_text


def applied_period_validate(
    *, start: dt.date, end: dt.date, fiscal_year: int, student: bool, applied_on: dt.date
) -> None:
    """Raises ValidationError keyed by form field when the months cannot be applied for: outside the 免除年度
    (則77条1項) or 学生年度 (則77条の4), or before the retroactive limit of 2年1か月 — a month's premium is due
    the end of the next month (法91条) and the right to collect it lapses 2 years on (法102条4項)."""
    errors: dict[str, str] = {}
    first, last = fiscal_year_bounds(fiscal_year, student=student)
    earliest = earliest_retroactive_month(applied_on)
    # Whole sentences per kind of year (学生年度 / 免除年度), so each language can word them its own way.
    if student:
        outside = _("開始月は学生年度 %(year)s (%(first)s〜%(last)s) の範囲で指定してください。")
        too_late = _("終了月は学生年度 %(year)s の%(last)sまでです。")
    else:
        outside = _("開始月は免除年度 %(year)s (%(first)s〜%(last)s) の範囲で指定してください。")
        too_late = _("終了月は免除年度 %(year)s の%(last)sまでです。")
    if start > end:
        errors["period_end"] = _("対象期間の終了月は開始月以降にしてください。")
    if not first <= start <= last:
        errors["period_start"] = outside % {"year": _fy(fiscal_year), "first": _ym(first), "last": _ym(last)}
    elif start == add_months(earliest, -1):  # one month too early: named once, not as a range
        errors["period_start"] = _(
            "申請月の2年1か月前 (%(earliest)s) より前の月は申請できません。%(start)s は対象外です。"
        ) % {"earliest": _ym(earliest), "start": _ym(start)}
    elif start < earliest:
        errors["period_start"] = _(
            "申請月の2年1か月前 (%(earliest)s) より前の月は申請できません。"
            "%(start)s〜%(before)s は対象外です。"
        ) % {"earliest": _ym(earliest), "start": _ym(start), "before": _ym(add_months(earliest, -1))}
    if "period_end" not in errors and not first <= end <= last:
        errors["period_end"] = too_late % {"year": _fy(fiscal_year), "last": _ym(last)}
    if errors:
        raise ValidationError(errors)


def months_of(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from `first` to `last`, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_runs(months: Sequence[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive months grouped into (first, last) runs, in order."""
    runs: list[tuple[dt.date, dt.date]] = []
    for month in sorted(months):
        if runs and add_months(runs[-1][1], 1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def months_text(months: Sequence[dt.date]) -> str:
    """「令和8年7月〜令和8年11月、令和9年3月」 (English: "July 2026 – November 2026, March 2027")."""
    dash = range_separator()
    return series_separator().join(
        _ym(a) if a == b else f"{_ym(a)}{dash}{_ym(b)}" for a, b in month_runs(months)
    )


def period_not_ahead_validate(*, start: dt.date, student: bool, applied_on: dt.date) -> None:
    """No application for a 年度 after the one the receipt date falls in: its 前年所得 is not yet
    assessed (則77条の2) and the months are not yet due. 産前産後 is checked by its own notice rule."""
    current = fiscal_year_of(applied_on, student=student)
    if fiscal_year_of(start, student=student) <= current:
        return
    first, last = fiscal_year_bounds(current, student=student)
    if student:
        message = _(
            "開始月 (%(start)s) は受付日の学生年度 (%(year)s: %(first)s〜%(last)s) より後です。"
            "学生納付特例は受付日の学生年度までの月を申請できます。"
        )
    else:
        message = _(
            "開始月 (%(start)s) は受付日の免除年度 (%(year)s: %(first)s〜%(last)s) より後です。"
            "免除・納付猶予は受付日の免除年度までの月を申請できます。"
        )
    raise ValidationError(
        {
            "period_start": message
            % {"start": _ym(start), "year": _fy(current), "first": _ym(first), "last": _ym(last)}
        }
    )


def ground_years(month: dt.date, *, student: bool) -> set[int]:
    """則77条の7第1号 (災害) and 第2号 (失業等), in the same words: the event must fall in the year of the month
    or the year before; for a month of January to June (学生: January to March) also the year before that."""
    years = {month.year, month.year - 1}
    if month.month <= (3 if student else 6):
        years.add(month.year - 2)
    return years


def _ground_window_validate(
    field: str,
    event: dt.date,
    *,
    start: dt.date,
    end: dt.date,
    student: bool,
    applied_on: dt.date,
    future,
    outside,
) -> None:
    """Raises ValidationError on `field` unless every month applied for may use the event of that date
    (則77条の7第1号 and 第2号 give the same window, `ground_years`): `future` is the refusal of a date
    after the 受付日, `outside(year, months, rule)` that of months the event cannot serve."""
    if event > applied_on:
        raise ValidationError({field: future})
    months = [m for m in months_of(start, end) if event.year not in ground_years(m, student=student)]
    if months:
        raise ValidationError(
            {field: outside(year_show(event.year), months_text(months), _window_rule(student))}
        )


def job_loss_window_validate(*, job_loss_date: dt.date, **period) -> None:
    """Raises ValidationError on `job_loss_date` unless every month applied for may use it (則77条の7第2号)."""
    _ground_window_validate(
        "job_loss_date",
        job_loss_date,
        **period,
        future=_("離職日・廃業日は受付日以前の日付にしてください。"),
        outside=lambda year, months, rule: (
            _(
                "離職日・廃業日 (%(year)s) は %(months)s の保険料の失業等による特例には使えません。"
                "使えるのは%(rule)sの失業等です (国民年金法施行規則77条の7第2号)。"
            )
            % {"year": year, "months": months, "rule": rule}
        ),
    )


def _window_rule(student: bool) -> str:
    if student:
        return _("対象月の属する年またはその前年 (1月〜3月の月はその前々年も)")
    return _("対象月の属する年またはその前年 (1月〜6月の月はその前々年も)")


def disaster_window_validate(*, disaster_date: dt.date, **period) -> None:
    """Raises ValidationError on `disaster_date` unless every month applied for may use it (則77条の7第1号).
    Refused, not warned: the pre-screen takes the ground for the whole application, so a month outside
    the window would read 該当見込み where the 省令 gives no ground; the clerk narrows the months (or takes
    the application without the ground), as for a 失業等 outside 第2号's window."""
    _ground_window_validate(
        "disaster_date",
        disaster_date,
        **period,
        future=_("災害の発生日は受付日以前の日付にしてください。"),
        outside=lambda year, months, rule: (
            _(
                "災害の発生日 (%(year)s) は %(months)s の保険料の災害による特例には使えません。"
                "使えるのは%(rule)sの災害です (国民年金法施行規則77条の7第1号)。"
            )
            % {"year": year, "months": months, "rule": rule}
        ),
    )


def maternity_period(
    *, expected: dt.date, multiple: bool, actual: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """産前産後 (法88条の2): 「出産予定月の前月（多胎妊娠の場合においては、三月前）から出産予定月の翌々月まで」;
    the 出産の日 instead of the 予定日 where the 省令 says so (法88条の2かっこ書: a notice after the birth)."""
    base = month_start(actual or expected)
    return add_months(base, -3 if multiple else -1), add_months(base, 2)


def maternity_notice_validate(*, expected: dt.date, applied_on: dt.date) -> None:
    """則73条の7第3項: 「出産の予定日の六月前から行うことができる」."""
    # Six months before the expected date, counted by calendar month (clamped to the month's end).
    target = add_months(month_start(expected), -6)
    next_month = add_months(target, 1)
    earliest = min(
        target.replace(day=1) + dt.timedelta(days=expected.day - 1), next_month - dt.timedelta(days=1)
    )
    if applied_on < earliest:
        raise ValidationError(
            {"expected_birth_date": _("産前産後免除は出産予定日の6か月前から届け出できます。")}
        )


def statutory_period_start(*, since: dt.date) -> dt.date:
    """法定免除 (法89条1項): 「その該当するに至つた日の属する月の前月から」 — the month before the month the
    ground arose."""
    return add_months(month_start(since), -1)
