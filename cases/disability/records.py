"""The status on the 初診日 held against the city's own 資格情報 (令1条の2第3号ハ: the city takes a claim whose 初診日
fell in 第1号 membership, 任意加入 included, and not one in 第2号・第3号 membership).

The status stays as the clerk entered it: the city's records can be behind (a 第2号 period 機構 has not sent on, a
第3号 届 made late), and the 受診状況等証明書 and the claimant's history decide. Where the records show another
status on that day the claim carries a 「要確認」 naming it (doubts.py `records_*`); where they show none, nothing."""

import dataclasses
import datetime as dt

from cases.common.codes import InsuredKind
from cases.disability import office as offices
from cases.disability.assessment import Assessment
from cases.registry.models.residents import Resident
from cases.registry.selectors.pension import pension_records_on

# 資格情報's 被保険者種別 → the claim's status on the 初診日 (特例高齢任意加入 is 任意加入: 法附則5条 and its kin).
_STATUS_OF_KIND = {
    InsuredKind.FIRST: offices.CATEGORY1,
    InsuredKind.SECOND: offices.CATEGORY2,
    InsuredKind.THIRD: offices.CATEGORY3,
    InsuredKind.VOLUNTARY: offices.VOLUNTARY,
    InsuredKind.SPECIAL_ELDERLY: offices.VOLUNTARY,
}


def records_checked(
    found: Assessment, *, resident: Resident, first_visit: dt.date, status: str
) -> Assessment:
    """`found` with a doubt when the records' status on `first_visit` is not `status`."""
    recorded = _STATUS_OF_KIND.get(pension_records_on(resident=resident, day=first_visit).insured_kind)
    if recorded is None or recorded == status:
        return found
    return dataclasses.replace(found, record_doubts=(f"records_{recorded}",))
