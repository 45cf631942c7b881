"""送付書 and 送付一覧表 for a weekly bundle: counted and listed from its live items."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.submission.models import BundleItem, SubmissionBundle
from documents.models import Document
from documents.selectors import document_pdf
from documents.services import document_render_now, document_request
from tests.documents.conftest import pdf_text
from tests.factories import applicant_with_household
from tests.workflows.helpers import start_case

pytestmark = pytest.mark.django_db
Kind, Status = Document.Kind, Document.Status


@pytest.fixture
def bundle(clerk, approved_case):
    statutory = start_case(clerk=clerk, resident=applicant_with_household()[0], kinds=("full",))
    application = statutory.exemption
    application.kinds, application.statutory_ground = ["statutory"], "2"
    application.save(update_fields=["kinds", "statutory_ground"])
    removed = start_case(clerk=clerk, resident=applicant_with_household()[0])
    bundle = SubmissionBundle.objects.create(
        number="S2026-48", cutoff_at=timezone.now(), sent_on=dt.date(2026, 11, 27)
    )
    BundleItem.objects.create(bundle=bundle, case=approved_case)
    BundleItem.objects.create(bundle=bundle, case=statutory)
    BundleItem.objects.create(bundle=bundle, case=removed, live=False, removal_reason="書類不備")
    return bundle


def test_the_transmittal_counts_live_cases_per_form_type(
    bundle, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind=Kind.TRANSMITTAL, bundle=bundle)
    document = document_render_now(document_id=document.pk)

    assert document.status == Status.DONE and document.case is None
    lines = {line["label"]: line["count"] for line in document.context["lines"]}
    assert lines == {"国民年金保険料 免除・納付猶予申請書": 1, "国民年金保険料 法定免除該当届": 1}
    assert document.context["total"] == 2
    text = pdf_text(document_pdf(document=document))
    assert settings.NENKIN_PENSION_OFFICE in text and "旭川市市民課" in text
    assert "令和8年11月27日" in text and "2件" in text


def test_the_bundle_list_has_one_row_per_live_case(bundle, approved_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=Kind.BUNDLE_LIST, bundle=bundle)
    document.refresh_from_db()

    rows = document.context["rows"]
    assert [row["number"] for row in rows] == sorted(
        item.case.number for item in bundle.items.filter(live=True)
    )
    mine = next(row for row in rows if row["number"] == approved_case.number)
    pension_no = approved_case.resident.pension.basic_pension_no
    assert mine["basic_pension_no"] == f"{pension_no[:4]}-{pension_no[4:]}"
    assert mine["name"] == "旭 太郎" and mine["form"] == "免除・納付猶予申請書"
    text = pdf_text(document_pdf(document=document))
    assert approved_case.number in text and f"{pension_no[:4]}-{pension_no[4:]}" in text
    assert "書類不備" not in text and len(rows) == 2


def test_the_same_bundle_snapshot_is_not_issued_twice(bundle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = document_request(kind=Kind.TRANSMITTAL, bundle=bundle)
        again = document_request(kind=Kind.TRANSMITTAL, bundle=bundle)
    assert again.pk == first.pk
    BundleItem.objects.filter(bundle=bundle).update(live=False)
    with django_capture_on_commit_callbacks(execute=True):
        changed = document_request(kind=Kind.TRANSMITTAL, bundle=bundle)
    first.refresh_from_db()
    assert changed.pk != first.pk and first.superseded_at is not None and changed.context["total"] == 0


def test_bundle_documents_need_all_office_access(client, clerk, supervisor, operator, bundle):
    document = document_render_now(document_id=document_request(kind=Kind.BUNDLE_LIST, bundle=bundle).pk)
    client.force_login(clerk)
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    for user in (supervisor, operator):
        client.force_login(user)
        assert client.get(f"/documents/{document.pk}/").status_code == 200
