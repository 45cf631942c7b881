"""The months 納付猶予 can cover: 平成26年法律第64号附則14条1項, 「五十歳に達する日の属する月の前月まで」, and
not after 令和12年6月 (the same article's 「令和十二年六月までの期間において」).

An application may ask for months past the 50歳 month (intake refuses only one none of whose months
can be covered, cases/exemption/request.py). The 入力・照合・決裁 screens (warnings.py), the 届書
(documents/filing.py) and the 免除情報 recorded at 決裁 (services.py) cut the months at the same month."""

import datetime as dt

from cases.common.codes import ExemptionKind
from cases.common.dates import month_start
from cases.exemption.screening.params import ScreeningParamsMissing, screening_params_for
from cases.exemption.screening.rules import deferral_last_month


def deferral_cap(*, birth_date: dt.date, fiscal_year: int) -> dt.date | None:
    """The last month 納付猶予 can cover for this person (平成26年法附則14条1項), None without a rule set."""
    try:
        params = screening_params_for(fiscal_year=fiscal_year)
    except (ScreeningParamsMissing, ValueError):
        return None
    return min(deferral_last_month(birth_date, params), params.deferral_until)


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
