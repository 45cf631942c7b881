"""免除情報 already decided by 機構: past applications, 法定免除 and 産前産後免除 (domain.md §1).

The kind applied for follows the person's own income in that year, so the rows look plausible next to
the 所得情報; the thresholds are the simple single-person forms and only decide what the demo shows.
"""

import datetime as dt
import random
from collections.abc import Callable

from cases.common.codes import Decision, ExemptionEndReason, ExemptionKind, ExemptionReason, InsuredKind
from cases.demo import people as p
from cases.demo.people import Person, date_between
from cases.demo.qualifications import Period

_DAY = dt.timedelta(days=1)
MATERNITY_FROM = dt.date(2019, 2, 1)
_DECISIONS = (Decision.APPROVED, Decision.REJECTED, Decision.RETURNED)


def exemption_year(day: dt.date) -> int:
    """免除年度: July to June."""
    return day.year if day.month >= 7 else day.year - 1


def student_year(day: dt.date) -> int:
    """学生年度: April to March."""
    return day.year if day.month >= 4 else day.year - 1


def _month_end(year: int, month: int) -> dt.date:
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(year, month, 1) - _DAY


def _kind(income: int, dependants: int, *, age: int, student: bool, householder_rich: bool) -> str | None:
    full = (dependants + 1) * 350_000 + 320_000
    if student:
        return ExemptionKind.STUDENT if income <= 1_280_000 + dependants * 380_000 else None
    if householder_rich:  # 納付猶予 leaves the 世帯主 out of the test
        return ExemptionKind.DEFERRAL if age < 50 and income <= full else None
    for kind, limit in (
        (ExemptionKind.FULL, full),
        (ExemptionKind.THREE_QUARTERS, 880_000 + dependants * 380_000),
        (ExemptionKind.HALF, 1_280_000 + dependants * 380_000),
        (ExemptionKind.QUARTER, 1_680_000 + dependants * 380_000),
    ):
        if income <= limit:
            return kind
    return None


def _first_kind_on(periods: list[Period], day: dt.date) -> Period | None:
    for x in periods:
        if (
            x.insured_kind == InsuredKind.FIRST
            and x.acquired_on <= day
            and (x.lost_on is None or day < x.lost_on)
        ):
            return x
    return None


def _decided(rng: random.Random, row: dict, received: dt.date, as_of: dt.date) -> bool:
    row["received_on"] = received
    row["sent_on"] = received + dt.timedelta(days=rng.randint(3, 10))
    row["decided_on"] = row["sent_on"] + dt.timedelta(days=rng.randint(20, 60))
    return row["decided_on"] <= as_of


def _close(row: dict, period: Period, end: dt.date, as_of: dt.date) -> None:
    if period.lost_on and period.lost_on <= end:
        row["end_on"], row["end_reason"] = period.lost_on, ExemptionEndReason.QUALIFICATION_LOST
    else:
        row["end_on"] = end
        row["end_reason"] = ExemptionEndReason.PERIOD_END if end < as_of else ""


def applications(
    rng: random.Random,
    person: Person,
    periods: list[Period],
    *,
    income_for: Callable[[int], tuple[int, int, bool]],
    as_of: dt.date,
    reference: Callable[[int], str],
) -> list[dict]:
    rows = []
    student = person.occupation == p.STUDENT
    current = student_year(as_of) if student else exemption_year(as_of)
    for year in (current - 2, current - 1, current):
        start = dt.date(year, 4 if student else 7, 1)
        end = dt.date(year + 1, 3 if student else 6, 31 if student else 30)
        period = _first_kind_on(periods, start)
        if period is None or rng.random() < 0.6:
            continue
        income, dependants, householder_rich = income_for(year)
        age = person.age(start)
        kind = _kind(income, dependants, age=age, student=student, householder_rich=householder_rich)
        if kind is None:
            continue
        reason = (
            ExemptionReason.UNEMPLOYMENT if not student and rng.random() < 0.1 else ExemptionReason.INCOME
        )
        row = {"kind": kind, "start_on": start, "reason": reason, "reference_no": reference(year)}
        if not _decided(rng, row, start + dt.timedelta(days=rng.randint(0, 120)), as_of):
            continue
        decision = rng.choices(_DECISIONS, cum_weights=(90, 97, 100))[0]
        row["decision"] = decision
        if decision == Decision.APPROVED:
            _close(row, period, end, as_of)
        elif decision == Decision.REJECTED:
            row["end_reason"] = ExemptionEndReason.REJECTED
        if kind == ExemptionKind.STUDENT:
            graduation = p.safe_date(person.birth.year + 23, 3, 1)
            row["graduation_month"] = graduation if graduation > start else dt.date(year + 1, 3, 1)
        rows.append(row)
    return rows


def statutory(rng: random.Random, person: Person, periods: list[Period], *, as_of, reference) -> list[dict]:
    period = _first_kind_on(periods, as_of)
    if not person.statutory_ground or period is None:
        return []
    arose = date_between(rng, max(period.acquired_on, as_of - dt.timedelta(days=8 * 365)), as_of - 90 * _DAY)
    start = (arose.replace(day=1) - _DAY).replace(day=1)  # from the month before the ground arose
    row = {
        "kind": ExemptionKind.STATUTORY,
        "start_on": max(start, period.acquired_on),
        "reason": ExemptionReason.STATUTORY,
        "is_statutory": True,
        "statutory_code": person.statutory_ground,
        "reference_no": reference(exemption_year(start)),
        "decision": Decision.APPROVED,
    }
    return [row] if _decided(rng, row, arose + dt.timedelta(days=rng.randint(0, 14)), as_of) else []


def maternity(rng: random.Random, periods: list[Period], birth: dt.date, *, as_of, reference) -> list[dict]:
    period = _first_kind_on(periods, birth)
    if birth < MATERNITY_FROM or period is None or rng.random() < 0.3:
        return []
    before = (birth.replace(day=1) - _DAY).replace(day=1)
    month = birth.month + 2
    end = _month_end(birth.year + (month - 1) // 12, (month - 1) % 12 + 1)
    row = {
        "kind": ExemptionKind.MATERNITY,
        "start_on": max(before, period.acquired_on),
        "reason": ExemptionReason.MATERNITY,
        "reference_no": reference(exemption_year(before)),
        "decision": Decision.APPROVED,
    }
    if not _decided(rng, row, birth - dt.timedelta(days=rng.randint(0, 150)), as_of):
        return []
    _close(row, period, end, as_of)
    return [row]
