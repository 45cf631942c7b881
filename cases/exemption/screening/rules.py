"""免除の所得基準 事前判定 (参考): the income tests of the statute as pure functions.

Nothing here touches the database: the amounts come in as `Params` (one `ScreeningRuleSet` row,
keyed by 免除年度) so that the same code judges every year. The result is advisory; 日本年金機構
decides. Articles: 法 = 国民年金法, 令 = 国民年金法施行令, 平成26年法 = 平成26年法律第64号 (texts in
the shared law folder).
"""

import datetime as dt

from cases.common.codes import APPLIED_KINDS, ExemptionKind
from cases.common.dates import add_months, month_start
from cases.common.identifiers.wareki import age_reached_on
from cases.exemption.screening.category1_age import category1_age_cut, category1_age_span
from cases.exemption.screening.deductions import dependant_deduction, has_alt_route_status, subtracted
from cases.exemption.screening.values import (
    APPLICANT,
    CATEGORY1,
    HOUSEHOLDER,
    ROLES,
    SPOUSE,
    AgeCut,
    KindResult,
    Params,
    PersonCheck,
    PersonIncome,
    ScreeningInput,
    ScreeningResult,
)

__all__ = [
    "APPLICANT",
    "HOUSEHOLDER",
    "ROLES",
    "SPOUSE",
    "KindResult",
    "Params",
    "PersonCheck",
    "PersonIncome",
    "ScreeningInput",
    "ScreeningResult",
]

KINDS: tuple[str, ...] = tuple(str(kind.value) for kind in APPLIED_KINDS)
FULL = str(ExemptionKind.FULL.value)
DEFERRAL = str(ExemptionKind.DEFERRAL.value)
STUDENT = str(ExemptionKind.STUDENT.value)
# 令6条の8の2 (3/4), 6条の9 (半額・学生), 6条の9の2 (1/4): one formula, different bases.
_DEDUCTING_BASES = {
    str(ExemptionKind.THREE_QUARTERS.value): "three_quarters_base",
    str(ExemptionKind.HALF.value): "half_base",
    str(ExemptionKind.QUARTER.value): "quarter_base",
    STUDENT: "student_base",
}
# Who is tested: 法90条・90条の2 ただし書 (本人・配偶者・世帯主); 平成16年法附則19条2項・平成26年法附則14条1項
# ただし書 (配偶者 only besides the applicant); 法90条の3 has no ただし書 (the student alone).
_TESTED = {DEFERRAL: (APPLICANT, SPOUSE), STUDENT: (APPLICANT,)}

BLOCKED_STUDENT = "student"
BLOCKED_NOT_STUDENT = "not_student"
BLOCKED_AGE = "age"
BLOCKED_AGE_UNKNOWN = "age_unknown"
BLOCKED_NOT_CATEGORY1 = "not_category1"
BLOCKED_ENDED = "ended"  # 納付猶予 after 令和12年6月 (not in the version-2 contract's list)


def deferral_last_month(birth_date: dt.date, params: Params) -> dt.date:
    """平成26年法附則14条1項: 「五十歳に達する日の属する月の前月まで」. The 50歳到達日 is the day before
    the 50th birthday (年齢計算ニ関スル法律), so someone born on the 1st loses the month before."""
    reached = age_reached_on(birth_date, params.deferral_age_limit)
    return add_months(month_start(reached), -1)


def _check(kind: str, role: str, person: PersonIncome, *, zeroed: bool, params: Params) -> PersonCheck:
    """One person against one kind: its own formula, or the 135万円 route of 法90条1項3号, which
    90条の2各項2号, 90条の3第1項2号, 平成16年法附則19条2項2号 and 平成26年法附則14条1項2号 all incorporate
    (令6条の8)."""
    carryover = 0 if zeroed else person.loss_carryover
    before = 0 if zeroed else person.income_before_carryover  # 令6条の11
    if kind in _DEDUCTING_BASES:
        income = 0 if zeroed else person.income  # 令6条の12第1項: after the carry-forward
        # A zeroed income (則77条の7第2号) has nothing to deduct from; deductions beyond the income
        # leave 0円 (令6条の12第1項 「所得の額から…控除した額」 is an amount, never below nothing).
        deducted = 0 if zeroed else subtracted(person, params)
        compared = max(income - deducted, 0)
        limit = getattr(params, _DEDUCTING_BASES[kind]) + dependant_deduction(person, params)
        formula = PersonCheck(role, income, deducted, compared, limit, compared <= limit)
    else:
        # 全額免除 (令6条の7) and 納付猶予: (N + 1) × 35万 + 32万 on the head count, no deductions.
        limit = (person.dependant_count + 1) * params.full_per_person + params.full_base
        formula = PersonCheck(role, before, 0, before, limit, before <= limit, carryover_added=carryover)
    chosen = formula
    if has_alt_route_status(person, params):
        alt = PersonCheck(
            role,
            before,
            0,
            before,
            params.full_alt_limit,
            before <= params.full_alt_limit,
            alt_route=True,
            carryover_added=carryover,
        )
        # Show the comparison that passes; when neither does, the one missed by less.
        if (alt.passed and not formula.passed) or (not formula.passed and alt.over < formula.over):
            chosen = alt
    return PersonCheck(
        role=chosen.role,
        income=chosen.income,
        deducted=chosen.deducted,
        compared=chosen.compared,
        limit=chosen.limit,
        passed=chosen.passed,
        alt_route=chosen.alt_route,
        income_zeroed=zeroed,
        carryover_added=chosen.carryover_added,
    )


def _deferral_window(data: ScreeningInput, params: Params) -> tuple[str | None, dt.date | None]:
    """(blocked, last month) for 納付猶予: months up to the one before the 50歳 month (平成26年法附則14条1項;
    before the 30歳 month 平成16年法附則19条2項 covers them on the same terms: cases/exemption/deferral.py), and
    not after 令和12年6月 (both). With an age only, the version-1 rule (age < 50)."""
    if data.birth_date is not None:
        age_cap: dt.date | None = deferral_last_month(data.birth_date, params)
    elif data.age is None:
        return BLOCKED_AGE_UNKNOWN, None
    elif data.age >= params.deferral_age_limit:
        return BLOCKED_AGE, None
    else:
        age_cap = None
    if data.period is None:
        return None, min(filter(None, (age_cap, params.deferral_until)))
    first, last = data.period
    if age_cap is not None and age_cap < first:
        return BLOCKED_AGE, None
    if params.deferral_until < first:
        return BLOCKED_ENDED, None
    return None, min(filter(None, (last, age_cap, params.deferral_until)))


def _blocked(
    kind: str, data: ScreeningInput, params: Params, cut: AgeCut | None
) -> tuple[str | None, dt.date | None]:
    # 任意加入 (法附則5条10項; 平成16年法附則19条5項・平成26年法附則14条4項) and 特例高齢任意加入
    # (平成16年法附則23条10項).
    if data.insured_kind != CATEGORY1:
        return BLOCKED_NOT_CATEGORY1, None
    # 法7条1項1号・8条1号・9条3号・11条: no month of the period is a 第1号 month by age, so no kind has a premium
    # to exempt; before the student checks, as whether one is a 学生等 changes nothing then.
    if cut is not None:
        return BLOCKED_AGE, None
    if kind == STUDENT:
        return (None if data.is_student else BLOCKED_NOT_STUDENT), None
    # 法90条・90条の2 (「学生等である期間…を除く」), 平成16年法附則19条2項・平成26年法附則14条1項: students use
    # 学生納付特例.
    if data.is_student:
        return BLOCKED_STUDENT, None
    if kind == DEFERRAL:
        return _deferral_window(data, params)
    return None, None


def _evaluate_kind(kind: str, data: ScreeningInput, params: Params, cut: AgeCut | None) -> KindResult:
    blocked, last_month = _blocked(kind, data, params, cut)
    if blocked is not None:
        return KindResult(
            kind=kind,
            eligible=False,
            blocked=blocked,
            failed=(),
            age_cut=cut if blocked == BLOCKED_AGE else None,
        )
    if data.public_assistance:
        # 法90条1項2号 (則76条の2: 生活扶助以外の扶助), incorporated by 90条の2各項2号, 90条の3第1項2号
        # and 平成16年法附則19条2項2号・平成26年法附則14条1項2号: the household qualifies without an income test.
        return KindResult(
            kind=kind, eligible=True, blocked=None, failed=(), last_month=last_month, assistance=True
        )
    if data.disaster:
        # 法90条1項4号, 90条の2第1項3号・2項3号・3項3号, 90条の3第1項3号, 平成16年法附則19条2項3号・
        # 平成26年法附則14条1項3号 with 則77条の7第1号: the damage was to the property of the 被保険者, 世帯主,
        # 配偶者 or another member of their household, so the ground holds for each of them and the ただし書 is
        # met without income.
        return KindResult(
            kind=kind, eligible=True, blocked=None, failed=(), last_month=last_month, disaster=True
        )
    checks = []
    for role in _TESTED.get(kind, ROLES):
        person = data.person(role)
        if person is None:
            continue
        checks.append(_check(kind, role, person, zeroed=role in data.income_zero_roles, params=params))
    failed = tuple(check.role for check in checks if not check.passed)
    return KindResult(
        kind=kind,
        eligible=not failed,
        blocked=None,
        failed=failed,
        checks=tuple(checks),
        last_month=last_month,
    )


def screening_evaluate(*, data: ScreeningInput, params: Params) -> ScreeningResult:
    # With an `age` only nothing is cut (法7条1項1号 read against version 1): the contract gives an age no date,
    # and a 19-year-old may reach 20 within the 年度 or a 60-year-old apply for an earlier one, so an age outside
    # 20–59 does not show that the period has no 第1号 month. Version 1 judged only 納付猶予 by age.
    cut = category1_age_cut(data.birth_date, data.period)
    results = tuple(_evaluate_kind(kind, data, params, cut) for kind in KINDS)
    best = next((result.kind for result in results if result.eligible), None)
    return ScreeningResult(
        results=results,
        best=best,
        valid_from_year=params.valid_from_year,
        age_span=category1_age_span(data.birth_date, data.period),
    )
