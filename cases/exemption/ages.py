"""The months a person can be a 第1号被保険者 by age alone, whatever 資格情報 says.

国民年金法7条1項1号: 「二十歳以上六十歳未満」. 8条1号: the 資格 is acquired on the day one reaches 20; 9条3号:
lost on the day one reaches 60 (「その日」); 11条: the months from the month of acquisition to the month
before the month of loss count. An age is reached the day before the birthday (年齢計算ニ関スル法律), so
someone born on the 1st of a month enters, and leaves, a month earlier than the birthday's month.

Months outside this range carry no 第1号 premium to exempt: an application for them is refused, where
months outside a 第1号 period on record are only warned about (cases/exemption/membership.py), because
資格情報 may lag behind a change and a birth date does not.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.date_display import date_show, month_in_text
from cases.common.dates import add_months, month_start
from cases.common.identifiers.wareki import age_reached_on
from cases.exemption.periods import fiscal_year_of

ENTRY_AGE, LEAVING_AGE = 20, 60


def first_category1_month(birth_date: dt.date) -> dt.date:
    """法8条1号・11条: the month of the 20歳到達日."""
    return month_start(age_reached_on(birth_date, ENTRY_AGE))


def last_category1_month(birth_date: dt.date) -> dt.date:
    """法9条3号・11条: the month before the month of the 60歳到達日."""
    return add_months(month_start(age_reached_on(birth_date, LEAVING_AGE)), -1)


def age_months_apply(*, request, birth_date: dt.date) -> None:
    """Refuses months before the 20歳 month or from the 60歳 month (ValidationError by field). A 法定免除
    届出 whose ground arose before the 20歳 month (a 20歳前傷病's 障害基礎年金 arises at 20, 法30条の4)
    starts at that month instead: 法89条1項's 「前月から」 covers 被保険者 only. 産前産後's months are
    the law's own (法88条の2); those outside 第1号 are warned about at 入力."""
    if request.is_maternity:
        return
    first, last = first_category1_month(birth_date), last_category1_month(birth_date)
    reached_60 = add_months(last, 1)
    if request.is_statutory:
        lost_on = age_reached_on(birth_date, LEAVING_AGE)
        if request.statutory_since is not None and request.statutory_since >= lost_on:
            # 法9条3号: the 資格 is lost on the 60歳到達日 itself, so a ground arising that day (or later in the
            # month, whose month before is still a 第1号 month) finds no 被保険者 for 法89条1項 to exempt.
            raise ValidationError(
                {
                    "statutory_since": _(
                        "事由の発生日は60歳に達した日 (%(day)s) 以後です。その日に被保険者の資格を喪失しているため、"
                        "法定免除の届出の対象になりません (国民年金法9条3号・89条1項)。"
                    )
                    % {"day": date_show(lost_on)}
                }
            )
        if request.period_start > last:
            raise ValidationError(
                {
                    "statutory_since": _(
                        "60歳に達した月 (%(month)s) からは第1号被保険者ではないため、法定免除の届出の対象に"
                        "なりません (国民年金法9条3号・89条1項)。"
                    )
                    % {"month": month_in_text(reached_60)}
                }
            )
        if request.period_start < first:
            request.period_start = first
            request.fiscal_year = fiscal_year_of(first, student=False)
        return
    period_last = request.period_end or request.period_start
    if request.period_start > last or period_last < first:
        # No month of the period can be applied for: asking for a start or an end on the far side of the
        # other end would only bring the next refusal.
        raise ValidationError(
            {"period_start": _no_month_message(first=first, last=last, too_old=request.period_start > last)}
        )
    errors = {}
    if request.period_start < first:
        errors["period_start"] = _(
            "開始月は20歳に達した月 (%(month)s) 以降にしてください。20歳に達する前の月は国民年金の"
            "被保険者期間ではありません (国民年金法8条1号・11条)。"
        ) % {"month": month_in_text(first)}
    if period_last > last:
        errors["period_end"] = _(
            "終了月は60歳に達した月 (%(month)s) の前月 (%(last)s) までにしてください。60歳に達した月から"
            "は第1号被保険者ではありません (国民年金法9条3号・11条)。"
        ) % {"month": month_in_text(reached_60), "last": month_in_text(last)}
    if errors:
        raise ValidationError(errors)


def _no_month_message(*, first: dt.date, last: dt.date, too_old: bool) -> str:
    if too_old:
        return _(
            "60歳に達した月 (%(month)s) からは第1号被保険者ではないため、この期間に申請できる月はありません。"
            "申請できるのは前月 (%(last)s) までです (国民年金法9条3号・11条)。"
        ) % {"month": month_in_text(add_months(last, 1)), "last": month_in_text(last)}
    return _(
        "20歳に達する月 (%(month)s) より前の月は国民年金の被保険者期間ではないため、この期間に申請できる月は"
        "ありません。申請できるのは%(month)s からです (国民年金法8条1号・11条)。"
    ) % {"month": month_in_text(first)}
