"""The months the clerk copied from 社会保険オンラインシステム for the 保険料納付要件 held against the city's own 資格情報
and 免除情報, over the test's window only (法30条1項ただし書 and 昭60法附則20条1項: up to 「初診日の属する月の前々月」,
contribution.window_last_month).

Advisory, as records.py is for the status on the 初診日: the months stay as the clerk entered them (the city's records
can be behind — a 第2号 period 機構 has not sent on, a 第3号 届 made late, an exemption applied for at a university —
and 機構 decides). Each mismatch that can change the test, or the 「要確認」 it already gives, is kept on the claim as
`{"code", "detail", "months": [[from, to], …]}` and worded by doubts.period_doubt_texts.
"""

import datetime as dt
from collections import defaultdict

from cases.common.codes import ExemptionKind, InsuredKind
from cases.common.dates import add_months
from cases.disability.contribution import EXEMPT, UNPAID, Period, _counts, months_of, window_last_month
from cases.disability.params import Params
from cases.disability.record import kept_periods
from cases.registry.models.residents import Resident
from cases.registry.selectors.pension_periods import ExemptionSpan, MonthRecords, pension_months

# Codes of the mismatches (worded in doubts.PERIOD_DOUBTS).
PAID_KIND = "periods_paid_kind"  # 第2号・第3号 months the entry does not count
EXEMPTION_APPLIED = "periods_exemption_applied"  # an exemption applied for before the 初診日, entered 未納
EXEMPTION_BY_LAW = "periods_exemption_by_law"  # 法定免除 or 産前産後免除, entered 未納
EXEMPTION_UNRECORDED = "periods_exemption_unrecorded"  # entered 免除, no exemption in the records
CATEGORY3_OTHER = "periods_category3_other"  # marked 第3号, the records show another kind
CATEGORY3_UNMARKED = "periods_category3_unmarked"  # the records show 第3号, counted but not marked so
NOT_INSURED = "periods_not_insured"  # entered, the records show no membership
NOT_ENTERED = "periods_not_entered"  # the records show membership, not entered

# 法5条1項: 第2号・第3号被保険者としての被保険者期間 are 保険料納付済期間 (no premium of the person's own to pay).
_PAID_KINDS = (InsuredKind.SECOND, InsuredKind.THIRD)
# 法90条1項 (全額免除: 「申請のあつた日以後」 counted), 法90条の3 (学生納付特例), 平26法附則14条 (納付猶予): by application.
_APPLIED = (ExemptionKind.FULL, ExemptionKind.STUDENT, ExemptionKind.DEFERRAL)
# 法89条 (法定免除) and 法88条の2 (産前産後: 保険料納付済期間, 法5条1項): by law, whenever notified. The partial kinds
# (法90条の2) are left out: 法5条4項〜6項 count them only when the rest was paid, which the 免除情報 do not say, so 未納
# may be right (rules-disability-qualification.md §2.4: an unpaid partial month is unpaid).
_BY_LAW = (ExemptionKind.STATUTORY, ExemptionKind.MATERNITY)


def _exemption_on(month: dt.date, spans: tuple[ExemptionSpan, ...]) -> ExemptionSpan | None:
    for span in spans:
        if span.first <= month and (span.last is None or month <= span.last):
            return span
    return None


def _unpaid_but_exempt(month: dt.date, records: MonthRecords, first_visit: dt.date) -> tuple[str, str] | None:
    """A month entered 未納 the 免除情報 show exempt as the test counts it: applied for before the 初診日 (法90条1項,
    judged 「初診日の前日において」, 法30条1項ただし書), or exempt by law (法88条の2, 法89条)."""
    span = _exemption_on(month, records.exemptions)
    if span is None:
        return None
    if span.kind in _BY_LAW:
        return EXEMPTION_BY_LAW, span.kind
    if span.kind in _APPLIED and span.received_on < first_visit:
        return EXEMPTION_APPLIED, span.kind
    return None


def _mismatch(
    month: dt.date, period: Period | None, records: MonthRecords, first_visit: dt.date
) -> tuple[str, str] | None:
    kind = records.kinds.get(month, "")
    if period is None:
        # 法30条1項ただし書: a month not entered is no 被保険者期間 in the test; the records' membership is.
        return (NOT_ENTERED, kind) if kind else None
    if not kind:
        # 法7条1項: 被保険者 only as 第1号・第2号・第3号 (or 任意加入, 法附則5条). Said only when the city holds the person's
        # 資格情報 at all: with none, they are silent, not contrary (as records.py on the 初診日).
        return (NOT_INSURED, "") if records.held else None
    if kind in _PAID_KINDS and not _counts(period, first_visit):
        return PAID_KIND, kind
    if period.category3 and kind != InsuredKind.THIRD:
        return CATEGORY3_OTHER, kind
    if kind == InsuredKind.THIRD and not period.category3:
        # 法附則7条の3第1項 reads only 第3号 months: unmarked, the claim's 「要確認」 on late-reported months is missed.
        return CATEGORY3_UNMARKED, kind
    if kind in _PAID_KINDS:
        return None
    if period.status == UNPAID:
        return _unpaid_but_exempt(month, records, first_visit)
    if period.status == EXEMPT and _exemption_on(month, records.exemptions) is None:
        # 法附則5条10項: no exemption for 任意加入 months; for 第1号 months the city holds the applications it took.
        return EXEMPTION_UNRECORDED, ""
    return None


def _ranges(months: list[dt.date]) -> list[list[str]]:
    """Consecutive months as [first, last] ("YYYY-MM")."""
    ranges: list[list[dt.date]] = []
    for month in sorted(months):
        if ranges and add_months(ranges[-1][1], 1) == month:
            ranges[-1][1] = month
        else:
            ranges.append([month, month])
    return [[f"{first:%Y-%m}", f"{last:%Y-%m}"] for first, last in ranges]


def periods_against(
    entered: dict[dt.date, Period], records: MonthRecords, *, first_visit: dt.date, last_month: dt.date
) -> list[dict]:
    """The mismatches over the window (months up to `last_month`), each with its months as ranges, in the order of
    their first month."""
    found: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    window = {month for month in [*entered, *records.kinds] if month <= last_month}
    for month in sorted(window):
        mismatch = _mismatch(month, entered.get(month), records, first_visit)
        if mismatch:
            found[mismatch].append(month)
    ordered = sorted(found.items(), key=lambda item: min(item[1]))
    return [{"code": code, "detail": detail, "months": _ranges(months)} for (code, detail), months in ordered]


def records_doubts(
    *, resident: Resident, first_visit: dt.date, periods: list[Period], params: Params
) -> list[dict]:
    """The entered months against the records, read in a fixed number of queries (pension_months)."""
    last_month = window_last_month(first_visit, params)
    records = pension_months(resident=resident, first=resident.birth_date, last=last_month)
    return periods_against(months_of(periods), records, first_visit=first_visit, last_month=last_month)


def records_changed_since_input(claim) -> bool:
    """The records, read again, no longer give the mismatches 入力 kept (a 訂正 of a 資格情報, an exemption
    imported or decided since): the kept 「要確認」 are out of date until 入力 is saved again. The window is the
    one 入力 judged (its `last_month`, 法30条1項ただし書 / 昭60法附則21条)."""
    record = claim.contribution or {}
    if not record.get("applies") or "record_doubts" not in record or not record.get("result"):
        return False
    resident = claim.case.resident
    last_month = dt.date.fromisoformat(f"{record['result']['last_month']}-01")
    records = pension_months(resident=resident, first=resident.birth_date, last=last_month)
    entered = months_of(kept_periods(record["periods"]))
    now = periods_against(entered, records, first_visit=claim.first_visit_on, last_month=last_month)
    return now != record["record_doubts"]
