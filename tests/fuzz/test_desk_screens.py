"""窓口相談, the access log filter and report, and the 問合せ受付簿."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cases.security.forms.audit import AuditFilterForm
from cases.security.models.security import Inquiry
from tests.fuzz.checks import fuzz_settings, submit, sweep
from tests.fuzz.strategies import form_data, junk, submissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation_form(client, clerk, screening_rules):
    client.force_login(clerk)
    response = client.get("/consultation/")
    assert response.status_code == 200
    return response.context["form"]


@fuzz_settings(40)
@given(data=st.data())
def test_consultation_answers_any_figures(client, clerk, consultation_form, data):
    valid = {
        "fiscal_year": str(consultation_form.fields["fiscal_year"].initial),
        "age": "30",
        "applicant_income": "1,200,000円",
        "no_spouse": "on",
        "applicant_is_householder": "on",
    }
    post = data.draw(submissions(consultation_form, valid))
    outcome = submit(client, "post", "/consultation/", post, explain=False, user=clerk)
    assert outcome.status == 200


@fuzz_settings(40)
@given(
    data=st.data(),
    path=st.sampled_from(["/audit/", "/audit/report.csv"]),
    extra=st.fixed_dictionaries({}, optional={"page": junk, "verify": junk}),
)
def test_the_access_log_answers_any_filter(client, auditor, data, path, extra):
    query = {**data.draw(form_data(AuditFilterForm())), **extra}
    outcome = submit(client, "get", path, query, explain=False, user=auditor)
    if path.endswith(".csv") and outcome.status == 400:
        # A filter the form refuses gives no CSV but the screen, which says why.
        assert outcome.messages and "抽出条件に誤りがあります" in outcome.messages[0][1]
        assert not AuditFilterForm(query).is_valid()
    else:
        assert outcome.status == 200


def test_the_access_log_answers_dates_at_the_limits(client, auditor):
    valid = {"date_from": "2026-01-01", "date_to": "2026-12-31", "case_id": "1"}
    sweep(client, "get", "/audit/", AuditFilterForm(), valid, explain=False, user=auditor)


@pytest.fixture
def inquiry_form(client, clerk):
    client.force_login(clerk)
    response = client.get("/inquiries/new/")
    assert response.status_code == 200
    return response.context["form"]


def _inquiry_valid(clerk) -> dict:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {
        "received_at": now.strftime("%Y-%m-%dT%H:%M"),
        "channel": "phone",
        "requester": "旭川 花子",
        "subject": "個人番号の利用について",
        "handler": str(clerk.pk),
        "outcome": "説明済",
        "closed_at": (now + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }


@fuzz_settings(40)
@given(data=st.data())
def test_new_inquiries_refuse_bad_input_with_a_reason(client, clerk, inquiry_form, data):
    post = data.draw(submissions(inquiry_form, _inquiry_valid(clerk)))
    submit(client, "post", "/inquiries/new/", post, explain=True, user=clerk)


def test_inquiries_refuse_dates_at_the_limits_with_a_reason(client, clerk, inquiry_form):
    sweep(client, "post", "/inquiries/new/", inquiry_form, _inquiry_valid(clerk), explain=True, user=clerk)


@pytest.fixture
def inquiry(clerk):
    return Inquiry.objects.create(
        received_at=timezone.now(), channel="counter", subject="開示請求の方法", handler=clerk
    )


@fuzz_settings(25)
@given(data=st.data())
def test_editing_an_inquiry_refuses_bad_input_with_a_reason(client, clerk, inquiry_form, inquiry, data):
    post = data.draw(submissions(inquiry_form, _inquiry_valid(clerk)))
    submit(client, "post", f"/inquiries/{inquiry.pk}/", post, explain=True, user=clerk)


@fuzz_settings(25)
@given(
    query=st.fixed_dictionaries({}, optional={"year": junk, "open": junk, "page": junk}),
    path=st.sampled_from(["/inquiries/", "/inquiries/print/"]),
)
def test_the_inquiry_log_answers_any_query(client, clerk, inquiry, query, path):
    outcome = submit(client, "get", path, query, explain=False, user=clerk)
    assert outcome.status == 200


@fuzz_settings(8)
@given(data=st.data(), purpose=junk)
def test_the_audit_report_pdf_refuses_a_bad_filter_with_a_message(client, auditor, data, purpose):
    # An accepted filter renders a PDF when the redirect is followed: few examples, each a real one.
    post = {**data.draw(form_data(AuditFilterForm())), "purpose": purpose}
    submit(client, "post", "/audit/report.pdf", post, explain=True, user=auditor)


@fuzz_settings(8)
@given(year=junk)
def test_the_inquiry_log_pdf_refuses_a_year_out_of_range_with_a_message(client, clerk, year):
    submit(client, "post", "/inquiries/log.pdf", {"year": year}, explain=True, user=clerk)


@fuzz_settings(15)
@given(query=st.fixed_dictionaries({}, optional={"kind": junk, "page": junk}))
def test_the_operator_report_list_answers_any_query(client, operator, query):
    outcome = submit(client, "get", "/reports/", query, explain=False, user=operator)
    assert outcome.status == 200
