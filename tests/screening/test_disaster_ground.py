"""The 災害 ground: 国民年金法90条1項4号 (90条の2第1項3号・2項3号・3項3号, 90条の3第1項3号, 平成26年法律第64号
附則14条1項3号) with 国民年金法施行規則77条の7第1号. Damage of about half or more of the value of the household's
property (net of insurance), in the window of 則77条の7第1号, makes every kind pass without an income test."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.exemption.request import ExemptionRequest, exemption_request_normalize
from cases.exemption.screening.rules import PersonIncome, ScreeningInput, screening_evaluate

from .conftest import CURRENT

NON_STUDENT = ("full", "three_quarters", "half", "quarter", "deferral")
RICH = PersonIncome(income=9_000_000)


def evaluate(**kwargs):
    kwargs.setdefault("age", 30)
    return screening_evaluate(data=ScreeningInput(applicant=RICH, **kwargs), params=CURRENT)


def test_法90条1項4号_則77条の7第1号_the_ground_passes_every_kind_without_an_income_test():
    result = evaluate(spouse=RICH, householder=RICH, disaster=True)
    assert all(result.kind(kind).eligible for kind in NON_STUDENT)
    assert result.kind("full").disaster and result.kind("full").checks == ()
    assert result.best == "full"
    student = evaluate(is_student=True, disaster=True)
    assert student.kind("student").eligible and student.kind("student").disaster
    # Without the ground the same household fails everything.
    assert not any(evaluate(spouse=RICH, householder=RICH).kind(kind).eligible for kind in NON_STUDENT)


def test_平成26年法附則14条1項_the_ground_does_not_lift_the_50歳_limit_of_納付猶予():
    result = evaluate(
        age=None, birth_date=dt.date(1970, 1, 10), period=(dt.date(2026, 7, 1), dt.date(2027, 6, 1))
    )
    assert result.kind("deferral").blocked == "age"
    with_ground = evaluate(
        age=None,
        birth_date=dt.date(1970, 1, 10),
        period=(dt.date(2026, 7, 1), dt.date(2027, 6, 1)),
        disaster=True,
    )
    assert with_ground.kind("deferral").blocked == "age" and not with_ground.kind("deferral").eligible
    assert with_ground.kind("full").eligible


def _disaster(start, end, on, *, damage="half_or_more", evidence="disaster_certificate", student=False):
    return ExemptionRequest(
        kinds=["student"] if student else ["full"],
        period_start=start,
        period_end=end,
        is_student=student,
        school_name="旭川大学" if student else "",
        special_ground="disaster",
        disaster_date=on,
        disaster_damage=damage,
        disaster_evidence=evidence,
    )


def _errors(request, applied) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        exemption_request_normalize(request=request, applied_on=applied, today=applied)
    return excinfo.value.message_dict


def test_則77条の7第1号_the_date_is_needed_and_half_or_more_needs_its_evidence():
    applied = dt.date(2026, 11, 2)
    year = (dt.date(2026, 7, 1), dt.date(2027, 6, 1))
    errors = _errors(_disaster(*year, None), applied)
    assert "災害の発生日" in errors["disaster_date"][0]
    errors = _errors(_disaster(*year, dt.date(2026, 8, 20), evidence=""), applied)
    assert "罹災証明書" in errors["disaster_evidence"][0]
    # Damage not (yet) known, or below half: taken in, and screened on income.
    for damage in ("", "below_half"):
        request = _disaster(*year, dt.date(2026, 8, 20), damage=damage, evidence="")
        assert (
            exemption_request_normalize(request=request, applied_on=applied, today=applied).disaster_damage
            == damage
        )


def test_則77条の7第1号_the_disaster_must_fall_in_the_window_of_every_month():
    applied = dt.date(2026, 11, 2)
    year = (dt.date(2026, 7, 1), dt.date(2027, 6, 1))
    # 2025 and 2026 serve every month of 免除年度 2026 (January–June 2027 reach back to 2025).
    for on in (dt.date(2025, 1, 5), dt.date(2026, 8, 20)):
        exemption_request_normalize(request=_disaster(*year, on), applied_on=applied, today=applied)
    errors = _errors(_disaster(*year, dt.date(2024, 12, 31)), applied)
    assert "77条の7第1号" in errors["disaster_date"][0]
    assert "令和8年7月〜令和9年6月" in errors["disaster_date"][0]
    # A disaster in February 2026 serves January–June 2026 of 免除年度 2025 only.
    errors = _errors(_disaster(dt.date(2025, 7, 1), dt.date(2026, 6, 1), dt.date(2026, 2, 10)), applied)
    assert "令和7年7月〜令和7年12月" in errors["disaster_date"][0]
    exemption_request_normalize(
        request=_disaster(dt.date(2026, 1, 1), dt.date(2026, 6, 1), dt.date(2026, 2, 10)),
        applied_on=applied,
        today=applied,
    )
    # Refused even while the damage is unknown: the date alone rules the ground out for those months.
    assert "disaster_date" in _errors(
        _disaster(*year, dt.date(2024, 12, 31), damage="", evidence=""), applied
    )
    # After the receipt date.
    assert "受付日以前" in _errors(_disaster(*year, dt.date(2026, 11, 3)), applied)["disaster_date"][0]


def test_則77条の7第1号_students_get_the_前々年_for_january_to_march_only():
    applied = dt.date(2026, 5, 1)
    year = (dt.date(2026, 4, 1), dt.date(2027, 3, 1))
    assert "disaster_date" in _errors(_disaster(*year, dt.date(2024, 6, 1), student=True), applied)
    exemption_request_normalize(
        request=_disaster(*year, dt.date(2025, 6, 1), student=True), applied_on=applied, today=applied
    )


def test_the_disaster_facts_are_dropped_when_the_ground_is_another():
    applied = dt.date(2026, 11, 2)
    request = _disaster(dt.date(2026, 7, 1), dt.date(2027, 6, 1), dt.date(2026, 8, 20))
    request.special_ground = ""
    request = exemption_request_normalize(request=request, applied_on=applied, today=applied)
    assert (request.disaster_date, request.disaster_damage, request.disaster_evidence) == (None, "", "")
