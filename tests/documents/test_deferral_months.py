"""平成26年法律第64号附則14条1項: 納付猶予 covers the months 「五十歳に達する日の属する月の前月まで」. The 入力・照合
screens show the months applied for cut there (tests/workflows/test_screening_warnings.py); the 届書 機構
receives printed the months as applied for. It now prints the months 納付猶予 can cover and the cut beside
them, and the data record of a case asking for 納付猶予 alone ends at that month."""

import datetime as dt

import pytest

from cases.common.date_display import month_show
from cases.common.dates import add_months
from cases.exemption.casetype import exemption_filing_values
from cases.registry.models.pension import Exemption
from documents.models import Document
from documents.selectors import document_pdf
from documents.services import document_request
from tests.documents.conftest import pdf_text
from tests.factories import applicant_with_household
from tests.workflows.helpers import approved, current_period, start_case

pytestmark = pytest.mark.django_db


def turning_50_in_the_fourth_month():
    """Born on the 2nd of the period's fourth month, 50 years before: the 50歳到達日 is the 1st of that month
    (年齢計算ニ関スル法律), so 納付猶予 covers the first three months."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=0)
    start, _end = current_period()
    fourth = add_months(start, 3)
    applicant.birth_date = dt.date(fourth.year - 50, fourth.month, 2)
    applicant.save(update_fields=["birth_date"])
    return applicant, spouse


def filing(case, capture) -> Document:
    with capture(execute=True):
        document = document_request(kind=Document.Kind.FILING, case=case)
    document.refresh_from_db()
    return document


@pytest.mark.parametrize("kinds", [("deferral",), ("full", "deferral")])
def test_the_filing_prints_the_deferral_months_cut_at_the_month_before_the_50歳_month(
    clerk, kinds, django_capture_on_commit_callbacks
):
    """平成26年法律第64号附則14条1項: the 届書 says which months 納付猶予 can cover, and why the others not."""
    applicant, _spouse = turning_50_in_the_fourth_month()
    case = start_case(clerk=clerk, resident=applicant, kinds=kinds)
    start, end = current_period()
    last = add_months(start, 2)
    document = filing(case, django_capture_on_commit_callbacks)

    assert document.context["period_end"] == end.isoformat()  # the months applied for, as written
    assert document.context["deferral"] == {
        "last_month": last.isoformat(),
        "months": 3,
        "excluded_from": add_months(start, 3).isoformat(),
    }
    text = pdf_text(document_pdf(document=document))
    assert f"{month_show(start)}〜{month_show(last)}(3か月)" in text
    assert f"{month_show(add_months(start, 3))}〜{month_show(end)}は納付猶予の対象になりません" in text
    assert "附則14条1項" in text


def test_a_filing_whose_deferral_months_are_not_cut_is_as_before(clerk, django_capture_on_commit_callbacks):
    applicant, _spouse = applicant_with_household()
    case = start_case(clerk=clerk, resident=applicant, kinds=("full", "deferral"))
    document = filing(case, django_capture_on_commit_callbacks)
    assert "deferral" not in document.context  # every other 届書's snapshot (and its hash) is unchanged
    assert "納付猶予の対象となる月" not in pdf_text(document_pdf(document=document))


@pytest.mark.parametrize(("kinds", "cut"), [(("deferral",), True), (("full", "deferral"), False)])
def test_the_data_record_of_a_deferral_alone_ends_at_the_month_before_the_50歳_month(
    clerk, clerk2, supervisor, kinds, cut, django_capture_on_commit_callbacks
):
    """平成26年法律第64号附則14条1項: for 納付猶予 alone no month after the cut can be granted, so the 免除情報
    recorded at 決裁 and the data record's 対象期間 (終了) stop there; with a 免除 asked for first, the months
    applied for stay (法90条1項 has no such cut)."""
    applicant, spouse = turning_50_in_the_fourth_month()
    case = start_case(clerk=clerk, resident=applicant, kinds=kinds)
    approved(
        case,
        clerk=clerk,
        clerk2=clerk2,
        supervisor=supervisor,
        spouse=spouse,
        capture=django_capture_on_commit_callbacks,
    )
    start, end = current_period()
    last_day = (
        add_months(start, 3) - dt.timedelta(days=1) if cut else add_months(end, 1) - dt.timedelta(days=1)
    )
    assert Exemption.objects.get(reference_no=case.number).end_on == last_day
    assert exemption_filing_values([case])[case.pk]["period_end"] == last_day
