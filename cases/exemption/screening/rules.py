"""免除の所得基準 事前判定 (参考): the income tests of domain.md §1.2 as pure functions.

Nothing here touches the database: the amounts come in as `Params` (one `ScreeningRuleSet` row)
so that the same code judges every 免除年度. The result is advisory; 日本年金機構 decides.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from cases.common.codes import APPLIED_KINDS, ExemptionKind

APPLICANT = "applicant"
SPOUSE = "spouse"
HOUSEHOLDER = "householder"
ROLES = (APPLICANT, SPOUSE, HOUSEHOLDER)

KINDS: tuple[str, ...] = tuple(str(kind.value) for kind in APPLIED_KINDS)
FULL = str(ExemptionKind.FULL.value)
DEFERRAL = str(ExemptionKind.DEFERRAL.value)
STUDENT = str(ExemptionKind.STUDENT.value)
# The partial exemptions and the student route share one formula; only the base differs.
_DEDUCTING_BASES = {
    str(ExemptionKind.THREE_QUARTERS.value): "three_quarters_base",
    str(ExemptionKind.HALF.value): "half_base",
    str(ExemptionKind.QUARTER.value): "quarter_base",
    STUDENT: "student_base",
}
# 納付猶予 ignores the householder (domain.md §1.2); 学生納付特例 looks at the student alone.
_TESTED = {DEFERRAL: (APPLICANT, SPOUSE), STUDENT: (APPLICANT,)}

BLOCKED_STUDENT = "student"
BLOCKED_NOT_STUDENT = "not_student"
BLOCKED_AGE = "age"
BLOCKED_AGE_UNKNOWN = "age_unknown"


@dataclass(frozen=True)
class Params:
    """One `ScreeningRuleSet.params` mapping, typed. All amounts in yen."""

    valid_from_year: int
    full_base: int
    full_per_person: int
    full_alt_limit: int
    three_quarters_base: int
    half_base: int
    quarter_base: int
    student_base: int
    dependant_general: int
    dependant_elderly: int
    dependant_specified: int
    disabled: int
    special_disabled: int
    widow: int
    single_parent: int
    working_student: int
    deferral_age_limit: int

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object], *, valid_from_year: int) -> "Params":
        values: dict[str, int] = {"valid_from_year": valid_from_year}
        for f in fields(cls):
            if f.name == "valid_from_year":
                continue
            value = mapping.get(f.name)
            if type(value) is not int or value < 0:
                raise ValueError(
                    f"所得基準 ({valid_from_year}年度〜) の {f.name} が0以上の整数ではありません: {value!r}"
                )
            values[f.name] = value
        return cls(**values)


@dataclass(frozen=True)
class PersonIncome:
    """One tested person's 前年所得 and what the tests deduct from or add to it."""

    income: int
    deductions: int = 0  # 社会保険料控除額等 (without the fixed amounts below)
    general: int = 0
    elderly: int = 0
    specified: int = 0
    disabled: bool = False
    special_disabled: bool = False
    widow: bool = False
    single_parent: bool = False
    working_student: bool = False

    @property
    def dependant_count(self) -> int:
        return self.general + self.elderly + self.specified

    @property
    def has_alt_route_status(self) -> bool:
        """障害者・寡婦・ひとり親: the 135万 route of 国民年金法90条1項3号 (全額免除 only)."""
        return self.disabled or self.special_disabled or self.widow or self.single_parent


@dataclass(frozen=True)
class ScreeningInput:
    applicant: PersonIncome
    spouse: PersonIncome | None = None
    householder: PersonIncome | None = None  # None when the applicant is the householder
    age: int | None = None
    is_student: bool = False
    # 失業等による特例: the income of the person who lost the job is treated as zero.
    income_zero_roles: frozenset[str] = field(default_factory=frozenset)
    # DV: a person living apart from a violent spouse is assessed without the spouse.
    spouse_excluded: bool = False

    def person(self, role: str) -> PersonIncome | None:
        if role == SPOUSE and self.spouse_excluded:
            return None
        return {APPLICANT: self.applicant, SPOUSE: self.spouse, HOUSEHOLDER: self.householder}[role]


@dataclass(frozen=True)
class PersonCheck:
    role: str
    income: int  # as used: 0 under the unemployment rule
    deducted: int  # subtracted before comparing (0 for 全額免除/納付猶予)
    compared: int
    limit: int
    passed: bool
    alt_route: bool = False  # the 135万 limit was the higher one and applied
    income_zeroed: bool = False

    @property
    def over(self) -> int:
        return max(0, self.compared - self.limit)


@dataclass(frozen=True)
class KindResult:
    kind: str
    eligible: bool
    blocked: str | None
    failed: tuple[str, ...]
    checks: tuple[PersonCheck, ...] = ()


@dataclass(frozen=True)
class ScreeningResult:
    results: tuple[KindResult, ...]
    best: str | None
    valid_from_year: int

    def kind(self, kind: str) -> KindResult:
        return next(result for result in self.results if result.kind == kind)


def dependant_deduction(person: PersonIncome, params: Params) -> int:
    """扶養親族等控除額: 38万 general, 48万 elderly (70+), 63万 specified (19–22)."""
    return (
        params.dependant_general * person.general
        + params.dependant_elderly * person.elderly
        + params.dependant_specified * person.specified
    )


def fixed_deductions(person: PersonIncome, params: Params) -> int:
    """障害者/特別障害者, 寡婦/ひとり親 and 勤労学生 amounts added to 社会保険料控除額等.

    特別障害者 replaces 障害者 (a person takes one or the other, never both). 寡婦 and ひとり親 are
    exclusive in tax law (a ひとり親 is by definition not a 寡婦), so inconsistent data carrying both
    flags is read as ひとり親, the status with the larger deduction.
    """
    total = 0
    if person.special_disabled:
        total += params.special_disabled
    elif person.disabled:
        total += params.disabled
    if person.single_parent:
        total += params.single_parent
    elif person.widow:
        total += params.widow
    if person.working_student:
        total += params.working_student
    return total


def _check(kind: str, role: str, person: PersonIncome, *, zeroed: bool, params: Params) -> PersonCheck:
    income = 0 if zeroed else person.income
    if kind in _DEDUCTING_BASES:
        deducted = person.deductions + fixed_deductions(person, params)
        limit = getattr(params, _DEDUCTING_BASES[kind]) + dependant_deduction(person, params)
        alt_route = False
    else:
        # 全額免除 and 納付猶予 use the head count only and compare the income as is.
        deducted = 0
        limit = (person.dependant_count + 1) * params.full_per_person + params.full_base
        alt_route = kind == FULL and person.has_alt_route_status and params.full_alt_limit > limit
        if alt_route:
            limit = params.full_alt_limit
    compared = income - deducted
    return PersonCheck(
        role=role,
        income=income,
        deducted=deducted,
        compared=compared,
        limit=limit,
        passed=compared <= limit,
        alt_route=alt_route,
        income_zeroed=zeroed,
    )


def _blocked(kind: str, data: ScreeningInput, params: Params) -> str | None:
    if kind == STUDENT:
        return None if data.is_student else BLOCKED_NOT_STUDENT
    # Students must use 学生納付特例; 申請免除 and 納付猶予 are closed to them.
    if data.is_student:
        return BLOCKED_STUDENT
    if kind == DEFERRAL:
        if data.age is None:
            return BLOCKED_AGE_UNKNOWN
        if data.age >= params.deferral_age_limit:
            return BLOCKED_AGE
    return None


def _evaluate_kind(kind: str, data: ScreeningInput, params: Params) -> KindResult:
    blocked = _blocked(kind, data, params)
    if blocked is not None:
        return KindResult(kind=kind, eligible=False, blocked=blocked, failed=())
    checks = []
    for role in _TESTED.get(kind, ROLES):
        person = data.person(role)
        if person is None:
            continue
        checks.append(_check(kind, role, person, zeroed=role in data.income_zero_roles, params=params))
    failed = tuple(check.role for check in checks if not check.passed)
    return KindResult(kind=kind, eligible=not failed, blocked=None, failed=failed, checks=tuple(checks))


def screening_evaluate(*, data: ScreeningInput, params: Params) -> ScreeningResult:
    results = tuple(_evaluate_kind(kind, data, params) for kind in KINDS)
    best = next((result.kind for result in results if result.eligible), None)
    return ScreeningResult(results=results, best=best, valid_from_year=params.valid_from_year)
