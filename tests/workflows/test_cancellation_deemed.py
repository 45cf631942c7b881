"""An application for months the records already hold under an approved 申請免除 or 納付猶予 of another kind.

国民年金法施行規則77条の8第3項: a 被保険者 under 法90条1項 (全額免除) who applies under 則77条の3第1項 (一部免除),
77条の4第1項 (学生納付特例) or 77条の5第1項 (納付猶予); one under 法90条の2第1項〜第3項 (一部免除) who files the
則75条 届出 (法定免除) or applies under 則77条1項 (全額免除), 77条の4第1項 or 77条の5第1項; and one under
平成16年法附則19条1項・2項 or 平成26年法附則14条1項 (納付猶予) who applies under 則77条1項, 77条の3第1項 or 77条の4第1項,
is deemed to make the application of 則77条の8第1項: the 取消 of the current 処分 (法90条3項, 90条の2第4項; for 納付猶予
法90条3項 as 平成16年法附則19条3項・平成26年法附則14条2項 apply it). 法90条3項 lets the 取消 reach the months from the
month before the application's month only. Nothing refused the application (probed: the intake takes it); no screen
said a word. An application of another 一部免除 by a 一部免除 holder is not among those the paragraph names."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from cases.common.date_display import month_in_text
from cases.common.dates import add_months, month_start
from cases.exemption.cancellation import cancellation_warnings
from cases.exemption.request import ExemptionRequest
from cases.exemption.screening.case import case_screening
from cases.exemption.services import exemption_intake
from cases.kernel.models import CaseType, Stage
from cases.registry.models.pension import Exemption
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.start import case_start

pytestmark = pytest.mark.django_db

DEEMED = "現在の処分の取消しの申請を行ったものとみなされます"
RULE = "国民年金法施行規則77条の8第3項"


def _cutoff() -> dt.date:
    """法90条3項: 「当該申請があつた日の属する月の前月以後の各月」 (the cases are received today)."""
    return add_months(month_start(timezone.localdate()), -1)


def _held(applicant, kind: str, *, start: dt.date, end: dt.date, decision: str = "approved") -> None:
    Exemption.objects.create(
        pension=applicant.pension,
        received_on=start,
        kind=kind,
        start_on=start,
        end_on=end,
        reason="01",
        decision=decision,
        reference_no=f"H-{applicant.pk}-{kind[:3]}-{start:%y%m}",
    )


def _span(first: dt.date, last: dt.date) -> str:
    return f"{month_in_text(first)}〜{month_in_text(last)}"


def _input_page(client, clerk, applied, held, *, start=None, decision="approved"):
    """The 入力 screen of an application for this 免除年度 of `applied`, with `held` on record from `start` (by
    default the month before the receipt month, so that every month of it can be cancelled) to the year's end."""
    period_start, period_end = h.current_period()
    first = start or max(period_start, _cutoff())
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    _held(applicant, held, start=first, end=period_end.replace(day=30), decision=decision)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=applied)
    assert case.stage == Stage.IDENTITY  # taken, not refused
    h.verify(case, clerk)
    task = h.open_task(case, "enter_data")
    client.force_login(clerk)
    return client.get(f"/desk/tasks/{task.pk}/").content.decode(), case, (first, period_end)


def test_則77条の8第3項_a_partial_holder_applying_for_全額免除_is_deemed_to_apply_for_the_取消(client, clerk):
    page, _case, (first, last) = _input_page(client, clerk, ("full",), "half")
    assert f"{_span(first, last)} は半額免除が承認されている月です" in page
    assert DEEMED in page
    assert RULE in page and "国民年金法90条の2第4項" in page


def test_則77条の8第3項_a_全額免除_holder_applying_for_a_partial_kind_is_deemed_to_apply_for_the_取消(
    client, clerk
):
    page, _case, _months = _input_page(client, clerk, ("three_quarters",), "full")
    assert "は全額免除が承認されている月です" in page and DEEMED in page
    assert RULE in page and "国民年金法90条3項" in page


def test_則77条の8第3項_a_納付猶予_holder_applying_for_全額免除_is_deemed_to_apply_for_the_取消(
    client, clerk
):
    page, _case, _months = _input_page(client, clerk, ("full",), "deferral")
    assert "は納付猶予が承認されている月です" in page and DEEMED in page
    assert "平成16年法律第104号附則19条3項" in page and "平成26年法律第64号附則14条2項" in page


def test_法90条1項_the_same_kind_already_granted_is_warned_as_granted_not_as_a_取消(client, clerk):
    page, _case, (first, last) = _input_page(client, clerk, ("full",), "full")
    assert f"{_span(first, last)} は既に全額免除が承認されています" in page
    assert DEEMED not in page


def test_則77条の8第3項_another_partial_kind_for_a_partial_holder_is_not_deemed(client, clerk):
    """The paragraph names 則77条1項, 77条の4第1項, 77条の5第1項 (and 則75条・75条の2) for a 一部免除 holder, not 77条の3."""
    page, _case, _months = _input_page(client, clerk, ("half",), "quarter")
    assert "は4分の1免除が承認されている月です" in page and DEEMED not in page
    assert "則77条の8第3項のみなし規定の対象ではありません" in page


def test_a_pending_or_rejected_record_is_not_a_処分(client, clerk):
    for decision in ("", "rejected"):
        page, _case, _months = _input_page(client, clerk, ("full",), "half", decision=decision)
        assert "が承認されている月です" not in page, decision


def test_法90条3項_months_before_the_month_before_receipt_stay_under_the_current_処分():
    """On fixed dates, so that it runs in every month (on today's 免除年度 no month lies before the reach when the
    case is received in July or August): received 2026-12-03, the 取消 reaches 令和8年11月 onwards."""
    period_start, period_end = dt.date(2026, 7, 1), dt.date(2027, 6, 1)
    received, cutoff = dt.date(2026, 12, 3), dt.date(2026, 11, 1)
    held = {"half": [add_months(period_start, n) for n in range(12)]}
    with translation.override("ja"):
        (warning,) = cancellation_warnings(kinds=["full"], held=held, received_on=received)
    assert (
        f"{_span(period_start, period_end)} は半額免除が承認されている月です" in warning and DEEMED in warning
    )
    early = _span(period_start, add_months(cutoff, -1))
    assert f"{early} は取消しの対象にならず、半額免除のままです" in warning
    assert f"受付日の属する月の前月 ({month_in_text(cutoff)}) 以後" in warning


def test_則77条の8第3項_the_照合_screen_says_it_too(client, clerk):
    _page, case, _months = _input_page(client, clerk, ("full",), "half")
    assert any(DEEMED in warning for warning in case_screening(case).warnings)


def test_則77条の8第3項_則75条_a_partial_holder_filing_法定免除_is_deemed_to_apply_for_the_取消(clerk):
    period_start, period_end = h.current_period()
    applicant, _spouse = applicant_with_household(income=0, spouse_income=None)
    since = timezone.localdate().replace(day=1)
    _held(applicant, "half", start=period_start, end=period_end.replace(day=30))
    case = case_start(
        case_type=CaseType.EXEMPTION,
        intake=lambda: exemption_intake(
            actor=clerk,
            resident=applicant,
            received_on=timezone.localdate(),
            request=ExemptionRequest(kinds=["statutory"], statutory_ground="1", statutory_since=since),
        ),
    )
    warnings = case_screening(case).warnings
    assert any(DEEMED in warning and "国民年金法90条の2第4項" in warning for warning in warnings)


def test_the_warning_is_in_english_too(client, clerk):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page, _case, _months = _input_page(client, clerk, ("full",), "half")
    assert "77-8(3)" in page and "承認されている月" not in page


NOT_STUDENT = "学生等でなくなった旨の届出を行ったものとみなされます"


@pytest.mark.parametrize("applied", [("full",), ("half",), ("deferral",)])
def test_則77条の9第2項_a_学生納付特例_holder_applying_for_another_kind_is_deemed_to_report_no_longer_a_student(
    client, clerk, applied
):
    """則77条の9第2項: a 被保険者 under 法90条の3第1項 who applies under 則77条1項, 77条の3第1項 or 77条の5第1項 is deemed
    to file 同条1項's 届書 (学生等でなくなったとき); the months as a student stay outside the other kinds (法90条1項,
    90条の2, 平16法附則19条2項・平26法附則14条1項: 「学生等である期間…を除く」)."""
    page, _case, (first, last) = _input_page(client, clerk, applied, "student")
    assert f"{_span(first, last)} は学生納付特例が承認されている月です" in page
    assert NOT_STUDENT in page and "国民年金法施行規則77条の9第2項" in page
    assert DEEMED not in page
