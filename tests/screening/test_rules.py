"""The income tests of domain.md §1.2 with the 2021 (current) parameters unless stated."""

from dataclasses import replace

import pytest

from cases.exemption.screening.rules import KINDS, PersonIncome, ScreeningInput, screening_evaluate

from .conftest import CURRENT, LEGACY

PARTIAL = ("three_quarters", "half", "quarter")
NON_STUDENT_KINDS = ("full", "three_quarters", "half", "quarter", "deferral")


def evaluate(applicant=None, *, params=CURRENT, **kwargs):
    kwargs.setdefault("age", 30)
    data = ScreeningInput(applicant=applicant or PersonIncome(income=0), **kwargs)
    return screening_evaluate(data=data, params=params)


def single(income: int, *, student: bool = False, **person) -> dict[str, bool]:
    result = evaluate(PersonIncome(income=income, **person), is_student=student)
    return {kind.kind: kind.eligible for kind in result.results}


# Worked limits of domain.md: single applicant, no dependants, no deductions.
WORKED_LIMITS = {
    "full": 670_000,
    "three_quarters": 880_000,
    "half": 1_280_000,
    "quarter": 1_680_000,
    "deferral": 670_000,
    "student": 1_280_000,
}


@pytest.mark.parametrize(("kind", "limit"), WORKED_LIMITS.items())
def test_worked_limit_passes_exactly_at_the_limit_and_fails_one_yen_over(kind, limit):
    student = kind == "student"
    at = evaluate(PersonIncome(income=limit), is_student=student).kind(kind)
    over = evaluate(PersonIncome(income=limit + 1), is_student=student).kind(kind)
    assert at.eligible and at.failed == ()
    assert at.checks[0].limit == limit
    assert not over.eligible and over.failed == ("applicant",)
    assert over.checks[0].over == 1


def test_results_come_in_the_fixed_kind_order():
    assert [kind.kind for kind in evaluate().results] == list(KINDS)
    assert KINDS == ("full", "three_quarters", "half", "quarter", "deferral", "student")


def test_full_and_deferral_use_the_head_count_whatever_the_category():
    # (N + 1) × 35万 + 32万 with N = 3, however the three dependants are split.
    for split in (
        {"general": 3},
        {"elderly": 3},
        {"specified": 3},
        {"general": 1, "elderly": 1, "specified": 1},
    ):
        at = single(1_720_000, **split)
        over = single(1_720_001, **split)
        assert at["full"] and at["deferral"], split
        assert not over["full"] and not over["deferral"], split


@pytest.mark.parametrize(
    ("category", "amount"), [("general", 380_000), ("elderly", 480_000), ("specified", 630_000)]
)
@pytest.mark.parametrize(("kind", "base"), [(k, WORKED_LIMITS[k]) for k in (*PARTIAL, "student")])
def test_partial_kinds_add_the_deduction_of_each_dependant_category(category, amount, kind, base):
    student = kind == "student"
    limit = base + 2 * amount
    at = evaluate(PersonIncome(income=limit, **{category: 2}), is_student=student).kind(kind)
    over = evaluate(PersonIncome(income=limit + 1, **{category: 2}), is_student=student).kind(kind)
    assert at.eligible and at.checks[0].limit == limit
    assert not over.eligible


def test_mixed_dependants_partial_limit():
    person = PersonIncome(income=880_000 + 380_000 + 480_000 + 630_000, general=1, elderly=1, specified=1)
    assert evaluate(person).kind("three_quarters").eligible
    assert not evaluate(replace(person, income=person.income + 1)).kind("three_quarters").eligible


def test_full_and_deferral_compare_the_income_as_is_ignoring_deductions():
    # 社会保険料控除額等 and the fixed amounts help only the partial kinds.
    result = single(670_001, deductions=500_000, working_student=True)
    assert not result["full"] and not result["deferral"]
    assert result["three_quarters"]


@pytest.mark.parametrize(("kind", "base"), [(k, WORKED_LIMITS[k]) for k in (*PARTIAL, "student")])
def test_partial_kinds_subtract_deductions_before_comparing(kind, base):
    student = kind == "student"
    at = evaluate(PersonIncome(income=base + 200_000, deductions=200_000), is_student=student).kind(kind)
    over = evaluate(PersonIncome(income=base + 200_001, deductions=200_000), is_student=student).kind(kind)
    assert at.eligible and at.checks[0].compared == base
    assert not over.eligible and over.checks[0].over == 1


@pytest.mark.parametrize(
    ("flags", "amount"),
    [
        ({"disabled": True}, 270_000),
        ({"special_disabled": True}, 400_000),
        ({"widow": True}, 270_000),
        ({"single_parent": True}, 350_000),
        ({"working_student": True}, 270_000),
    ],
)
def test_each_fixed_deduction_moves_the_partial_limits_by_its_amount(flags, amount):
    """令6条の12第2項2号. 半額 and 4分の1: their limits lie above the 135万円 route, which 障害者・寡婦・
    ひとり親 also have (4分の3 is tested with the route in test_statute_findings.py)."""
    assert single(1_280_000 + amount, **flags)["half"]
    assert not single(1_280_000 + amount + 1, **flags)["half"]
    assert single(1_680_000 + amount, **flags)["quarter"]
    assert not single(1_680_000 + amount + 1, **flags)["quarter"]


def test_special_disabled_replaces_disabled_never_both():
    both = {"disabled": True, "special_disabled": True}
    assert single(1_280_000 + 400_000, **both)["half"]
    # 27万 + 40万 would let this through; only the 40万 applies (the person is one 特別障害者).
    assert not single(1_280_000 + 400_001, **both)["half"]


def test_single_parent_wins_over_widow_when_both_are_set():
    both = {"widow": True, "single_parent": True}
    assert single(1_280_000 + 350_000, **both)["half"]
    assert not single(1_280_000 + 350_001, **both)["half"]


def test_fixed_deductions_add_up_across_grounds():
    person = {"special_disabled": True, "single_parent": True, "working_student": True, "deductions": 10_000}
    total = 400_000 + 350_000 + 270_000 + 10_000
    assert single(1_280_000 + total, **person)["half"]
    assert not single(1_280_000 + total + 1, **person)["half"]


def test_working_student_alone_does_not_open_the_135man_route():
    assert not single(680_000, working_student=True)["full"]


def test_135man_route_gives_way_to_a_higher_head_count_limit():
    # (2 + 1) × 35万 + 32万 = 137万 > 135万
    person = {"disabled": True, "general": 2}
    at = evaluate(PersonIncome(income=1_370_000, **person)).kind("full")
    assert at.eligible and at.checks[0].limit == 1_370_000 and not at.checks[0].alt_route
    assert not single(1_370_001, **person)["full"]


def test_who_is_tested_per_kind():
    rich = PersonIncome(income=5_000_000)
    poor = PersonIncome(income=0)
    result = evaluate(poor, spouse=poor, householder=rich)
    assert [kind.kind for kind in result.results if not kind.eligible] == [
        "full",
        "three_quarters",
        "half",
        "quarter",
        "student",  # not a student
    ]
    assert result.kind("full").failed == ("householder",)
    # 納付猶予 ignores the householder.
    assert result.kind("deferral").eligible
    assert [check.role for check in result.kind("deferral").checks] == ["applicant", "spouse"]

    deferral_spouse = evaluate(poor, spouse=rich, householder=poor).kind("deferral")
    assert deferral_spouse.failed == ("spouse",)


def test_student_route_looks_at_the_applicant_only():
    rich = PersonIncome(income=5_000_000)
    result = evaluate(PersonIncome(income=1_280_000), spouse=rich, householder=rich, is_student=True)
    student = result.kind("student")
    assert student.eligible
    assert [check.role for check in student.checks] == ["applicant"]


def test_failed_lists_roles_in_applicant_spouse_householder_order():
    rich = PersonIncome(income=5_000_000)
    result = evaluate(rich, spouse=rich, householder=rich)
    assert result.kind("full").failed == ("applicant", "spouse", "householder")
    assert result.kind("deferral").failed == ("applicant", "spouse")


def test_absent_people_are_not_tested():
    result = evaluate(PersonIncome(income=0), spouse=None, householder=None)
    for kind in NON_STUDENT_KINDS:
        assert [check.role for check in result.kind(kind).checks] == ["applicant"]


@pytest.mark.parametrize(
    ("age", "blocked"), [(0, None), (49, None), (50, "age"), (64, "age"), (None, "age_unknown")]
)
def test_deferral_age_limit(age, blocked):
    rich_spouse = PersonIncome(income=5_000_000)
    deferral = evaluate(PersonIncome(income=0), spouse=rich_spouse, age=age).kind("deferral")
    assert deferral.blocked == blocked
    if blocked:
        assert not deferral.eligible and deferral.failed == () and deferral.checks == ()
    else:
        assert deferral.failed == ("spouse",)


def test_age_does_not_matter_for_the_exemptions():
    result = evaluate(PersonIncome(income=0), age=None)
    assert all(result.kind(kind).eligible for kind in ("full", "three_quarters", "half", "quarter"))


def test_students_get_the_student_route_only():
    result = evaluate(PersonIncome(income=0), is_student=True, age=None)
    for kind in NON_STUDENT_KINDS:
        assert result.kind(kind).blocked == "student"
        assert not result.kind(kind).eligible and result.kind(kind).failed == ()
    assert result.kind("student").eligible and result.kind("student").blocked is None
    assert result.best == "student"


def test_non_students_are_blocked_from_the_student_route():
    result = evaluate(PersonIncome(income=0))
    student = result.kind("student")
    assert student.blocked == "not_student" and not student.eligible and student.failed == ()


@pytest.mark.parametrize(
    ("income", "best"),
    [
        (670_000, "full"),
        (670_001, "three_quarters"),
        (880_001, "half"),
        (1_280_001, "quarter"),
        (1_680_000, "quarter"),
        (1_680_001, None),
    ],
)
def test_best_is_the_first_eligible_kind(income, best):
    assert evaluate(PersonIncome(income=income)).best == best


def test_best_can_be_deferral_when_only_the_householder_fails():
    rich = PersonIncome(income=5_000_000)
    assert evaluate(PersonIncome(income=0), householder=rich).best == "deferral"
    assert evaluate(PersonIncome(income=0), householder=rich, age=50).best is None


def test_legacy_parameters_give_the_lower_limits():
    assert single_with(LEGACY, 570_000)["full"]
    assert not single_with(LEGACY, 570_001)["full"]
    assert not single_with(LEGACY, 570_001)["deferral"]
    assert single_with(LEGACY, 780_000)["three_quarters"]
    assert not single_with(LEGACY, 780_001)["three_quarters"]
    assert single_with(LEGACY, 1_580_000)["quarter"]
    assert not single_with(LEGACY, 1_580_001)["quarter"]


def single_with(params, income):
    result = evaluate(PersonIncome(income=income), params=params)
    return {kind.kind: kind.eligible for kind in result.results}


def test_unemployment_rule_treats_that_persons_income_as_zero():
    rich = PersonIncome(income=5_000_000)
    plain = evaluate(PersonIncome(income=0), spouse=rich)
    special = evaluate(PersonIncome(income=0), spouse=rich, income_zero_roles=frozenset({"spouse"}))
    assert plain.kind("full").failed == ("spouse",)
    assert special.kind("full").eligible
    spouse_check = special.kind("full").checks[1]
    assert spouse_check.role == "spouse" and spouse_check.income == 0 and spouse_check.income_zeroed
    # The others are still tested.
    other = evaluate(rich, spouse=rich, income_zero_roles=frozenset({"spouse"}))
    assert other.kind("full").failed == ("applicant",)


def test_dv_exclusion_leaves_the_spouse_out():
    rich = PersonIncome(income=5_000_000)
    result = evaluate(PersonIncome(income=0), spouse=rich, spouse_excluded=True)
    assert result.best == "full"
    assert all(check.role != "spouse" for kind in result.results for check in kind.checks)
