"""Which 被保険者種別 each month of an application falls in, from 資格情報.

Premiums, and so their exemption, exist only for 第1号 months. 任意加入 and 特例高齢任意加入 members
cannot get any exemption or deferral (国民年金法附則5条10項; 平成16年法律第104号附則19条5項・平成26年法律第64号
附則14条4項; 平成16年法律第104号附則23条10項), so those months are refused at intake; any other month outside a
第1号 period (第2号, 第3号, no record) is only warned about, because 資格情報 often lags behind a
change the applicant has not yet reported.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cases.common.codes import InsuredKind
from cases.common.dates import month_start
from cases.exemption.periods import months_of
from cases.registry.models.residents import Resident

CATEGORY1 = str(InsuredKind.FIRST.value)
VOLUNTARY_KINDS = frozenset({str(InsuredKind.VOLUNTARY.value), str(InsuredKind.SPECIAL_ELDERLY.value)})


@dataclass(frozen=True)
class Membership:
    kind: str
    acquired_on: dt.date
    lost_on: dt.date | None


def _covers(period: Membership, month: dt.date) -> bool:
    """法11条1項: from the month of 資格取得 to the month before the month of 資格喪失; 2項: a period
    acquired and lost in one month counts that month."""
    first = month_start(period.acquired_on)
    if month < first:
        return False
    if period.lost_on is None:
        return True
    lost = month_start(period.lost_on)
    return month < lost or (month == lost == first)


def kinds_by_month(periods: Iterable[Membership], first: dt.date, last: dt.date) -> dict[dt.date, str | None]:
    """The 種別 of each month from `first` to `last` (None: no membership on record).

    法11条の2: a month in which the 種別 changed counts as the new 種別, so the latest period that
    covers a month wins.
    """
    ordered = sorted(periods, key=lambda period: period.acquired_on)
    result: dict[dt.date, str | None] = {}
    for month in months_of(first, last):
        kind = None
        for period in ordered:
            if _covers(period, month):
                kind = period.kind
        result[month] = kind
    return result


def memberships_of(resident: Resident) -> list[Membership]:
    pension = getattr(resident, "pension", None)
    if pension is None:
        return []
    return [
        Membership(kind=row.insured_kind, acquired_on=row.acquired_on, lost_on=row.lost_on)
        for row in pension.qualifications.all()
    ]
