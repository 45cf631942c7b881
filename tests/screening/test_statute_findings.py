"""One test per finding of the statute audit (exemption-statute-audit.md, A1–A13), each named after the
article it enforces. Texts: 法 = 国民年金法, 令 = 同施行令, 則 = 同施行規則, 平成26年法 = 平成26年法律第64号."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.common.fields import WarekiDateField
from cases.exemption.request import ExemptionRequest, exemption_request_normalize
from cases.exemption.screening.income import person_income_from_record
from cases.exemption.screening.params import screening_params_for
from cases.exemption.screening.rules import (
    PersonIncome,
    ScreeningInput,
    deferral_last_month,
    screening_evaluate,
)
from cases.registry.models.income import IncomeRecord

from .conftest import CURRENT, FROM_2026, LEGACY

YEAR_2026 = (dt.date(2026, 7, 1), dt.date(2027, 6, 1))
NON_STUDENT = ("full", "three_quarters", "half", "quarter", "deferral")
STATUSES = ("disabled", "special_disabled", "widow", "single_parent")


def evaluate(applicant, *, params=CURRENT, **kwargs):
    kwargs.setdefault("age", 30)
    return screening_evaluate(data=ScreeningInput(applicant=applicant, **kwargs), params=params)


def eligible(result) -> dict[str, bool]:
    return {kind.kind: kind.eligible for kind in result.results}


# A1 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_a1_135man_route_of_法90条1項3号_reaches_90条の2_90条の3_and_平成26年法附則14条(status):
    at = evaluate(PersonIncome(income=1_350_000, **{status: True}))
    assert all(eligible(at)[kind] for kind in NON_STUDENT)
    assert at.kind("three_quarters").checks[0].alt_route and at.kind("deferral").checks[0].alt_route
    student = evaluate(PersonIncome(income=1_350_000, **{status: True}), is_student=True)
    assert student.kind("student").eligible
    over = eligible(evaluate(PersonIncome(income=1_350_001, **{status: True})))
    assert not over["full"] and not over["deferral"] and not over["three_quarters"]


def test_a1_法90条の2第1項2号_householder_passes_by_the_route_spouse_by_88万():
    """The audit's household: the code said 4分の3 failed for the householder and best = 半額."""
    result = evaluate(
        PersonIncome(income=0),
        spouse=PersonIncome(income=880_000),
        householder=PersonIncome(income=1_300_000, disabled=True),
    )
    assert result.kind("three_quarters").eligible
    assert result.best == "three_quarters"


def test_a1_平成26年法附則14条1項2号_deferral_by_the_route_when_only_the_householder_is_rich():
    result = evaluate(
        PersonIncome(income=1_200_000, single_parent=True), householder=PersonIncome(income=9_000_000)
    )
    assert result.kind("deferral").eligible and result.best == "deferral"


# A2 ---------------------------------------------------------------------------------------------


def test_a2_令5条の4_16_to_18_year_olds_are_特定扶養親族等_at_63万():
    # 令6条の9: 128万 + 63万 = 191万 for one 17-year-old.
    assert evaluate(PersonIncome(income=1_800_000, aged16to18=1)).kind("half").eligible
    assert evaluate(PersonIncome(income=1_910_000, aged16to18=1)).kind("half").eligible
    assert not evaluate(PersonIncome(income=1_910_001, aged16to18=1)).kind("half").eligible
    record = IncomeRecord(personal_code="P", tax_year=2026, total_income=1_800_000, dependants_general=1)
    record.dependants_aged16to18 = 1
    assert person_income_from_record(record=record).aged16to18 == 1
    assert evaluate(person_income_from_record(record=record)).kind("half").eligible


# A3 ---------------------------------------------------------------------------------------------


def test_a3_法36条の3_令6条の7_children_under_16_count_in_扶養親族等():
    """The spouse earns 130万 and supports the applicant and two children under 12: N = 3, 172万."""
    spouse = PersonIncome(income=1_300_000, general=1, under16=2)
    result = evaluate(PersonIncome(income=0), spouse=spouse)
    assert result.kind("full").eligible
    assert result.kind("full").checks[1].limit == 1_720_000
    # 令6条の8の2: 38万 each in the partial kinds.
    assert evaluate(PersonIncome(income=880_000 + 2 * 380_000, under16=2)).kind("three_quarters").eligible
    record = IncomeRecord(
        personal_code="S", tax_year=2026, total_income=1_300_000, spouse_general=True, dependants_under16=2
    )
    assert person_income_from_record(record=record).dependant_count == 3


# A4 ---------------------------------------------------------------------------------------------


def test_a4_令6条の12第2項2号_27万_per_disabled_person_whoever_it_is():
    # A healthy taxpayer who took 障害者控除 for a child and 特別障害者控除 for a parent.
    person = PersonIncome(income=1_280_000 + 270_000 + 400_000, disability_ordinary=1, disability_special=1)
    assert evaluate(person).kind("half").eligible
    assert (
        not evaluate(PersonIncome(income=person.income + 1, disability_ordinary=1, disability_special=1))
        .kind("half")
        .eligible
    )
    # Deductions for others never open the 135万円 route: that needs the person's own status.
    assert not evaluate(PersonIncome(income=1_000_000, disability_ordinary=2)).kind("full").eligible
    record = IncomeRecord(personal_code="D", tax_year=2026, total_income=1_820_000, disability_count=2)
    assert evaluate(person_income_from_record(record=record)).kind("half").eligible


# A5 ---------------------------------------------------------------------------------------------


def test_a5_令6条の11_full_and_deferral_before_the_carry_forward_令6条の12_partial_after_it():
    person = PersonIncome(income=600_000, loss_carryover=100_000)
    result = evaluate(person)
    assert not result.kind("full").eligible and not result.kind("deferral").eligible
    assert result.kind("full").checks[0].compared == 700_000
    assert result.kind("three_quarters").checks[0].compared == 600_000
    # The 135万円 route compares the 令6条の11 figure as well.
    routed = evaluate(PersonIncome(income=1_300_000, loss_carryover=100_000, widow=True))
    assert not routed.kind("full").eligible
    record = IncomeRecord(personal_code="L", tax_year=2026, total_income=600_000, net_loss_carryover=100_000)
    assert not evaluate(person_income_from_record(record=record)).kind("full").eligible


# A6 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "last_month"),
    [
        # 50歳到達日 2026-07-31: not one month of 免除年度 2026.
        (dt.date(1976, 8, 1), None),
        # 50歳到達日 2026-12-31: July to November 2026.
        (dt.date(1977, 1, 1), dt.date(2026, 11, 1)),
        # Born on the 2nd: reached on 1 January 2027, so up to December 2026.
        (dt.date(1977, 1, 2), dt.date(2026, 12, 1)),
        (dt.date(1990, 4, 1), dt.date(2027, 6, 1)),
    ],
)
def test_a6_平成26年法附則14条1項_deferral_to_the_month_before_the_50歳到達日_month(birth, last_month):
    result = evaluate(PersonIncome(income=0), age=None, birth_date=birth, period=YEAR_2026).kind("deferral")
    assert result.last_month == last_month
    if last_month is None:
        assert result.blocked == "age" and not result.eligible
    else:
        assert result.eligible and result.blocked is None


def test_a6_年齢計算ニ関スル法律_the_age_is_reached_the_day_before_the_birthday():
    assert deferral_last_month(dt.date(1976, 8, 1), CURRENT) == dt.date(2026, 6, 1)
    assert deferral_last_month(dt.date(1976, 8, 2), CURRENT) == dt.date(2026, 7, 1)


# A7 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["voluntary", "special_elderly"])
def test_a7_法附則5条10項_平成26年法附則14条4項_平成16年法附則23条10項_no_exemption_for_任意加入(kind):
    result = evaluate(PersonIncome(income=0), insured_kind=kind)
    assert result.best is None
    assert {r.blocked for r in result.results} == {"not_category1"}


# A8 ---------------------------------------------------------------------------------------------


def _unemployment(start, end, loss, *, student=False):
    return ExemptionRequest(
        kinds=["student"] if student else ["full"],
        period_start=start,
        period_end=end,
        is_student=student,
        special_ground="unemployment",
        job_loss_person="applicant",
        job_loss_date=loss,
        job_loss_evidence="separation_notice",
    )


def test_a8_則77条の7第2号_the_job_loss_must_fall_in_the_window_of_every_month():
    applied = dt.date(2026, 3, 2)
    # 2025 and 2024 serve every month of 免除年度 2025.
    for loss in (dt.date(2024, 4, 1), dt.date(2025, 12, 31)):
        request = _unemployment(dt.date(2025, 7, 1), dt.date(2026, 6, 1), loss)
        exemption_request_normalize(request=request, applied_on=applied, today=applied)
    # A 2021 job loss is far too old for 2025.
    with pytest.raises(ValidationError) as excinfo:
        request = _unemployment(dt.date(2025, 7, 1), dt.date(2026, 6, 1), dt.date(2021, 3, 31))
        exemption_request_normalize(request=request, applied_on=applied, today=applied)
    assert "77条の7第2号" in excinfo.value.message_dict["job_loss_date"][0]
    # A loss in February 2026 serves January–June 2026 only.
    late = dt.date(2026, 2, 15)
    with pytest.raises(ValidationError) as excinfo:
        request = _unemployment(dt.date(2025, 7, 1), dt.date(2026, 6, 1), late)
        exemption_request_normalize(request=request, applied_on=applied, today=applied)
    assert "令和7年7月〜令和7年12月" in excinfo.value.message_dict["job_loss_date"][0]
    request = _unemployment(dt.date(2026, 1, 1), dt.date(2026, 6, 1), late)
    exemption_request_normalize(request=request, applied_on=applied, today=applied)


def test_a8_則77条の7第2号_students_get_the_前々年_for_january_to_march_only():
    applied = dt.date(2026, 5, 1)
    # 学生年度 2026 (April 2026–March 2027): April–December 2026 accept 2026 and 2025 only.
    with pytest.raises(ValidationError):
        request = _unemployment(dt.date(2026, 4, 1), dt.date(2027, 3, 1), dt.date(2024, 6, 1), student=True)
        exemption_request_normalize(request=request, applied_on=applied, today=applied)
    request = _unemployment(dt.date(2026, 4, 1), dt.date(2027, 3, 1), dt.date(2025, 6, 1), student=True)
    exemption_request_normalize(request=request, applied_on=applied, today=applied)


# A9 ---------------------------------------------------------------------------------------------


def test_a9_法90条1項2号_則76条の2_assistance_other_than_生活扶助_passes_without_an_income_test():
    rich = PersonIncome(income=9_000_000)
    result = evaluate(rich, spouse=rich, householder=rich, public_assistance=True)
    assert all(eligible(result)[kind] for kind in NON_STUDENT)
    assert result.kind("full").assistance and result.kind("full").checks == ()


def test_a9_平成26年法附則14条1項_deferral_ends_with_令和12年6月():
    assert CURRENT.deferral_until == dt.date(2030, 6, 1)
    young = PersonIncome(income=0)
    ends = evaluate(young, period=(dt.date(2030, 1, 1), dt.date(2030, 6, 1))).kind("deferral")
    assert ends.eligible and ends.last_month == dt.date(2030, 6, 1)
    after = evaluate(young, period=(dt.date(2030, 7, 1), dt.date(2031, 6, 1))).kind("deferral")
    assert not after.eligible and after.blocked == "ended"


def test_a9_則77条3項_77条の5第3項_the_継続審査_申出_needs_full_or_deferral_and_the_receipt_month():
    applied = dt.date(2026, 11, 2)
    ok = ExemptionRequest(
        kinds=["full", "half"],
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2027, 6, 1),
        continuation=True,
    )
    assert exemption_request_normalize(request=ok, applied_on=applied, today=applied).continuation
    partial_only = ExemptionRequest(
        kinds=["half"], period_start=dt.date(2026, 7, 1), period_end=dt.date(2027, 6, 1), continuation=True
    )
    with pytest.raises(ValidationError) as excinfo:
        exemption_request_normalize(request=partial_only, applied_on=applied, today=applied)
    assert "continuation" in excinfo.value.message_dict
    past_year = ExemptionRequest(
        kinds=["full"], period_start=dt.date(2025, 7, 1), period_end=dt.date(2026, 6, 1), continuation=True
    )
    with pytest.raises(ValidationError) as excinfo:
        exemption_request_normalize(request=past_year, applied_on=applied, today=applied)
    assert "受付日の月" in excinfo.value.message_dict["continuation"][0]


# A10 --------------------------------------------------------------------------------------------


def test_a10_令6条の8旧規定_the_2014_rule_set_has_125万_and_no_ひとり親_route():
    assert evaluate(PersonIncome(income=1_250_000, disabled=True), params=LEGACY).kind("full").eligible
    assert not evaluate(PersonIncome(income=1_250_001, disabled=True), params=LEGACY).kind("full").eligible
    # ひとり親 (令和2年度 tax reform) opens nothing in the rule set before 免除年度 2021.
    assert (
        not evaluate(PersonIncome(income=1_000_000, single_parent=True), params=LEGACY).kind("full").eligible
    )
    assert evaluate(PersonIncome(income=1_000_000, single_parent=True), params=CURRENT).kind("full").eligible


# A11 --------------------------------------------------------------------------------------------


def test_a11_令和7年政令第355号_特定親族特別控除_only_from_免除年度_2026():
    person = PersonIncome(income=1_280_000 + 450_000, specified_relative=450_000)
    assert not evaluate(person, params=CURRENT).kind("half").eligible
    assert evaluate(person, params=FROM_2026).kind("half").eligible


@pytest.mark.usefixtures("screening_rules")
def test_a11_令和7年政令第355号_the_rule_sets_are_keyed_by_免除年度():
    assert not screening_params_for(fiscal_year=2025).specified_relative_deduction
    assert screening_params_for(fiscal_year=2026).specified_relative_deduction


# A12 --------------------------------------------------------------------------------------------


def test_a12_法88条の2_則73条の6_the_actual_birth_counts_only_if_born_before_the_届出():
    today = dt.date(2027, 5, 10)

    def period(actual, applied_on):
        request = ExemptionRequest(
            kinds=["maternity"], expected_birth_date=dt.date(2027, 3, 10), actual_birth_date=actual
        )
        request = exemption_request_normalize(request=request, applied_on=applied_on, today=today)
        return request.period_start, request.period_end

    # Filed in January, born in April: the 届出 came first, so the expected month stands.
    assert period(dt.date(2027, 4, 20), dt.date(2027, 1, 10)) == (dt.date(2027, 2, 1), dt.date(2027, 5, 1))
    # Filed after the birth: the actual birth month.
    assert period(dt.date(2027, 4, 20), dt.date(2027, 5, 1)) == (dt.date(2027, 3, 1), dt.date(2027, 6, 1))


def test_則73条の7第3項_the_6か月前_limit_binds_a_届出_before_the_birth_only():
    """則73条の7第3項 lets the 届出 be made 「出産の予定日の六月前から」; a 届出 after the birth states the 出産の日
    (同条1項2号) and the period runs from it (則73条の6), so the expected date no longer bounds it. A
    miscarriage in the 4th month (妊娠85日以上 is a 出産) is followed by a 届出 more than six months before
    the date the child was expected."""
    today = dt.date(2027, 1, 20)
    request = ExemptionRequest(
        kinds=["maternity"], expected_birth_date=dt.date(2027, 7, 25), actual_birth_date=dt.date(2026, 12, 28)
    )
    request = exemption_request_normalize(request=request, applied_on=dt.date(2027, 1, 8), today=today)
    assert (request.period_start, request.period_end) == (dt.date(2026, 11, 1), dt.date(2027, 2, 1))
    # Before the birth the limit stands: a 届出 more than six months before the expected date is refused.
    early = ExemptionRequest(kinds=["maternity"], expected_birth_date=dt.date(2027, 7, 25))
    with pytest.raises(ValidationError) as excinfo:
        exemption_request_normalize(request=early, applied_on=dt.date(2027, 1, 8), today=today)
    assert "expected_birth_date" in excinfo.value.message_dict
    on_the_day = ExemptionRequest(kinds=["maternity"], expected_birth_date=dt.date(2027, 7, 25))
    exemption_request_normalize(
        request=on_the_day, applied_on=dt.date(2027, 1, 25), today=dt.date(2027, 1, 25)
    )


# A13 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("平成31年5月1日", dt.date(2019, 5, 1)),
        ("H32.1.6", dt.date(2020, 1, 6)),
        ("昭和64年1月8日", dt.date(1989, 1, 8)),
    ],
)
def test_a13_元号の改元_an_old_era_date_after_the_改元_is_accepted_with_a_warning(typed, date):
    field = WarekiDateField()
    assert field.clean(typed) == date
    assert "改元後の日付" in field.era_note
    plain = WarekiDateField()
    assert plain.clean("令和元年5月1日") == dt.date(2019, 5, 1) and plain.era_note == ""


def test_a13_元号の改元_a_date_past_the_following_era_is_still_refused():
    with pytest.raises(ValidationError):
        WarekiDateField().clean("昭和94年5月1日")
