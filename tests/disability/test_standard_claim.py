"""基準障害による請求 (国民年金法30条の3): an older condition and a newer one (the 基準傷病) first reach grade 1
or 2 together before the day before the 65歳到達日; the claim itself has no deadline, the benefit starts the
month after it (第3項), and the contribution test is the 基準傷病's (第2項)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.disability import rules
from cases.disability.casetype import disability_filing_values
from cases.disability.intake import disability_assess, refuse_not_claimable
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

D = dt.date
BIRTH = D(1960, 6, 10)  # 65歳到達日 2025-06-09: the last day to reach grade is 2025-06-08


def standard(**changes):
    values = {
        "birth_date": BIRTH,
        "first_visit": D(2020, 3, 1),
        "other_first_visit": D(2010, 5, 1),
        "recognition_date": D(2021, 9, 1),
        "graded_on": D(2023, 4, 1),
        "claim_date": D(2023, 5, 15),
        "pre20": False,
    }
    return rules.standard_claim_kind(**{**values, **changes})


def test_ho30no3_1_graded_together_after_the_recognition_date_is_a_standard_claim():
    found = standard()
    assert found.kind == rules.STANDARD and found.why_not == ""
    assert found.certificates == (rules.Certificate(rules.ANCHOR_CLAIM, rules.BEFORE_3M),)
    assert "standard_certificates" in found.doubts  # §2.3 names no 現症日 window: 「要確認」


def test_ho30no3_1_the_claim_may_come_after_65_when_the_grade_was_reached_before():
    """「六十五歳に達する日の前日までの間において…該当するに至つたとき」 limits the day graded, not the claim."""
    assert standard(graded_on=D(2025, 6, 8), claim_date=D(2026, 12, 1)).kind == rules.STANDARD
    late = standard(graded_on=D(2025, 6, 9), claim_date=D(2026, 12, 1))
    assert (late.kind, late.why_not) == (rules.NOT_CLAIMABLE, "standard_after_65")


def test_ho30no3_1_kakkogaki_the_base_condition_is_the_latest_first_visit():
    """基準傷病の初診日が…他の傷病の初診日以降であるときに限る: an older 基準傷病 is not 基準障害."""
    assert standard(other_first_visit=D(2020, 3, 1)).kind == rules.STANDARD  # the same day is 「以降」
    found = standard(other_first_visit=D(2020, 3, 2))
    assert (found.kind, found.why_not) == (rules.NOT_CLAIMABLE, "standard_order")


def test_ho30no3_1_graded_before_the_base_recognition_date_or_after_the_claim_is_refused():
    assert standard(graded_on=D(2021, 8, 31)).why_not == "standard_before_recognition"
    assert standard(graded_on=D(2021, 9, 1)).kind == rules.STANDARD  # 「障害認定日以後」
    assert standard(claim_date=D(2023, 3, 31)).why_not == "standard_not_yet"


def test_ho30no3_1_a_pre20_first_visit_is_not_a_base_condition():
    """「基準傷病に係る初診日において第三十条第一項各号のいずれかに該当した者」: not a 20歳前 初診日."""
    assert standard(pre20=True).why_not == "standard_pre20"


def test_ho30no3_fusoku9no2no3_no_standard_claim_after_an_early_old_age_claim():
    """法附則9条の2の3: 法30条の3 does not apply to a 繰上げ 老齢基礎年金 受給権者."""
    found = standard(early_old_age_claimed=True)
    assert (found.kind, found.certificates, found.why_not) == (rules.NOT_CLAIMABLE, (), "early_old_age")


def test_ho30no3_3_payment_starts_the_month_after_the_claim():
    month = rules.payment_start_month(kind=rules.STANDARD, recognition_date=None, claim_date=D(2023, 5, 15))
    assert month == D(2023, 6, 1)
    assert d.pension_rules_run("payment_start_month", {"kind": "standard", "claim_date": "2023-05-15"}) == {
        "month": "2023-06"
    }


@pytest.mark.django_db
def test_ho30no3_the_counter_asks_for_both_dates_and_names_the_field():
    resident = PensionRecordFactory().resident
    received = d.years_ago(0)
    with pytest.raises(ValidationError) as refused:
        disability_assess(resident=resident, facts=d.facts(claim_basis="standard"), received_on=received)
    assert set(refused.value.message_dict) == {"other_first_visit_on", "standard_graded_on"}
    later = d.facts(claim_basis="standard", other_first_visit_on=d.years_ago(1), standard_graded_on=received)
    with pytest.raises(ValidationError) as refused:
        refuse_not_claimable(disability_assess(resident=resident, facts=later, received_on=received))
    assert "他の傷病の初診日以後" in refused.value.message_dict["other_first_visit_on"][0]


@pytest.mark.django_db
def test_ho30no3_a_standard_claim_is_taken_with_the_other_certificate_and_code_05(clerk):
    resident = PensionRecordFactory().resident
    today = d.years_ago(0)
    case = d.start_claim(
        clerk=clerk,
        resident=resident,
        claim_basis="standard",
        other_first_visit_on=d.years_ago(5),
        standard_graded_on=today - dt.timedelta(days=20),
    )
    claim = case.disability
    assert (claim.claim_kind, claim.payment_start_month) == (
        "standard",
        rules.payment_start_month(kind=rules.STANDARD, recognition_date=None, claim_date=today),
    )
    codes = [item.code for item in case.checklist.all()]
    assert "certificate_claim" in codes and "certificate_other" in codes
    assert "certificate_recognition" not in codes
    assert disability_filing_values([case])[case.pk]["claim_kind"] == "05"
    # Another 請求事由 keeps no 基準障害 dates, whatever the form sent.
    other = d.start_claim(
        clerk=clerk, resident=PensionRecordFactory().resident, other_first_visit_on=d.years_ago(5)
    )
    assert other.disability.other_first_visit_on is None and other.disability.claim_kind == "recognition"
