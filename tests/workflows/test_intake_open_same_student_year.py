"""A 学生納付特例 application and a 免除・納付猶予 application of the same number are not for the same 年度:
the 学生納付特例 (国民年金法90条の3第1項) is applied for per 学生年度, April to March (国民年金法施行規則77条の4第1項
「毎年四月から翌年三月まで」), a 免除・納付猶予 (法90条・90条の2, 平成26年法律第64号附則14条) per 免除年度, July to
June (則77条1項 「毎年七月一日から翌年六月三十日まで」). So a student's open case of 学生年度 N makes a 免除
application of 免除年度 N no double intake (and the other way round), while a second 学生納付特例 application
of 学生年度 N is one; the open cases are named with which kind of 年度 they are for."""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.common.date_display import fiscal_year_show
from cases.exemption.periods import fiscal_year_of
from cases.kernel.models import Case
from tests.factories import applicant_with_household
from tests.workflows.test_intake_open_same_year import post_year
from tests.workflows.test_intake_refusals import post_student_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(clerk):
    resident, _spouse = applicant_with_household(spouse_income=None)
    return resident


@pytest.fixture
def year() -> int:
    """The 免除年度 of today; the 学生年度 of the same number has begun by then (April before July)."""
    return fiscal_year_of(timezone.localdate(), student=False)


def refusal_of(body: str) -> str:
    return body.split('name="confirm_open_same"', 1)[1].split("</form>", 1)[0]


def student_label(year: int) -> str:
    return f"{fiscal_year_show(year)} (学生)"


def years_taken(resident) -> list[tuple[bool, int]]:
    return sorted(
        Case.objects.filter(resident=resident).values_list("exemption__is_student", "exemption__fiscal_year")
    )


def test_a_student_year_case_does_not_make_a_免除_application_of_that_number_a_double(
    client, clerk, applicant, year
):
    """法90条の3第1項 and 則77条の4第1項 (学生年度: April–March) against 則77条1項 (免除年度: July–June): the
    student's open case of 学生年度 N is no double of a 免除 application of 免除年度 N."""
    client.force_login(clerk)
    assert post_student_year(client, applicant, year).status_code == 302
    response = post_year(client, applicant, year)
    assert response.status_code == 302, refusal_of(response.content.decode())
    assert years_taken(applicant) == [(False, year), (True, year)]


def test_a_免除_case_does_not_make_a_student_application_of_that_number_a_double(
    client, clerk, applicant, year
):
    """則77条1項 (免除年度) against 則77条の4第1項 (学生年度), the other way round."""
    client.force_login(clerk)
    assert post_year(client, applicant, year).status_code == 302
    response = post_student_year(client, applicant, year)
    assert response.status_code == 302, refusal_of(response.content.decode())
    assert years_taken(applicant) == [(False, year), (True, year)]


def test_a_second_student_application_of_the_same_学生年度_asks_for_confirmation(
    client, clerk, applicant, year
):
    """則77条の4第1項: one 学生納付特例 申請書 per 学生年度; a second one of the same 学生年度 is a double intake,
    and the refusal names the open case as a 学生年度's (the 免除 case of the same number is not named)."""
    client.force_login(clerk)
    assert post_year(client, applicant, year).status_code == 302
    exempt = Case.objects.get(resident=applicant)
    assert post_student_year(client, applicant, year).status_code == 302
    student = Case.objects.exclude(pk=exempt.pk).get(resident=applicant)
    response = post_student_year(client, applicant, year)
    body = response.content.decode()
    assert response.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in body
    refusal = refusal_of(body)
    # One level of brackets: 「…案件があります: 2026-000002 令和8年度 (学生)。」 (the walk read 「(… (… (学生)))」).
    assert f"{student.number} {student_label(year)}。" in refusal and "))" not in refusal
    assert exempt.number not in refusal
    assert Case.objects.filter(resident=applicant).count() == 2
    assert post_student_year(client, applicant, year, confirm_open_same="on").status_code == 302


def test_the_open_cases_are_named_with_their_kind_of_年度(client, clerk, applicant, year):
    """The intake page lists each open case with its 年度, a 学生年度 marked as one (則77条の4第1項), a 免除年度 as
    before (則77条1項); in English too."""
    client.force_login(clerk)
    assert post_year(client, applicant, year).status_code == 302
    assert post_student_year(client, applicant, year).status_code == 302
    exempt = Case.objects.get(resident=applicant, exemption__is_student=False)
    student = Case.objects.get(resident=applicant, exemption__is_student=True)
    page = client.get(f"/intake/exemption/{applicant.pk}/").content.decode()
    assert f"{student.number}</a> {student_label(year)} — " in page
    assert f"{exempt.number}</a> {fiscal_year_show(year)} — " in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/intake/exemption/{applicant.pk}/").content.decode()
    with translation.override("en"):
        english = fiscal_year_show(year)
    assert english.startswith("FY")
    assert f"{student.number}</a> {english} (student) — " in page
    assert f"{exempt.number}</a> {english} — " in page
    refusal = refusal_of(post_student_year(client, applicant, year).content.decode())
    assert f"kind: {student.number} {english} (student). To take another" in refusal and "))" not in refusal
