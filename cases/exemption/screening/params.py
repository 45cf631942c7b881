"""Which `ScreeningRuleSet` row applies to a 免除年度, and which 免除年度 today is in."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from cases.exemption.screening.models import ScreeningRuleSet
from cases.exemption.screening.rules import Params

_TOKYO = ZoneInfo("Asia/Tokyo")
# 免除年度 run from July to the following June (domain.md §1.3).
FISCAL_YEAR_START_MONTH = 7


class ScreeningParamsMissing(LookupError):
    pass


def fiscal_year_of(*, day: dt.date) -> int:
    """The 免除年度 containing `day`: the year of the most recent 1 July on or before it."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def tokyo_today(*, now: dt.datetime | None = None) -> dt.date:
    # Asia/Tokyo explicitly: a server clock in UTC would switch days (and years) nine hours late.
    moment = now if now is not None else dt.datetime.now(tz=_TOKYO)
    return moment.astimezone(_TOKYO).date()


def current_fiscal_year(*, now: dt.datetime | None = None) -> int:
    return fiscal_year_of(day=tokyo_today(now=now))


def screening_params_for(*, fiscal_year: int) -> Params:
    row = (
        ScreeningRuleSet.objects.filter(valid_from_year__lte=fiscal_year).order_by("-valid_from_year").first()
    )
    if row is None:
        raise ScreeningParamsMissing(
            _(
                "%(year)s年度に適用できる所得基準がありません。"
                "所得基準 (ScreeningRuleSet) の適用開始年度を確認してください。"
            )
            % {"year": fiscal_year}
        )
    return Params.from_mapping(row.params, valid_from_year=row.valid_from_year)


def screening_years() -> list[int]:
    """Years a screen may offer: from the oldest rule set to the current 免除年度, newest first."""
    oldest = ScreeningRuleSet.objects.order_by("valid_from_year").values_list("valid_from_year", flat=True)
    first = oldest.first()
    current = current_fiscal_year()
    if first is None or first > current:
        return [current]
    return list(range(current, first - 1, -1))
