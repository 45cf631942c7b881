"""The values the pre-screen rules (`rules.py`) read and return. Plain data, no database."""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

APPLICANT = "applicant"
SPOUSE = "spouse"
HOUSEHOLDER = "householder"
ROLES = (APPLICANT, SPOUSE, HOUSEHOLDER)

# 被保険者種別 as the rules see it (the JSON contract's `insured_kind`).
CATEGORY1 = "category1"
VOLUNTARY = "voluntary"
SPECIAL_ELDERLY = "special_elderly"
INSURED_KINDS = (CATEGORY1, VOLUNTARY, SPECIAL_ELDERLY)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> dt.date | None:
    """「2030-06」 → 2030-06-01, or None when it is not a month."""
    match = _MONTH.match(text) if isinstance(text, str) else None
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return dt.date(int(match[1]), int(match[2]), 1)


@dataclass(frozen=True)
class Params:
    """One `ScreeningRuleSet.params` mapping, typed. Amounts in yen.

    `deferral_until` is the last month 納付猶予 exists (令和12年6月: 平成16年法律第104号附則19条2項・平成26年
    法律第64号附則14条1項);
    `single_parent_route` says whether ひとり親 opens the 135万円 route (令6条の7の2, from 令和3年);
    `specified_relative_deduction` whether 特定親族特別控除 is subtracted (令和7年政令第355号, from
    免除年度 2026).
    """

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
    deferral_until: dt.date
    single_parent_route: bool
    specified_relative_deduction: bool

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object], *, valid_from_year: int) -> "Params":
        values: dict[str, object] = {"valid_from_year": valid_from_year}
        for f in fields(cls):
            if f.name == "valid_from_year":
                continue
            value = mapping.get(f.name)
            if f.type is bool:
                ok = type(value) is bool
            elif f.type is dt.date:
                ok = isinstance(value, str) and parse_month(value) is not None
                value = parse_month(value) if ok else value  # type: ignore[arg-type]
            else:
                ok = type(value) is int and value >= 0
            if not ok:
                raise ValueError(
                    f"所得基準 ({valid_from_year}年度〜) の {f.name} の値が正しくありません: {value!r}"
                )
            values[f.name] = value
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PersonIncome:
    """One tested person's 前年所得 and what the tests deduct from or add to it.

    `income` is the 総所得金額等 after the carry-forward of 純損失・雑損失 (地方税法313条8項・9項), the
    figure of 令6条の12第1項; `loss_carryover` is the amount carried forward, added back for the figure
    of 令6条の11. Dependants are disjoint head counts: `general` (控除対象配偶者 and 扶養親族 23–69),
    `elderly` (70+), `specified` (特定扶養 19–22), `aged16to18` and `under16` (年少扶養親族).
    `disability_ordinary`/`disability_special` count the persons 障害者控除 was taken for (the person
    included); None means "derive from the person's own flags".
    """

    income: int
    loss_carryover: int = 0
    deductions: int = 0  # 社会保険料控除額等 (without the fixed amounts)
    specified_relative: int = 0  # 特定親族特別控除, subtracted only where the rule set says so
    general: int = 0
    elderly: int = 0
    specified: int = 0
    aged16to18: int = 0
    under16: int = 0
    disabled: bool = False
    special_disabled: bool = False
    widow: bool = False
    single_parent: bool = False
    working_student: bool = False
    disability_ordinary: int | None = None
    disability_special: int | None = None

    @property
    def dependant_count(self) -> int:
        return self.general + self.elderly + self.specified + self.aged16to18 + self.under16

    @property
    def income_before_carryover(self) -> int:
        return self.income + self.loss_carryover

    @property
    def disability_counts(self) -> tuple[int, int]:
        """(障害者, 特別障害者) persons for the deduction; the contract's default from the flags."""
        if self.disability_ordinary is not None or self.disability_special is not None:
            return self.disability_ordinary or 0, self.disability_special or 0
        if self.special_disabled:
            return 0, 1
        return (1, 0) if self.disabled else (0, 0)


@dataclass(frozen=True)
class ScreeningInput:
    applicant: PersonIncome
    spouse: PersonIncome | None = None
    householder: PersonIncome | None = None  # None when the applicant is the householder
    age: int | None = None
    # With a birth date the 納付猶予 months are cut at the 50歳 month; `period` = (first, last month).
    birth_date: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    is_student: bool = False
    insured_kind: str = CATEGORY1
    # 失業等による特例: the income of the person who lost the job is treated as zero.
    income_zero_roles: frozenset[str] = field(default_factory=frozenset)
    # DV: a person living apart from a violent spouse is assessed without the spouse.
    spouse_excluded: bool = False
    # 法90条1項2号: the applicant or a household member receives 生活扶助以外の扶助.
    public_assistance: bool = False
    # 法90条1項4号 with 則77条の7第1号: a 災害 took about half or more of the household's property.
    disaster: bool = False

    def person(self, role: str) -> PersonIncome | None:
        if role == SPOUSE and self.spouse_excluded:
            return None
        return {APPLICANT: self.applicant, SPOUSE: self.spouse, HOUSEHOLDER: self.householder}[role]


@dataclass(frozen=True)
class PersonCheck:
    role: str
    income: int  # the income compared before deductions: 0 under the unemployment rule
    deducted: int  # subtracted before comparing (0 for 全額免除・納付猶予 and the 135万円 route)
    compared: int
    limit: int
    passed: bool
    alt_route: bool = False  # the 135万円 route (障害者・寡婦・ひとり親) is the comparison shown
    income_zeroed: bool = False
    carryover_added: int = 0  # 純損失等 added back (令6条の11)

    @property
    def over(self) -> int:
        return max(0, self.compared - self.limit)


# Why a birth date leaves a period no 第1号 month (国民年金法7条1項1号): wholly before the 20歳 month (8条1号・11条)
# or wholly from the 60歳 month (9条3号・11条). Screen wording only: the JSON says `blocked: "age"`.
AGE_BEFORE_20 = "before_20"
AGE_FROM_60 = "from_60"


@dataclass(frozen=True)
class AgeCut:
    reason: str  # AGE_BEFORE_20 or AGE_FROM_60
    month: dt.date  # the 20歳 month or the 60歳 month


@dataclass(frozen=True)
class AgeSpan:
    """The 第1号 months by age of a period only partly inside them (法7条1項1号・8条1号・9条3号・11条): `first` is
    the 20歳 month or the period's first, `last` the month before the 60歳 month or the period's last. Screen
    wording only: version 2 of the JSON contract has no key for it."""

    first: dt.date
    last: dt.date
    period: tuple[dt.date, dt.date]


@dataclass(frozen=True)
class KindResult:
    kind: str
    eligible: bool
    blocked: str | None
    failed: tuple[str, ...]
    checks: tuple[PersonCheck, ...] = ()
    last_month: dt.date | None = None  # 納付猶予: the last month of the period it can cover
    assistance: bool = False  # passed by 法90条1項2号 without an income test
    disaster: bool = False  # passed by 法90条1項4号 (則77条の7第1号: 災害) without an income test
    age_cut: AgeCut | None = None  # blocked `age` because no month of the period is a 第1号 month by age


@dataclass(frozen=True)
class ScreeningResult:
    results: tuple[KindResult, ...]
    best: str | None
    valid_from_year: int
    age_span: AgeSpan | None = None  # the period is only partly 第1号 by age: the months that are

    def kind(self, kind: str) -> KindResult:
        return next(result for result in self.results if result.kind == kind)
