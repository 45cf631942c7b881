"""所得情報: 住民税 assessments for two 賦課年度, with dependants taken from the person's own household
(children under 16 as 年少扶養親族, 16–18 inside 一般扶養 and counted again as 一般扶養親族数のうち19歳未満).

Amounts are 住民税 (not 所得税) figures: 障害者 26万, 特別障害者 30万, 寡婦 26万, ひとり親 30万, 勤労学生 26万.
"""

import datetime as dt
import itertools
import random

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.demo import people as p
from cases.demo.people import Household, Person

_LEVELS = {  # occupation → ((weight, low, high), …) of 総所得金額等
    p.STUDENT: ((50, 0, 0), (50, 30_000, 700_000)),
    p.PART_TIME: ((15, 0, 0), (60, 50_000, 700_000), (25, 700_000, 1_500_000)),
    p.UNEMPLOYED: ((70, 0, 0), (30, 0, 400_000)),
    p.HOMEMAKER: ((60, 0, 0), (40, 0, 480_000)),
    p.EMPLOYEE: ((15, 700_000, 1_000_000), (55, 1_000_000, 3_000_000), (25, 3_000_000, 6_000_000),
                 (5, 6_000_000, 10_000_000)),
    p.SELF_EMPLOYED: ((30, 0, 700_000), (45, 1_000_000, 3_000_000), (25, 3_000_000, 8_000_000)),
    p.RETIRED: ((40, 0, 400_000), (50, 400_000, 2_000_000), (10, 2_000_000, 4_000_000)),
}  # fmt: skip


def current_tax_year(as_of: dt.date) -> int:
    """住民税 is assessed in June: until then the latest 賦課年度 is last year's."""
    return as_of.year if as_of.month >= 6 else as_of.year - 1


def dependant_limit(tax_year: int) -> int:
    # The 2025 reform raised the dependant income limit from 48万 to 58万 from 令和8年度 住民税.
    return 580_000 if tax_year >= 2026 else 480_000


_CUMULATIVE = {k: tuple(itertools.accumulate(w for w, _, _ in v)) for k, v in _LEVELS.items()}


def base_income(rng: random.Random, person: Person) -> int:
    levels = _LEVELS[person.occupation]
    _, low, high = rng.choices(levels, cum_weights=_CUMULATIVE[person.occupation])[0]
    return int(round(rng.uniform(low, high), -2))


def _yearly(rng: random.Random, base: int, years_back: int) -> int:
    if base == 0 or years_back == 0:
        return base
    return int(round(base * rng.uniform(0.8, 1.2), -2))


def incomes(rng: random.Random, household: Household, tax_years: tuple[int, ...]) -> dict[int, dict]:
    """{id(person): {tax_year: 総所得金額等}} for the adults the city assessed in each year."""
    out: dict[int, dict] = {}
    latest = max(tax_years)
    for person in household.members:
        if person.occupation == p.CHILD:
            continue
        base = base_income(rng, person)
        out[id(person)] = {year: _yearly(rng, base, latest - year) for year in tax_years}
    return out


def _assessed(person: Person, household: Household, year: int) -> bool:
    """The city assesses whoever lived here on 1 January of the 賦課年度."""
    jan1 = dt.date(year, 1, 1)
    arrived = household.moved_in_on or person.arrived_from_abroad_on
    return person.alive_on(jan1) and (arrived is None or arrived <= jan1)


def _claimant(household: Household, amounts: dict[int, dict], year: int) -> Person:
    earners = [m for m in household.members if m.relationship in ("世帯主", "妻", "夫")]
    return max(earners, key=lambda m: amounts.get(id(m), {}).get(year, 0))


def _dependants(record: dict, claimant: Person, household: Household, amounts, year: int) -> None:
    limit, dec31 = dependant_limit(year), dt.date(year - 1, 12, 31)
    for member in household.members:
        if member is claimant or not member.alive_on(dec31):
            continue
        income = amounts.get(id(member), {}).get(year, 0)
        age = member.age(dec31)
        if member.relationship in ("世帯主", "妻", "夫"):
            if income <= limit:
                record["spouse_elderly" if age >= 70 else "spouse_general"] = True
            elif income <= 1_330_000:
                record["spouse_special_deduction"] = max(30_000, 330_000 - (income - limit) // 3)
        elif income <= limit:
            if member.relationship in ("父", "母") and age >= 70:
                record["dependants_elderly"] += 1
            elif member.relationship == "子" and 19 <= age <= 22:
                record["dependants_specified"] += 1
            elif age < 16:  # 年少扶養親族: no 住民税 deduction, but they count for 免除 (令6条の7)
                record["dependants_under16"] += 1
            else:
                record["dependants_general"] += 1
                if age <= 18:  # the 19歳未満 inside 一般扶養 (63万円 for 免除, 令5条の4)
                    record["dependants_aged16to18"] += 1
        elif member.relationship == "子" and 19 <= age <= 22 and year >= 2026 and income <= 1_230_000:
            record["specified_relative_special_deduction"] += 450_000 if income <= 850_000 else 150_000


def _deductions(rng: random.Random, record: dict, person: Person, household: Household) -> None:
    income = record["total_income"]
    employed = person.occupation == p.EMPLOYEE
    social = income * rng.uniform(0.13, 0.17) + (0 if employed else rng.choice((0, 0, 20_000, 50_000)))
    record["social_insurance_deduction"] = round(social)
    if person.disability:
        record["self_disability"] = person.disability
        key = "special_disability" if person.disability == DisabilityStatus.SPECIAL else "disability"
        record[f"{key}_count"] = 1
        record[f"{key}_deduction"] = 300_000 if key == "special_disability" else 260_000
    if income <= 5_000_000 and household.kind == "single_parent" and person.is_head:
        record["self_widow"], record["single_parent_deduction"] = WidowStatus.SINGLE_PARENT, 300_000
    elif income <= 5_000_000 and person.widowed:
        record["self_widow"], record["widow_deduction"] = WidowStatus.WIDOW, 260_000
    if person.occupation == p.STUDENT and 0 < income <= 750_000 and rng.random() < 0.6:
        record["working_student_deduction"] = 260_000
    if rng.random() < (0.15 if person.occupation == p.RETIRED else 0.05):
        record["medical_deduction"] = rng.randrange(10_000, 400_000, 100)
    if person.occupation == p.SELF_EMPLOYED and income > 2_000_000 and rng.random() < 0.2:
        record["small_business_mutual_aid_deduction"] = 12_000 * rng.randint(10, 70)
    if person.occupation == p.SELF_EMPLOYED and income < 700_000 and rng.random() < 0.05:
        record["net_loss_carryover"] = rng.randrange(100_000, 2_000_000, 1_000)
    if rng.random() < 0.002:
        record["casualty_loss_deduction"] = rng.randrange(50_000, 500_000, 1_000)


_ZEROED = (
    "dependants_general",
    "dependants_elderly",
    "dependants_specified",
    "dependants_aged16to18",
    "dependants_under16",
    "specified_relative_special_deduction",
)


def income_rows(
    rng: random.Random,
    household: Household,
    tax_years: tuple[int, ...],
    as_of: dt.date,
    *,
    undeclared: set[int],
) -> tuple[dict[int, dict], dict[tuple[int, int], dict]]:
    """(amounts, {(id(person), year): IncomeRecord field values}); people in `undeclared` get none."""
    amounts = incomes(rng, household, tax_years)
    rows: dict[tuple[int, int], dict] = {}
    for year in tax_years:
        claimant = _claimant(household, amounts, year)
        for person in household.members:
            if id(person) not in amounts or id(person) in undeclared:
                continue
            if not _assessed(person, household, year) or rng.random() < 0.02:
                continue  # moved in after 1 January, or simply no return for that year
            record: dict = {"total_income": amounts[id(person)][year], **dict.fromkeys(_ZEROED, 0)}
            if person is claimant:
                _dependants(record, person, household, amounts, year)
            _deductions(rng, record, person, household)
            if rng.random() < 0.02:
                revised_until = min(as_of, dt.date(year + 1, 3, 31))
                record["revised_on"] = p.date_between(rng, dt.date(year, 7, 1), revised_until)
            rows[(id(person), year)] = record
    return amounts, rows
