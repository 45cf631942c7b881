"""The amount compared is never below 0円 (exploratory walk of 2026-12-07: a spouse under the
unemployment rule read 「所得 0円 − 控除 100,000円 = -100,000円」, 差 980,000円 against a 880,000円 limit).

則77条の7第2号 with 法90条1項4号 (and 90条の2各項3号): the unemployed person's income is treated as none,
so there is nothing to take the 令6条の12第2項 deductions from. And 令6条の12第1項's 「所得の額から…控除した額」
is an amount: deductions larger than the income leave 0円, not a negative figure."""

from cases.exemption.screening.rules import PersonIncome

from .test_rules import evaluate

PARTIAL_AND_STUDENT = ("three_quarters", "half", "quarter")


def test_a_person_whose_income_is_zeroed_has_no_deductions_taken():
    spouse = PersonIncome(income=900_000, deductions=100_000, widow=True)
    result = evaluate(PersonIncome(income=0), spouse=spouse, income_zero_roles=frozenset({"spouse"}))
    for kind in PARTIAL_AND_STUDENT:
        check = result.kind(kind).checks[1]
        assert check.income_zeroed and check.income == 0
        assert check.deducted == 0 and check.compared == 0


def test_deductions_larger_than_the_income_leave_0_yen():
    """令6条の12: 社会保険料控除 600,000円 on an income of 500,000円."""
    result = evaluate(PersonIncome(income=500_000, deductions=600_000))
    check = result.kind("half").checks[0]
    assert check.compared == 0 and check.passed
