"""Whether a period applied for holds any month in which the applicant can be a 第1号被保険者 by age.

国民年金法7条1項1号: 第1号 are 「二十歳以上六十歳未満」; 8条1号 acquires on reaching 20, 9条3号 loses on reaching
60, and 11条1項 counts the month of acquisition up to the month before the month of loss. A period with none of
those months has no 第1号 premium for any kind to exempt (全額・一部免除 法90条・90条の2, 学生 90条の3, 納付猶予
平成16年法律第104号附則19条2項・平成26年法律第64号附則14条1項 all exempt a 第1号被保険者's premium). The month
bounds are the intake's own (cases/exemption/ages.py), so the pre-screen and the intake cannot disagree.

A period partly inside stays eligible: the kind holds for the months inside, which the screens name
(`category1_age_span`). Version 2 of the JSON contract has no key to name them (only 納付猶予's `last_month`, which
the 50歳 month already keeps below the 60歳 month), and gets none."""

import datetime as dt

from cases.common.dates import add_months
from cases.exemption.ages import first_category1_month, last_category1_month
from cases.exemption.screening.values import AGE_BEFORE_20, AGE_FROM_60, AgeCut, AgeSpan


def category1_age_cut(birth_date: dt.date | None, period: tuple[dt.date, dt.date] | None) -> AgeCut | None:
    """None unless a birth date and a period are both given and no month of the period is a 第1号 month.
    With an `age` only nothing is cut: an age has no date to place it against the period (version 1 kept)."""
    if birth_date is None or period is None:
        return None
    first, last = period
    entry = first_category1_month(birth_date)  # 法8条1号・11条
    if last < entry:
        return AgeCut(AGE_BEFORE_20, entry)
    final = last_category1_month(birth_date)  # 法9条3号・11条
    if first > final:
        return AgeCut(AGE_FROM_60, add_months(final, 1))
    return None


def category1_age_span(birth_date: dt.date | None, period: tuple[dt.date, dt.date] | None) -> AgeSpan | None:
    """The period's 第1号 months by age when only some of them are (法8条1号・9条3号・11条: from the 20歳 month to
    the month before the 60歳 month); None without a birth date or period, when all are, or when none is (the
    cut above blocks every kind then)."""
    if birth_date is None or period is None or category1_age_cut(birth_date, period) is not None:
        return None
    first = max(period[0], first_category1_month(birth_date))
    last = min(period[1], last_category1_month(birth_date))
    if (first, last) == period:
        return None
    return AgeSpan(first=first, last=last, period=period)
