"""The months 納付猶予 can cover and the provision that covers them. Two provisions make it: 平成16年法律第104号
附則19条2項 the months 「三十歳に達する日の属する月の前月まで」, 平成26年法律第64号附則14条1項 those 「三十歳に達した
日の属する月以後」 up to 「五十歳に達する日の属する月の前月まで」. Same 各号, same ただし書 (the 配偶者), same end
(「令和十二年六月までの期間において」), so together one rule up to the month before the 50歳 month (the 50歳 limit
is 附則14条1項's alone); only the article cited depends on the months (`deferral_articles`).

An application may ask for months past the 50歳 month (intake refuses only one none of whose months
can be covered, cases/exemption/applicant.py). The 入力・照合・決裁 screens (warnings.py), the 届書
(documents/filing.py) and the 免除情報 recorded at 決裁 (services.py) cut the months at the same month."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.common.codes import ExemptionKind
from cases.common.date_display import month_in_text
from cases.common.dates import month_start
from cases.common.identifiers.wareki import age_reached_on
from cases.exemption.periods import months_text
from cases.exemption.screening.params import ScreeningParamsMissing, screening_params_for
from cases.exemption.screening.rules import deferral_last_month

# 平成16年法附則19条2項 before the 30歳 month, 平成26年法附則14条1項 from it; both for months on either side, or
# when the months or the birth date are not known.
UNDER_30 = gettext_noop("平成16年法律第104号附則19条2項")
FROM_30 = gettext_noop("平成26年法律第64号附則14条1項")
BOTH = gettext_noop("平成16年法律第104号附則19条2項・平成26年法律第64号附則14条1項")


def deferral_from_30_month(birth_date: dt.date) -> dt.date:
    """The first month of 平成26年法附則14条1項: the month of the 30歳到達日 (the day before the 30th birthday,
    年齢計算ニ関スル法律); the months before it are 平成16年法附則19条2項's."""
    return month_start(age_reached_on(birth_date, 30))


def deferral_articles(*, birth_date: dt.date | None, months: Iterable[dt.date]) -> str:
    """The provision(s) of 納付猶予 covering `months` for this person, translated."""
    months = list(months)
    if birth_date is None or not months:
        return _(BOTH)
    thirty = deferral_from_30_month(birth_date)
    if max(months) < thirty:
        return _(UNDER_30)
    if min(months) >= thirty:
        return _(FROM_30)
    return _(BOTH)


@dataclass(frozen=True)
class DeferralLimit:
    """The last month 納付猶予 can cover and which of its two limits set it (both when they meet): the 50歳 month
    (平成26年法附則14条1項) and 令和12年6月 (that article's and 平成16年法附則19条2項's)."""

    month: dt.date
    by_age: bool  # 「五十歳に達する日の属する月の前月まで」
    by_end: bool  # 「令和十二年六月までの期間」 (the rule set's `deferral_until`)


def deferral_limit(*, birth_date: dt.date, fiscal_year: int) -> DeferralLimit | None:
    """None without a rule set."""
    try:
        params = screening_params_for(fiscal_year=fiscal_year)
    except (ScreeningParamsMissing, ValueError):
        return None
    by_age = deferral_last_month(birth_date, params)
    month = min(by_age, params.deferral_until)
    return DeferralLimit(month=month, by_age=by_age == month, by_end=params.deferral_until == month)


def deferral_cap(*, birth_date: dt.date, fiscal_year: int) -> dt.date | None:
    """The last month 納付猶予 can cover for this person (平成16年法附則19条2項・平成26年法附則14条1項), None
    without a rule set."""
    limit = deferral_limit(birth_date=birth_date, fiscal_year=fiscal_year)
    return limit.month if limit else None


def deferral_limit_text(limit: DeferralLimit, *, birth_date: dt.date, months: Iterable[dt.date]) -> str:
    """The limit that applies, named with its month (the intake's refusal and the 入力 screen's warning). The 50歳
    limit is 平成26年法附則14条1項's (a month before the 50歳 month is past the 30歳 month); 令和12年6月 alone is
    cited with the provision of the months applied for (`months`)."""
    month = month_in_text(limit.month)
    if limit.by_age and limit.by_end:
        return _(
            "納付猶予は50歳に達する日の属する月の前月 (%(month)s) までで、制度も%(month)sまでです "
            "(平成26年法律第64号附則14条1項)。"
        ) % {"month": month}
    if limit.by_age:
        return _(
            "納付猶予は50歳に達する日の属する月の前月 (%(month)s) までです (平成26年法律第64号附則14条1項)。"
        ) % {"month": month}
    return _("納付猶予は%(month)sまでの制度です (%(articles)s)。") % {
        "month": month,
        "articles": deferral_articles(birth_date=birth_date, months=months),
    }


def deferral_uncovered_warning(
    *, birth_date: dt.date, fiscal_year: int, applied: list[dt.date]
) -> str | None:
    """For a 納付猶予 none of whose months within the period applied for (`applied`) is 第1号 on 資格情報: either
    every month applied for comes after the last month it can cover (the period is named), or the months before
    it are not 第1号 months (法7条1項1号; those months are named, as the 照合 outlook's note names them:
    screening/outlook.py `_unconfirmed_note`). The limit is named with the month it sets. None without a rule
    set (then no month is cut, and the 第1号 months are covered)."""
    limit = deferral_limit(birth_date=birth_date, fiscal_year=fiscal_year)
    if limit is None:
        return None
    reached = [month for month in applied if month <= limit.month]
    if not reached:
        return _("%(limit)s申請期間 (%(period)s) には納付猶予の対象となる月がありません。") % {
            "limit": deferral_limit_text(limit, birth_date=birth_date, months=applied),
            "period": months_text(applied),
        }
    return _(
        "資格情報では納付猶予の対象となる月 (%(months)s) に第1号被保険者の月がありません。"
        "納付猶予は第1号被保険者の月に限られます (国民年金法7条1項1号)。%(limit)s"
    ) % {
        "months": months_text(reached),
        "limit": deferral_limit_text(limit, birth_date=birth_date, months=applied),
    }


def deferral_cut(*, application, birth_date: dt.date) -> dt.date | None:
    """The last month 納付猶予 can cover when 納付猶予 is applied for and that month falls before the last
    month applied for; None otherwise (every month applied for can be covered, or none is asked for).
    The birth date is the 住民記録's, as on the screens."""
    if ExemptionKind.DEFERRAL not in application.kinds or application.period_end is None:
        return None
    cap = deferral_cap(birth_date=birth_date, fiscal_year=application.fiscal_year)
    if cap is None or cap >= month_start(application.period_end):
        return None
    return cap
