"""Moving abroad and back (国外転出・国内転入: 法8条2号, 9条2号, 附則5条, 平16法附則23条): what it does to a
person's membership, and from which day (rule sheet §3.1–§3.3; called by rules/membership.py)."""

import datetime as dt

from django.utils.translation import gettext_noop

from cases.common.dates import day_after
from cases.common.identifiers.wareki import age_on
from cases.qualification.rules.common import (
    ACQUIRE,
    CATEGORY1,
    CATEGORY2,
    CATEGORY3,
    CHANGE,
    LOSE,
    NONE,
    SPECIAL_ELDERLY,
    VOLUNTARY,
)
from cases.qualification.rules.dated import Dated, no_change, not_category1


def residence_dates(
    *, event: str, birth_date: dt.date, event_date: dt.date, before: str, old_age_entitled: bool
) -> Dated:
    """An 転出 (emigration, voluntary_emigration) or a 転入 (immigration) of a person whose membership was
    `before`."""
    voluntary = before in (VOLUNTARY, SPECIAL_ELDERLY)
    if event in ("emigration", "voluntary_emigration"):
        if before == NONE:
            # 法9条 (lead-in): only 「第七条の規定による被保険者」 lose membership; 2号's かっこ書 is not why.
            return no_change("法9条")
        if before == CATEGORY2:  # 法9条2号かっこ書: 第2号 (法7条1項2号) is kept abroad
            return no_change("法9条2号かっこ書")
        if voluntary:
            # 法附則5条6項1号 (1項1号 route) and 7項 (1項2号 route); 特例高齢 (23条1項1号): 平16法附則23条7項1号.
            article = "法附則5条6項1号・7項" if before == VOLUNTARY else "平16法附則23条7項1号"
            return Dated(LOSE, day_after(event_date), None, True, article)
        note = (
            gettext_noop("国内居住要件の例外 (法7条1項3号かっこ書) に当たるときは喪失しません。")
            if before == CATEGORY3
            else ""
        )
        return Dated(LOSE, day_after(event_date), None, before == CATEGORY1, "法9条2号, 則3条", note)
    # immigration
    age = age_on(birth_date, event_date)
    first = 20 <= age < 60 and not old_age_entitled  # 法7条1項1号
    if before == VOLUNTARY and first:
        # 附則5条8項1号 かっこ書 (その事実があつた日に更に被保険者の資格を取得したときは、その日): the abroad
        # route ends, and 第1号 starts (法8条2号), that same day.
        return Dated(CHANGE, event_date, CATEGORY1, True, "法附則5条8項1号かっこ書, 法8条2号")
    if before == VOLUNTARY:
        # 附則5条8項1号: lost the day after 「日本国内に住所を有するに至つたとき」; not 第1号 (法7条1項1号: 20歳以上
        # 60歳未満, without 老齢給付等). The domestic 任意加入 (附則5条1項1号・2号) is a separate 申出.
        return Dated(
            LOSE,
            day_after(event_date),
            None,
            False,
            "法附則5条8項1号, 法7条1項1号",
            IMMIGRATION_LOSS_NOTE,
        )
    if before == SPECIAL_ELDERLY:
        # 平16法附則23条8項1号 (the abroad route, 23条1項2号): lost the next day; the domestic route (23条1項1号)
        # is a separate 申出.
        return Dated(
            LOSE, day_after(event_date), None, False, "平16法附則23条8項1号", SPECIAL_IMMIGRATION_NOTE
        )
    if before != NONE or not first:
        return not_category1(before, resident=True, entitled=old_age_entitled)
    return Dated(ACQUIRE, event_date, CATEGORY1, True, "法8条2号, 則1条の4, 法12条3項")


IMMIGRATION_LOSS_NOTE = gettext_noop(
    "海外在住者としての任意加入は、日本国内に住所を有するに至った日の翌日に喪失します。20歳以上60歳未満 "
    "(老齢給付等を受けられる方を除く) でないため第1号被保険者にはなりません。国内での任意加入"
    " (法附則5条1項1号・2号) は別の申出です。"
)
SPECIAL_IMMIGRATION_NOTE = gettext_noop(
    "海外在住者としての特例高齢任意加入は、日本国内に住所を有するに至った日の翌日に喪失します。"
    "国内での特例高齢任意加入 (平16法附則23条1項1号) は別の申出です。"
)
