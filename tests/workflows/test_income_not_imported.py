"""A 賦課年度 the city has not imported yet is 未取込, not 未申告 (exploratory walk of 2026-12-07: a 学生 applying in
April–May is judged on the income of the year before, 国民年金法90条の3第1項1号, whose 住民税 is assessed in June;
every tested person read 未申告, on the screens and in the 所得情報 sent to 機構, as if none had filed a 申告).

未申告 says the person has no 住民税 record for a year the city holds; when the city holds no record of that year for
anyone, the attachment says so, the screens warn at 入力・照合・決裁, and the PDF says 未取込."""

import pytest
from django.conf import settings
from django.utils import timezone

from cases.exemption.periods import fiscal_year_of
from cases.exemption.screening.case import case_screening
from cases.kernel.models import CaseEvent
from cases.registry.models.income import IncomeRecord
from documents.rendering import render_html
from documents.snapshot_cases import income_snapshot
from tests.factories import IncomeRecordFactory, applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

PENDING = "まだ取り込まれていません"


def _entered(clerk, capture, *, year_imported: bool):
    year = fiscal_year_of(timezone.localdate(), student=False)
    applicant, spouse = applicant_with_household(income=500_000, spouse_income=300_000, tax_year=year)
    IncomeRecord.objects.filter(tax_year=year).delete()
    if year_imported:  # the year is on file for someone else: these two are 未申告
        IncomeRecordFactory(tax_year=year)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    case.refresh_from_db()
    return case


def test_a_year_not_imported_is_kept_as_such_on_the_attachment(clerk, django_capture_on_commit_callbacks):
    """法90条1項1号 (前年の所得): with no record of the 賦課年度 for anyone, nobody can be called 未申告."""
    case = _entered(clerk, django_capture_on_commit_callbacks, year_imported=False)
    attachment = case.exemption.income_attachment
    assert attachment["year_imported"] is False
    said = case.events.get(action=CaseEvent.Action.INCOME_ATTACHED).text
    assert "未取込" in said and "未申告" not in said


def test_the_screens_say_not_imported_and_warn(client, clerk, clerk2, django_capture_on_commit_callbacks):
    case = _entered(clerk, django_capture_on_commit_callbacks, year_imported=False)
    screening = case_screening(case)
    assert screening.not_imported
    persons = " ".join(p.text for line in screening.lines for p in line.persons)
    assert "未取込" in persons and "未申告" not in persons
    assert any(PENDING in warning for warning in screening.warnings)
    task = h.open_task(case, "cross_check")
    client.force_login(clerk2)
    client.post(f"/desk/tasks/{task.pk}/claim/")
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "未取込" in page and PENDING in page and "未申告" not in page


def test_the_income_pdf_says_not_imported(clerk, django_capture_on_commit_callbacks):
    """The 所得情報 機構 receives must not call a person 未申告 when the city had not imported the year."""
    case = _entered(clerk, django_capture_on_commit_callbacks, year_imported=False)
    snapshot = income_snapshot(case=case)
    html = render_html(template=snapshot.template, context=snapshot.context)
    assert "未取込" in html and "未申告" not in html


def test_a_person_without_a_record_of_an_imported_year_stays_undeclared(
    clerk, django_capture_on_commit_callbacks
):
    case = _entered(clerk, django_capture_on_commit_callbacks, year_imported=True)
    assert case.exemption.income_attachment["year_imported"] is True
    screening = case_screening(case)
    assert not screening.not_imported
    assert not any(PENDING in warning for warning in screening.warnings)
    persons = " ".join(p.text for line in screening.lines for p in line.persons)
    assert "未申告" in persons and "未取込" not in persons
    html = render_html(**_snapshot_parts(case))
    assert "未申告" in html and "未取込" not in html


def test_the_import_arriving_turns_the_warning_into_the_stale_one(clerk, django_capture_on_commit_callbacks):
    """Once the year is imported the case says the attachment is out of date (the remedy: 入力 again)."""
    case = _entered(clerk, django_capture_on_commit_callbacks, year_imported=False)
    year = case.exemption.income_attachment["tax_year"]
    IncomeRecordFactory(personal_code=case.resident.atena_no, tax_year=year)
    case.exemption.refresh_from_db()
    warnings = " ".join(case_screening(case).warnings)
    assert "添付の後に取り込まれたか更正されています" in warnings and PENDING not in warnings


def _snapshot_parts(case) -> dict:
    snapshot = income_snapshot(case=case)
    return {"template": snapshot.template, "context": snapshot.context}


def test_english_screens_list_the_people_with_commas(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """Names in an English sentence are separated by ", " (they read 「旭 太郎、旭 花子」), and the warnings of
    照合 likewise."""
    case = _entered(clerk, django_capture_on_commit_callbacks, year_imported=False)
    year = case.exemption.income_attachment["tax_year"]
    IncomeRecordFactory(tax_year=year)  # imported since, with no record of these two: named as out of date
    task = h.open_task(case, "cross_check")
    client.force_login(clerk2)
    client.post(f"/desk/tasks/{task.pk}/claim/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    names = [case.resident.kanji_name, case.exemption.spouse.kanji_name]
    assert ", ".join(names) in page and "、".join(names) not in page
