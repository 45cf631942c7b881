"""A tested person without a 住民税 record (未申告) on the 照合 and 決裁 screens (exploratory walk of
2026-12-07): the screens said 「判定不能」 for a kind that a person whose income is known already fails,
and showed the 未申告 person as passing with 「所得 0円」.

法90条1項ただし書 (and 90条の2各項ただし書, 平成26年法律第64号附則14条1項ただし書): the application fails
when any tested person (本人・配偶者・世帯主) fails, so a known failure decides the kind whatever the
unknown person's income is. Only a kind that every known person passes depends on the 未申告 person."""

import pytest
from django.utils import timezone

from cases.exemption.periods import fiscal_year_of
from cases.exemption.screening.case import case_screening
from cases.registry.models.income import IncomeRecord
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

FAILS = "申請された種類はいずれも該当の見込みがありません"


def _case_with_undeclared_spouse(clerk, capture, kinds):
    """本人 1,500,000円 (fails 全額 670,000円, 3/4 880,000円, 半額 1,280,000円 and 納付猶予; passes 1/4
    1,680,000円, 令6条の7・6条の8の2・6条の9・6条の9の2), the spouse 未申告."""
    year = fiscal_year_of(timezone.localdate(), student=False)
    applicant, spouse = applicant_with_household(income=1_500_000, spouse_income=0, tax_year=year)
    IncomeRecord.objects.filter(personal_code=spouse.atena_no).delete()
    for record in IncomeRecord.objects.filter(personal_code=applicant.atena_no):
        record.social_insurance_deduction = 0
        record.save()
    case = h.start_case(clerk=clerk, resident=applicant, kinds=kinds)
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    return case


def test_a_kind_the_applicant_fails_is_not_undetermined_by_an_undeclared_spouse(
    clerk, django_capture_on_commit_callbacks
):
    """法90条1項ただし書: 本人's known income already fails 全額・4分の3・半額・納付猶予."""
    case = _case_with_undeclared_spouse(clerk, django_capture_on_commit_callbacks, ("full", "quarter"))
    screening = case_screening(case)
    assert screening.undetermined == frozenset({"quarter"})
    by_kind = {line.kind: line for line in screening.lines}
    assert not by_kind["full"].eligible and not by_kind["deferral"].eligible


def test_the_undeclared_person_is_not_shown_as_passing_with_income_0(
    clerk, django_capture_on_commit_callbacks
):
    case = _case_with_undeclared_spouse(clerk, django_capture_on_commit_callbacks, ("full",))
    lines = {line.kind: line for line in case_screening(case).lines}
    spouse = lines["quarter"].persons[1]
    assert spouse.missing and spouse.text.startswith("配偶者: 未申告")
    assert "基準額" not in spouse.text and "所得 0円" not in spouse.detail


def test_the_applied_kind_failing_on_known_income_is_warned(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """Only 全額免除 applied for: it fails on 本人's income, so the warning names it (it was hidden as 判定不能)."""
    case = _case_with_undeclared_spouse(clerk, django_capture_on_commit_callbacks, ("full",))
    task = h.open_task(case, "cross_check")
    client.force_login(clerk2)
    client.post(f"/desk/tasks/{task.pk}/claim/")
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert FAILS in page
    assert "全額免除: 本人: 基準額 670,000円 を 830,000円 超過" in page
    assert "配偶者: 未申告" in page


def test_no_failure_warning_while_an_applied_kind_depends_on_the_undeclared_person(
    clerk, django_capture_on_commit_callbacks
):
    """1/4 applied for as well: every known person passes it, so it may still be granted."""
    case = _case_with_undeclared_spouse(clerk, django_capture_on_commit_callbacks, ("full", "quarter"))
    assert not any(FAILS in warning for warning in case_screening(case).warnings)


@pytest.mark.parametrize(
    "facts",
    [
        {"special_ground": "assistance"},
        {
            "special_ground": "disaster",
            "disaster_date": h.current_period()[0],
            "disaster_damage": "half_or_more",
            "disaster_evidence": "disaster_certificate",
        },
    ],
    ids=["法90条1項2号", "法90条1項4号_則77条の7第1号"],
)
def test_nobody_is_undeclared_when_the_ground_compares_no_income(
    clerk, django_capture_on_commit_callbacks, facts
):
    """法90条1項2号 (生活扶助以外の扶助, received by anyone in the household) and the 災害 ground (damage to the
    household's property, 則77条の7第1号) hold for every tested person, so the ただし書 is met without income:
    an undeclared spouse leaves no kind 判定不能 and is not named as 未申告."""
    case = _case_with_undeclared_spouse(clerk, django_capture_on_commit_callbacks, ("full",))
    type(case.exemption).objects.filter(pk=case.exemption.pk).update(**facts)
    case.refresh_from_db()
    screening = case_screening(case)
    assert screening.undetermined == frozenset() and screening.missing == ()  # no 未申告 banner
    assert [line.kind for line in screening.lines if not line.eligible] == ["student"]  # not a student
    assert not any(person.missing for line in screening.lines for person in line.persons)
