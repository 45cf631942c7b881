"""The weekly bundle, the results upload, the 突合 queue and the transfer to the registry."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cases.submission import bundles as bundle_svc
from cases.submission import transfer as transfer_svc
from cases.submission.bundle_seal import bundle_seal_request
from cases.submission.forms.bundles import HandOverForm, RemoveCaseForm, SealForm
from cases.submission.forms.results import DiscrepancyFilterForm, DiscrepancyResolveForm
from cases.submission.forms.transfers import TransferRequestForm
from cases.submission.models import Discrepancy, RegistryTransfer
from cases.submission.results import results_import
from tests.bundles.conftest import documents_stub
from tests.factories import TRANSFER_DOCUMENT, TRANSFER_DOCUMENT_FORM, applicant_with_household
from tests.fuzz.checks import fuzz_settings, submit, sweep
from tests.fuzz.strategies import csv_files, form_data, junk, submissions
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

RESULTS_HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"


def _ready_case(clerk, clerk2, supervisor, capture):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    documents_stub(case)
    return case


@pytest.fixture
def draft(clerk, clerk2, supervisor, django_capture_on_commit_callbacks, settings, tmp_path):
    case = _ready_case(clerk, clerk2, supervisor, django_capture_on_commit_callbacks)
    # Approved a little before the cut-off, as in the week's real order of events.
    type(case).objects.filter(pk=case.pk).update(stage_since=timezone.now() - dt.timedelta(hours=1))
    bundle = bundle_svc.bundle_build(cutoff_at=timezone.now() - dt.timedelta(minutes=5))
    return bundle, case


@fuzz_settings(25)
@given(data=st.data())
def test_removing_a_case_from_a_bundle_refuses_bad_reasons(client, supervisor, draft, data):
    bundle, case = draft
    url = f"/bundles/{bundle.pk}/cases/{case.pk}/remove/"
    post = data.draw(submissions(RemoveCaseForm(), {"reason": "本人から取下げの申出"}))
    submit(client, "post", url, post, explain=True, user=supervisor)


@fuzz_settings(20)
@given(data=st.data())
def test_sealing_refuses_anything_but_the_confirmation(client, supervisor, draft, data):
    bundle, _case = draft
    post = data.draw(form_data(SealForm()))
    submit(client, "post", f"/bundles/{bundle.pk}/seal/", post, explain=True, user=supervisor)


@pytest.fixture
def sealed(draft, supervisor, django_capture_on_commit_callbacks):
    bundle, _case = draft
    with django_capture_on_commit_callbacks(execute=True):
        bundle_seal_request(bundle=bundle, by=supervisor)
    bundle.refresh_from_db()
    return bundle


HAND_OVER = {"medium": "cd_r", "received_by": "旭川年金事務所 国民年金課"}


@fuzz_settings(30)
@given(data=st.data())
def test_hand_over_refuses_bad_dates_with_a_reason(client, supervisor, sealed, data):
    post = data.draw(submissions(HandOverForm(), {"sent_on": timezone.localdate().isoformat(), **HAND_OVER}))
    submit(client, "post", f"/bundles/{sealed.pk}/hand-over/", post, explain=True, user=supervisor)


def test_hand_over_refuses_dates_at_the_limits_with_a_reason(client, supervisor, sealed):
    url = f"/bundles/{sealed.pk}/hand-over/"
    valid = {"sent_on": timezone.localdate().isoformat(), **HAND_OVER}
    sweep(client, "post", url, HandOverForm(), valid, explain=True, user=supervisor)


def result_errors(response):
    """The line errors the upload screen lists (line, column, message in a table)."""
    context = response.context
    errors = (context.get("errors") or []) if context is not None else []
    assert all(error.line > 0 for error in errors), errors
    return [error.message for error in errors]


@fuzz_settings(30)
@given(content=csv_files(RESULTS_HEADER), name=st.sampled_from(["results.csv", "結果.CSV", "a.txt", "x"]))
def test_results_upload_refuses_bad_files_line_by_line(client, supervisor, content, name, settings, tmp_path):
    """A 係長 uploads (issue 11: clerks no longer import results)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    submit(
        client,
        "post",
        "/results/",
        {"file": upload},
        explain=True,
        user=supervisor,
        extra_errors=result_errors,
    )


@pytest.fixture
def discrepancy(clerk):
    today = timezone.localdate()
    line = f"2026-999999,,承認,{today - dt.timedelta(days=1)},全額免除,2026-07,2027-06,"
    results_import(filename="unmatched.csv", data=f"{RESULTS_HEADER}\n{line}\n".encode(), by=clerk)
    return Discrepancy.objects.get()


@fuzz_settings(25)
@given(data=st.data())
def test_resolving_a_discrepancy_refuses_an_empty_note(client, clerk, discrepancy, data):
    post = data.draw(submissions(DiscrepancyResolveForm(), {"note": "機構に確認済"}))
    submit(client, "post", f"/results/discrepancies/{discrepancy.pk}/", post, explain=True, user=clerk)


@fuzz_settings(25)
@given(data=st.data(), extra=st.fixed_dictionaries({}, optional={"import": junk, "page": junk}))
def test_the_discrepancy_queue_answers_any_filter(client, clerk, discrepancy, data, extra):
    query = {**data.draw(form_data(DiscrepancyFilterForm())), **extra}
    submit(client, "get", "/results/discrepancies/", query, explain=False, user=clerk)


@fuzz_settings(25)
@given(data=st.data())
def test_requesting_a_transfer_refuses_bad_reasons(client, clerk, data):
    post = data.draw(submissions(TransferRequestForm(), {"reason": "月次の反映", **TRANSFER_DOCUMENT_FORM}))
    submit(client, "post", "/transfers/", post, explain=True, user=clerk)


@pytest.fixture
def requested_transfer(clerk):
    return transfer_svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)


@fuzz_settings(20)
@given(
    post=st.fixed_dictionaries({}, optional={"approve": junk, "reason": junk}),
    action=st.sampled_from(["decide", "produce"]),
)
def test_deciding_and_producing_a_transfer_answer_any_post(
    client, supervisor, requested_transfer, post, action
):
    url = f"/transfers/{requested_transfer.pk}/{action}/"
    outcome = submit(client, "post", url, post, explain=True, user=supervisor)
    if action == "produce":
        # Not approved yet: producing must be refused with a message.
        assert outcome.refused
    assert RegistryTransfer.objects.get().state == RegistryTransfer.State.REQUESTED
