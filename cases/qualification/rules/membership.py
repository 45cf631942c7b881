"""資格の取得・喪失・種別変更の日 (法8条, 9条, 11条の2, 附則5条, 平16法附則23条): what an event does to a
person's membership, and from which day (rule sheet §3.1–§3.3). Moving abroad and back is
cases/qualification/rules/residence.py; the answer (Dated) and why no 第1号 is acquired, rules/dated.py."""

import datetime as dt

from django.utils.translation import gettext_noop

from cases.common.dates import day_after
from cases.common.identifiers.wareki import age_on, age_reached_on
from cases.qualification.rules.common import (
    ACQUIRE,
    CATEGORY1,
    CATEGORY2,
    CATEGORY3,
    CHANGE,
    LOSE,
    NONE,
    SPECIAL_ELDERLY,
    SPECIAL_ELDERLY_BAND_DOUBT,
    VOLUNTARY,
    Params,
    special_elderly_band,
)
from cases.qualification.rules.dated import Dated, no_change, not_category1
from cases.qualification.rules.residence import residence_dates


def qualification_dates(
    *,
    event: str,
    birth_date: dt.date,
    event_date: dt.date | None,
    resident_in_japan: bool,
    insured_kind_before: str,
    old_age_entitled: bool,
    params: Params,
) -> Dated:
    """What an event does to a person's membership, and from which day (rule sheet §3.1–§3.3)."""
    before = insured_kind_before
    voluntary = before in (VOLUNTARY, SPECIAL_ELDERLY)
    if event == "age20":
        # 法8条1号: acquired on the 20歳到達日 (the day before the birthday, 年齢計算ニ関スル法律); no filing
        # when 機構 confirms it through 住基ネット (則1条の4ただし書).
        reached = age_reached_on(birth_date, 20)
        if before != NONE or not resident_in_japan or old_age_entitled:
            return not_category1(before, resident=resident_in_japan, entitled=old_age_entitled)
        return Dated(ACQUIRE, reached, CATEGORY1, False, "法8条1号, 則1条の4ただし書")
    if event == "age60":
        reached = age_reached_on(birth_date, 60)
        if before in (CATEGORY1, CATEGORY3):
            # 法9条3号 with its かっこ書: lost on the 60歳到達日 itself; no loss filing (則3条 excludes 9条3号).
            return Dated(LOSE, reached, None, False, "法9条3号, 則3条")
        return no_change("法9条3号かっこ書")
    if event == "age65":
        reached = age_reached_on(birth_date, 65)
        if before != VOLUNTARY:
            return no_change("法附則5条5項1号")
        band = special_elderly_band(birth_date, params)
        if (birth_date <= params.special_elderly_born_by or band) and not old_age_entitled:
            # 平16法附則23条3項・4項: deemed to have asked for 特例高齢任意加入 on the 65歳到達日 (a birth in the reported
            # 令7法 extension: 「要確認」).
            return Dated(
                CHANGE,
                reached,
                VOLUNTARY,
                False,
                "平16法附則23条3項・4項",
                gettext_noop("特例高齢任意加入とみなす"),
                SPECIAL_ELDERLY_BAND_DOUBT if band else "",
                band or {},
            )
        return Dated(LOSE, reached, None, False, "法附則5条5項1号")
    if event == "age70":
        if voluntary:
            return Dated(LOSE, age_reached_on(birth_date, 70), None, False, "平16法附則23条6項4号")
        return no_change("平16法附則23条6項4号")
    if event_date is None:
        raise ValueError("event_date")
    if event == "death":
        if before == NONE:
            return no_change("法9条1号")
        # 法9条1号 (附則5条5項, 平16法附則23条6項1号): the day after. 死亡届 to the city (則4条1項) unless the
        # 戸籍法 notice was made within 7 days (法105条4項ただし書, 則4条4項); a 第3号's goes to 機構 (則4条2項);
        # a 第2号 has none at all (法附則7条の4: 法12条・105条を適用しない).
        if before == CATEGORY2:
            return Dated(
                LOSE, day_after(event_date), None, False, "法9条1号, 法附則7条の4", DEATH_CATEGORY2_NOTE
            )
        if before == CATEGORY3:
            return Dated(LOSE, day_after(event_date), None, False, "法9条1号, 則4条2項", DEATH_CATEGORY3_NOTE)
        return Dated(LOSE, day_after(event_date), None, True, "法9条1号, 則4条")
    if event in ("emigration", "voluntary_emigration", "immigration"):
        return residence_dates(
            event=event,
            birth_date=birth_date,
            event_date=event_date,
            before=before,
            old_age_entitled=old_age_entitled,
        )
    if event in ("join_employee_pension", "voluntary_join_employee_pension"):
        if old_age_entitled and age_on(birth_date, event_date) >= 65:
            # 法附則3条: 法7条1項2号 reads 「六十五歳以上の者にあつては…受給権を有しない被保険者に限る」.
            return no_change("法附則3条, 法7条1項2号")
        if voluntary:
            article = "法附則5条5項2号" if before == VOLUNTARY else "平16法附則23条6項2号"
            return Dated(LOSE, event_date, None, False, article)
        if before == CATEGORY2:
            return no_change("法7条1項2号")
        # 法8条4号 / 法11条の2: 第2号 from that day, filed by the employer (則6条の2 excludes it).
        action = ACQUIRE if before == NONE else CHANGE
        return Dated(action, event_date, CATEGORY2, False, "法8条4号, 則6条の2")
    if event == "leave_employee_pension":
        if before != CATEGORY2:
            return no_change("法9条5号")
        changed = day_after(event_date)  # 厚年法14条2号: 厚生年金 is lost the day after the last day
        age = age_on(birth_date, changed)
        if resident_in_japan and 20 <= age < 60 and not old_age_entitled:
            return Dated(
                CHANGE,
                changed,
                CATEGORY1,
                True,
                "法11条の2, 法9条5号かっこ書, 則6条の2",
                gettext_noop("配偶者の被扶養となるときは第3号 (事業主経由の届出) です。"),
            )
        return Dated(LOSE, changed, None, False, "法9条5号")
    if event == "become_dependent_spouse":
        if before == CATEGORY1:
            # 法8条5号: 第3号 from that day, filed through the spouse's employer (法12条5項・6項).
            return Dated(CHANGE, event_date, CATEGORY3, False, "法8条5号, 法12条5項・6項")
        if before == VOLUNTARY:
            return _voluntary_dependent_spouse(birth_date, event_date, resident_in_japan)
        return no_change("法8条5号")
    if event == "spouse_leaves_employee_pension":
        if before != CATEGORY3:
            return no_change("法9条6号")
        changed = day_after(event_date)  # the spouse's 厚生年金 loss date
        age = age_on(birth_date, changed)
        if resident_in_japan and 20 <= age < 60 and not old_age_entitled:
            return Dated(CHANGE, changed, CATEGORY1, True, "法7条1項3号, 法11条の2, 則6条の2")
        if age < 60:
            # 法9条6号: no longer a 被扶養配偶者 on `changed`; not 第1号 (法7条1項1号: 国内居住, no 老齢給付等), so
            # the 6号かっこ書 does not apply and it is lost the next day. Filed with 機構 (法12条5項, 則3条2項).
            return Dated(LOSE, day_after(changed), None, False, "法9条6号, 則3条2項", CATEGORY3_LOSS_NOTE)
        return no_change("法7条1項1号")
    if event == "voluntary_application":
        if before != NONE:
            return no_change("法附則5条1項")
        # 附則5条3項 (平16法附則23条4項): acquired on the day of the 申出; the city takes it (令1条の2第1号).
        return Dated(ACQUIRE, event_date, VOLUNTARY, True, "法附則5条3項, 令1条の2第1号")
    raise ValueError(f"event: {event}")


DEATH_CATEGORY2_NOTE = gettext_noop(
    "第2号被保険者には法12条・105条が適用されないため、市への死亡届はありません (法附則7条の4)。"
)
DEATH_CATEGORY3_NOTE = gettext_noop("第3号被保険者の死亡届は市ではなく機構へ届け出ます (則4条2項)。")
CATEGORY3_LOSS_NOTE = gettext_noop(
    "国外に住む方などは第1号被保険者にならず、被扶養配偶者でなくなった日の翌日に第3号被保険者の資格を喪失します。"
    "届出は市ではなく機構へ行います (則3条2項)。"
)


def _voluntary_dependent_spouse(birth_date: dt.date, event_date: dt.date, resident_in_japan: bool) -> Dated:
    """A 附則5条 member who becomes a 被扶養配偶者: which paragraph applies depends on the route."""
    if age_on(birth_date, event_date) >= 60:
        # 国内 60–64 (附則5条1項2号): 7項 applies only 6項1号・4号・5号, not 6項3号. Abroad (1項3号): 8項3号 only
        # 「六十歳未満であるときに限る」.
        article = "法附則5条8項3号かっこ書" if not resident_in_japan else "法附則5条7項"
        return no_change(
            article, gettext_noop("60歳以上の任意加入被保険者は被扶養配偶者となっても喪失しません。")
        )
    if not resident_in_japan:
        # Abroad route under 60 (附則5条8項3号): the next day, but 8項かっこ書 makes it that day when the person
        # acquires again that day — a 被扶養配偶者 aged 20–59 is 第3号 from that day (法7条1項3号, 法8条5号).
        return Dated(LOSE, event_date, None, False, "法附則5条8項3号, 法附則5条8項かっこ書, 法8条5号")
    # 国内 20–59 (附則5条1項1号): 6項3号 with its かっこ書 (第三号に該当するに至つたとき…その日).
    return Dated(LOSE, event_date, None, False, "法附則5条6項3号")
