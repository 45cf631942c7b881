"""照合 and 決裁 say when the income attached at 入力 is out of date (exploratory walk of 2026-12-07: the
couple's 令和6年度 住民税 was imported after 入力; the case still read 未申告 for both, with nothing to tell
the 照合者 or the 係長, who would have sent 機構 a 所得情報 that the city's own records contradict).

The test is on 「前年の所得」 (国民年金法90条1項1号, 90条の2各項1号): the figure the city holds for that
賦課年度 when it reviews the case, which a later import (a late 申告, a 更正) changes."""

import pytest
from django.utils import timezone, translation

from cases.exemption.periods import fiscal_year_of
from cases.exemption.screening.case import case_screening
from cases.registry.models.income import IncomeRecord
from tests.factories import IncomeRecordFactory, applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

STALE = "添付の後に取り込まれたか更正されています"


def _at_cross_check(clerk, capture, *, spouse_declared=True):
    year = fiscal_year_of(timezone.localdate(), student=False)
    applicant, spouse = applicant_with_household(income=500_000, spouse_income=300_000, tax_year=year)
    if not spouse_declared:
        IncomeRecord.objects.filter(personal_code=spouse.atena_no).delete()
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    case.refresh_from_db()
    return case, applicant, spouse, year


def _warnings(case) -> str:
    case.exemption.refresh_from_db()
    return " ".join(case_screening(case).warnings)


def test_no_warning_while_the_records_match_the_attachment(clerk, django_capture_on_commit_callbacks):
    case, *_ = _at_cross_check(clerk, django_capture_on_commit_callbacks)
    assert STALE not in _warnings(case)


def test_an_income_imported_after_input_for_an_undeclared_person_is_warned(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    case, _applicant, spouse, year = _at_cross_check(
        clerk, django_capture_on_commit_callbacks, spouse_declared=False
    )
    IncomeRecordFactory(personal_code=spouse.atena_no, tax_year=year, total_income=300_000)
    warnings = _warnings(case)
    assert STALE in warnings and spouse.kanji_name in warnings
    task = h.open_task(case, "cross_check")
    client.force_login(clerk2)
    client.post(f"/desk/tasks/{task.pk}/claim/")
    assert STALE in client.get(f"/desk/tasks/{task.pk}/").content.decode()


def test_a_revised_income_after_input_is_warned(clerk, django_capture_on_commit_callbacks):
    case, applicant, _spouse, year = _at_cross_check(clerk, django_capture_on_commit_callbacks)
    IncomeRecord.objects.filter(personal_code=applicant.atena_no, tax_year=year).update(total_income=900_000)
    warnings = _warnings(case)
    assert STALE in warnings and applicant.kanji_name in warnings


REMOVED = "添付の後に市の記録から削除されています"


def test_an_income_removed_after_input_is_warned_as_removed(clerk, django_capture_on_commit_callbacks):
    """法90条1項1号 (前年の所得): a record taken off the city's 住民税 records after 入力 (browser walk of
    2026-12-07: the warning said it had been imported or revised, the one thing that had not happened)."""
    case, applicant, _spouse, year = _at_cross_check(clerk, django_capture_on_commit_callbacks)
    IncomeRecord.objects.filter(personal_code=applicant.atena_no, tax_year=year).delete()
    warnings = _warnings(case)
    assert REMOVED in warnings and applicant.kanji_name in warnings
    assert STALE not in warnings
    with translation.override("en"):
        english = _warnings(case)
    assert "removed from the city's records" in english and "imported or revised" not in english


def test_a_new_input_attaches_again_and_the_warning_goes(clerk, clerk2, django_capture_on_commit_callbacks):
    """The remedy the warning names: 照合 sends it back, 入力 saved again attaches the records as they are."""
    case, applicant, spouse, year = _at_cross_check(clerk, django_capture_on_commit_callbacks)
    IncomeRecord.objects.filter(personal_code=applicant.atena_no, tax_year=year).update(total_income=900_000)
    h.cross_check(case, clerk2, matches=False, reason="所得の更正")
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    assert STALE not in _warnings(case)


def test_no_warning_once_approved(clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    """After 決裁 the attachment is what goes to 機構; a later 更正 is not this case's to send back."""
    case, applicant, _spouse, year = _at_cross_check(clerk, django_capture_on_commit_callbacks)
    h.cross_check(case, clerk2)
    assert STALE in _warnings_after_revision(case, applicant, year)
    h.approve(case, supervisor)
    assert STALE not in _warnings(case)


def _warnings_after_revision(case, applicant, year) -> str:
    IncomeRecord.objects.filter(personal_code=applicant.atena_no, tax_year=year).update(total_income=900_000)
    return _warnings(case)
