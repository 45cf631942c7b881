"""付加保険料 (法87条の2): who may pay the additional premium, and from which month it starts (申出) or stops
(辞退). Pure functions, no records: a rule of the statute any case type may need (the 資格届出 computes a
付加 申出 or 辞退 with it, and `manage.py pension_rules` answers with it), so it lives below the case types,
which cannot import each other (docs/architecture.md). What the records say about a person on a day
(付加 paid, 国民年金基金, 免除) is cases.registry.selectors.pension.pension_records_on.

Insured kinds and exemptions are the words of the rule sheet §4 (cases/qualification/rules/common.py uses
the same); reasons are Japanese message ids (gettext_noop), worded by the screen that shows them.

Not here: the 国民年金基金's deemed 辞退 (法87条の2第4項: joining a 基金 counts as the 第3項 申出 on the day
of joining). An exemption granted does not end 付加 by a deemed 辞退 of 第3項・第4項: 第1項 leaves the exempt
out of who may pay it, and 第2項 allows it only in months whose ordinary premium is paid (or 産前産後 months,
法88条の2)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from cases.common.dates import add_months, month_start

# The kinds that may pay 付加: 第1号, and 任意加入 (法附則5条9項 treats them as 第1号 for 法87条の2).
CATEGORY1, VOLUNTARY = "category1", "voluntary"


@dataclass(frozen=True)
class Allowed:
    allowed: bool
    article: str
    reason: str = ""


_EXEMPTION_ARTICLES = {
    "full": "法90条1項",
    "three_quarters": "法90条の2第1項",
    "half": "法90条の2第2項",
    "quarter": "法90条の2第3項",
    "deferral": "平16法附則19条4項・平26法附則14条3項 (法90条の3とみなす)",  # 納付猶予: both provisions deem it 90条の3
    "student": "法90条の3第1項",
    "statutory": "法89条1項",
}


def additional_pension_allowed(
    *, insured_kind: str, exemption: str | None, pension_fund_member: bool
) -> Allowed:
    """法87条の2第1項: 第1号 (and 附則5条 任意加入, 附則5条9項) not exempt and not in a 国民年金基金."""
    if insured_kind not in (CATEGORY1, VOLUNTARY):
        why = gettext_noop("特例高齢任意加入・第2号・第3号被保険者は付加保険料を納付できません。")
        return Allowed(False, "法87条の2第1項, 法附則5条9項", why)
    if pension_fund_member:
        return Allowed(
            False, "法87条の2第1項", gettext_noop("国民年金基金の加入員は付加保険料を納付できません。")
        )
    if exemption in _EXEMPTION_ARTICLES:
        return Allowed(
            False,
            f"法87条の2第1項 ({_EXEMPTION_ARTICLES[exemption]})",
            gettext_noop("保険料の免除・猶予を受けている間は納付できません。"),
        )
    # 産前産後 months may carry 付加 (法87条の2第2項, which names 法88条の2).
    return Allowed(True, "法87条の2第1項・2項" if exemption == "maternity" else "法87条の2第1項")


def additional_first_month(*, on: dt.date) -> dt.date:
    """法87条の2第1項: from the month that contains the day of the 申出."""
    return month_start(on)


def additional_first_month_without(*, on: dt.date, paid_through: dt.date | None) -> dt.date:
    """法87条の2第3項: from the month before the 申出 month, except months already paid or prepaid."""
    first = add_months(on, -1)
    if paid_through is not None and month_start(paid_through) >= first:
        first = add_months(paid_through, 1)
    return first
