"""Where a 障害基礎年金 claim is filed (rules-disability-qualification.md §2.1): the route the status on the
初診日 gives (法30条1項1号・2号, 法30条の4) and whether the city takes the claim (令1条の2第3号ハ). Pure."""

import datetime as dt
from dataclasses import dataclass

from cases.common.identifiers.wareki import age_on
from cases.disability.rules import RuleError, age20_reached

CATEGORY1, CATEGORY2, CATEGORY3 = "category1", "category2", "category3"
VOLUNTARY, NOT_INSURED = "voluntary", "not_insured"
STATUSES = (CATEGORY1, CATEGORY2, CATEGORY3, VOLUNTARY, NOT_INSURED)
INSURED, PRE20, AGE60_64, NO_ROUTE = "insured", "pre20", "age60_64", "none"
CITY, PENSION_OFFICE = "city", "pension_office"
# 令1条の2第3号ハ: the city takes a 第1号 or 法30条1項2号 初診日 only 「昭和六十一年四月一日以後」 (the 昭60法 施行日,
# a fixed date of the statute, not a cut-off in doubt). The 20歳前 route (法30条の4) is named without it.
CITY_FIRST_VISIT_FROM = dt.date(1986, 4, 1)


@dataclass(frozen=True)
class Office:
    route: str
    office: str | None
    reason: str  # a code (present.py words it)
    doubts: tuple[str, ...] = ()


def claim_office(
    *,
    birth_date: dt.date,
    first_visit: dt.date,
    status: str,
    resident_in_japan: bool = True,
    previously_insured: bool = False,
    early_old_age_claimed: bool = False,
    merged: bool = False,
) -> Office:
    """Which route the 初診日 gives (法30条1項1号・2号, 法30条の4) and whether the city takes the claim
    (令1条の2第3号ハ: 第1号 and the 60–64 route with a 初診日 on or after 1986-04-01, and 20歳前; not 第2号・第3号,
    not 併合 (法31条1項))."""
    if status not in STATUSES:
        raise RuleError("status_at_first_visit", f"初診日の加入状況「{status}」はありません。")
    age = age_on(birth_date, first_visit)
    # 法7条1項1号・3号: 第1号 and 第3号 are 20歳以上60歳未満 only; another age means the status entered is most likely
    # wrong (before 20: 30条の4; 60–64: 30条1項2号, shut by a 繰上げ). Kept as entered, flagged.
    status_age = ("status_age",) if status in (CATEGORY1, CATEGORY3) and not 20 <= age < 60 else ()
    if status == CATEGORY2:
        return Office(INSURED, PENSION_OFFICE, "category2")
    if status == CATEGORY3:
        return Office(INSURED, PENSION_OFFICE, "category3", status_age)
    if status in (CATEGORY1, VOLUNTARY):
        doubts = ("special_elderly",) if status == VOLUNTARY and age >= 65 else status_age
        found = Office(INSURED, CITY, "category1" if status == CATEGORY1 else "voluntary", doubts)
    elif first_visit < age20_reached(birth_date):
        found = Office(PRE20, CITY, "pre20")
    elif 60 <= age < 65 and resident_in_japan and previously_insured:
        if early_old_age_claimed:  # 法附則9条の2の3: no 障害基礎年金 after taking the old-age pension early
            return Office(NO_ROUTE, None, "early_old_age")
        found = Office(AGE60_64, CITY, "age60_64")
    else:
        # 法7条1項1号 (法8条1号: from the 20歳到達日): living in Japan at 20–59, the person is 第1号 unless 第2号・第3号 or
        # excluded (老齢給付等, 省令): the status entered is most likely wrong. Kept as entered, flagged.
        in_doubt = ("resident_20_59",) if resident_in_japan and 20 <= age < 60 else ()
        return Office(NO_ROUTE, None, "not_insured", in_doubt)
    if found.route in (INSURED, AGE60_64) and first_visit < CITY_FIRST_VISIT_FROM:
        # 令1条の2第3号ハ かっこ書. The same ハ also names 経過措置政令29条3項・31条 (old-law cases), which are not among
        # the statute texts read: the 年金事務所, flagged 「要確認」.
        return Office(found.route, PENSION_OFFICE, "before_1986", (*found.doubts, "before_1986"))
    if merged:
        # DOUBT: a 併合 (法31条1項) with a 障害厚生年金・障害共済年金 (or an old-law 障害年金) is left out of 令1条の2第3号ハ;
        # one of 障害基礎年金 alone is the city's (`merged` is not set for it).
        return Office(found.route, PENSION_OFFICE, "merged", (*found.doubts, "merged"))
    return found
