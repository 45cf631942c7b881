"""保険料納付要件 (rules-disability-qualification.md §2.4): 法30条1項ただし書 (3分の2) and 昭60法附則20条1項
(直近1年, extended by 令7法), as a pure function of the months the clerk copied from 社会保険オンライン
システム. Advisory: 機構 decides. It does not apply to 20歳前傷病 (法30条の4 has no such proviso).

Judged 「初診日の前日において」: a premium paid, or an exemption applied for, on or after the 初診日 does
not count (the grant is deemed made on the application date, 法90条2項 … so an application after the
初診日 cannot help). The window is the 被保険者期間 up to 「初診日の属する月の前々月」 (法11条: months), or, for a
初診日 before 1991-05-01, up to the month before the latest 基準月 (1・4・7・10月) before the 初診日's month
(昭60法附則21条, which reads both 法30条1項ただし書 and 附則20条 so).
"""

import datetime as dt
from dataclasses import dataclass

from cases.common.dates import add_months, month_start
from cases.common.identifiers.wareki import age_on
from cases.disability.params import Params
from cases.disability.rules import RuleError

PAID, EXEMPT, UNPAID = "paid", "exempt", "unpaid"
STATUSES = (PAID, EXEMPT, UNPAID)
NO_INSURED_MONTHS, TWO_THIRDS, RECENT_YEAR = "no_insured_months", "two_thirds", "recent_year"


@dataclass(frozen=True)
class Period:
    start: dt.date  # first month (any day of it)
    end: dt.date  # last month
    status: str
    # the day the premium was paid, or the day the exemption was applied for (None: not recorded)
    settled_on: dt.date | None = None
    category3: bool = False  # 第3号被保険者期間 (法附則7条の3第1項: 届出が遅れた月は納付済に算入しない)


@dataclass(frozen=True)
class Contribution:
    satisfied: bool
    rule: str | None
    as_of: dt.date  # 初診日の前日
    last_month: dt.date  # 初診日の属する月の前々月 (附則21条: 直近の基準月の前月)
    insured_months: int
    counted_months: int  # 納付済 + 免除, as they stood on the 前日
    recent_first: dt.date | None = None
    recent_last: dt.date | None = None
    recent_unpaid: int = 0
    recent_applies: bool = False
    late_settled: tuple[dt.date, ...] = ()  # months paid or applied for on or after the 初診日
    doubts: tuple[str, ...] = ()
    base_month_reading: bool = False  # 昭60法附則21条's reading of 「月の前々月」 applied


BASE_MONTHS = (1, 4, 7, 10)  # 昭60法附則21条: 「基準月（一月、四月、七月及び十月をいう。）」


def reads_base_month(first_visit: dt.date, params: Params) -> bool:
    """昭60法附則21条: 「初診日が平成三年五月一日前」 (the date in the rule set)."""
    return first_visit < params.old_base_month_until


def window_last_month(first_visit: dt.date, params: Params) -> dt.date:
    """The last month the test looks at. 法30条1項ただし書 and 昭60法附則20条1項: 「初診日の属する月の前々月」;
    for a 初診日 before 平成3年5月1日, 昭60法附則21条 reads it 「月前における直近の基準月…の前月」: the
    latest of January, April, July and October before the 初診日's month, less one month."""
    month = month_start(first_visit)
    if not reads_base_month(first_visit, params):
        return add_months(month, -2)
    base = add_months(month, -1)
    while base.month not in BASE_MONTHS:
        base = add_months(base, -1)
    return add_months(base, -1)


def months_of(periods: list[Period]) -> dict[dt.date, Period]:
    """Month → its period; a month in two periods is an error naming both."""
    found: dict[dt.date, Period] = {}
    for index, period in enumerate(periods, start=1):
        if period.status not in STATUSES:
            raise RuleError(
                "periods", f"{index}件目の状態「{period.status}」は paid・exempt・unpaid のどれかです。"
            )
        month, last = month_start(period.start), month_start(period.end)
        if last < month:
            raise RuleError("periods", f"{index}件目の期間の終わりが始まりより前です。")
        while month <= last:
            if month in found:
                raise RuleError("periods", f"{month:%Y-%m} が2つの期間に含まれています ({index}件目)。")
            found[month] = period
            month = add_months(month, 1)
    return found


def _counts(period: Period, first_visit: dt.date) -> bool:
    """法30条1項ただし書 (「当該初診日の前日において」): a month counts when paid or exempt and settled before the
    初診日 — an exemption is deemed granted on the day it was applied for (法90条2項 「当該申請のあつた日に
    されたものとみなす」), so one applied for on or after the 初診日 does not count. A month without a recorded
    date is counted (shown 「要確認」)."""
    if period.status == UNPAID:
        return False
    return period.settled_on is None or period.settled_on < first_visit


def contribution_requirement(
    *,
    birth_date: dt.date,
    first_visit: dt.date,
    periods: list[Period],
    params: Params,
    insured_at_first_visit: bool = True,
) -> Contribution:
    """Checked in this order: no insured months → two thirds → the recent year (法30条1項ただし書,
    昭60法附則20条1項). Months not listed are not insured months."""
    months = months_of(periods)
    last_month = window_last_month(first_visit, params)
    window = sorted(month for month in months if month <= last_month)
    counted = {month for month in window if _counts(months[month], first_visit)}
    late = tuple(month for month in window if months[month].status != UNPAID and month not in counted)
    doubts = []
    if any(months[m].status == EXEMPT and months[m].settled_on is None for m in window):
        doubts.append("exemption_date_unknown")
    if params.category3_doubt and any(months[m].category3 for m in window):
        # §2.4 DOUBT: 法附則7条の3第1項 (late-reported 第3号 months are 「保険料納付済期間に算入しない」) and
        # 法附則7条の2 (those tied to the spouse's time-barred 厚生年金 premium): counted as paid, 「要確認」.
        doubts.append("category3_late_report")
    base = {
        "as_of": first_visit - dt.timedelta(days=1),
        "last_month": last_month,
        "insured_months": len(window),
        "counted_months": len(counted),
        "late_settled": late,
        "base_month_reading": reads_base_month(first_visit, params),
    }
    if not window:  # 法30条1項ただし書: only 「被保険者期間があり」 is tested
        return Contribution(True, NO_INSURED_MONTHS, doubts=tuple(doubts), **base)
    if len(counted) * 3 >= len(window) * 2:
        return Contribution(True, TWO_THIRDS, doubts=tuple(doubts), **base)
    under65 = age_on(birth_date, first_visit) < 65
    applies = first_visit < params.recent_year_cutoff and under65
    if under65 and (first_visit < params.recent_year_cutoff_text) != (
        first_visit < params.recent_year_cutoff
    ):
        # 昭60法附則20条1項: only a 初診日 the e-Gov text (令和8年4月1日前) and the 令7法 extension judge differently
        # depends on the unread amendment.
        doubts.append("recent_year_cutoff")
    # Not insured on the 初診日: the year ends at the latest insured month up to the 前々月 (or 附則21条's month).
    recent_last = last_month if insured_at_first_visit else window[-1]
    recent_first = add_months(recent_last, -11)
    recent = [month for month in window if recent_first <= month <= recent_last]
    unpaid = sum(1 for month in recent if month not in counted)
    extra = {"recent_first": recent_first, "recent_last": recent_last, "recent_unpaid": unpaid}
    if applies and unpaid == 0:
        return Contribution(True, RECENT_YEAR, recent_applies=True, doubts=tuple(doubts), **base, **extra)
    return Contribution(False, None, recent_applies=applies, doubts=tuple(doubts), **base, **extra)
