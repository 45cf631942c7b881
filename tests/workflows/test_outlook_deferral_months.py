"""The no-outlook note when the period applied for has 第1号 months but the kind that passes on income
cannot cover any of them (walk finding of 2026-12-07): 納付猶予 alone passes, its 50歳 cut (平成26年法律第64号
附則14条1項: up to the month before the 50歳 month) ends before the applicant's 第1号 months begin, and the
note called the non-第1号 months 「申請期間」 though the period applied for does hold 第1号 months."""

import datetime as dt

import pytest

from cases.common.date_display import month_show
from cases.exemption.screening.case import case_screening
from tests.factories import IncomeRecordFactory, ResidentFactory, applicant_with_household, kind_changed_on
from tests.workflows import helpers as h
from tests.workflows.test_screening_warnings import _best, page, tax_year

pytestmark = pytest.mark.django_db


def _deferral_case_at_cross_check(clerk, capture):
    """Born in November 50 years before this period's start year: the 50歳 month is November, so 納付猶予
    covers July to October. 第2号 until January, 第1号 from January (法11条の2). The householder (a parent)
    earns 3,000,000円, which fails 全額・一部免除 (法90条1項ただし書) but not 納付猶予, whose ただし書 tests the
    spouse only (附則14条1項ただし書)."""
    start, _end = h.current_period()
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None, tax_year=tax_year())
    applicant.birth_date = dt.date(start.year - 50, 11, 15)
    applicant.is_householder, applicant.relationship = False, "子"
    applicant.save(update_fields=["birth_date", "is_householder", "relationship"])
    parent = ResidentFactory(
        household_no=applicant.household_no, kanji_name="旭 一郎", birth_date=dt.date(1950, 1, 5)
    )
    IncomeRecordFactory(personal_code=parent.atena_no, tax_year=tax_year(), total_income=3_000_000)
    changed = dt.date(start.year + 1, 1, 1)
    kind_changed_on(applicant.pension, changed, before="2", after="1")
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("deferral",))
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, householder=parent)
    case.refresh_from_db()
    return case


def test_附則14条1項_the_note_names_the_months_納付猶予_covers_not_the_period_applied_for(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    case = _deferral_case_at_cross_check(clerk, django_capture_on_commit_callbacks)
    start, _end = h.current_period()
    screening = case_screening(case)
    assert screening.best_label is None and screening.unconfirmed == {"deferral"}
    deferral_months = f"{month_show(start)}〜{month_show(dt.date(start.year, 10, 1))}"
    best = _best(page(client, case, "cross_check", clerk2))
    assert "申請期間 (" not in best
    assert f"納付猶予の対象となる月 ({deferral_months}) に第1号被保険者の月がありません" in best
    assert "平成26年法律第64号附則14条1項" in best
