"""Printing, previewing and regenerating from the case page: who may, and that each is logged."""

import pytest
from django.conf import settings
from django.utils import timezone

from cases.kernel.models import Case
from cases.security.models.audit import AuditAction, AuditEntry
from documents.models import Document
from documents.selectors import document_current
from documents.services import document_request
from tests.conftest import make_user
from tests.documents.conftest import pdf_text
from tests.workflows.helpers import current_period

pytestmark = pytest.mark.django_db
Kind, Status = Document.Kind, Document.Status


def issued(case, kind, capture) -> Document:
    with capture(execute=True):
        document = document_request(kind=kind, case=case)
    document.refresh_from_db()
    return document


def entries(action, **filters):
    return AuditEntry.objects.filter(action=action, **filters)


@pytest.fixture
def receipt(intake_case, django_capture_on_commit_callbacks):
    return issued(intake_case, Kind.RECEIPT, django_capture_on_commit_callbacks)


@pytest.fixture
def mynumber_filing(case_without_pension_no, django_capture_on_commit_callbacks):
    case, _number = case_without_pension_no
    return issued(Case.objects.get(pk=case.pk), Kind.FILING, django_capture_on_commit_callbacks)


def test_intake_issues_the_receipt_slip_and_the_case_page_offers_it(
    client, clerk, household, django_capture_on_commit_callbacks
):
    applicant, _spouse = household
    start, end = current_period()
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/intake/exemption/{applicant.pk}/",
            {
                "received_on": timezone.localdate().isoformat(),
                "kind_1": "full",
                "period_start": start.strftime("%Y-%m"),
                "period_end": end.strftime("%Y-%m"),
            },
        )
    case = Case.objects.get(resident=applicant)
    assert response.status_code == 302
    receipt = document_current(kind=Kind.RECEIPT, case=case)
    assert receipt.status == Status.DONE and receipt.requested_by == clerk

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/documents/{receipt.pk}/" in page and "受付票" in page and receipt.sha256[:12] in page
    pdf = client.get(f"/documents/{receipt.pk}/")
    assert pdf["Content-Type"] == "application/pdf" and case.number in pdf_text(pdf.content)


def test_every_download_is_logged_with_document_case_and_resident(client, clerk, receipt):
    client.force_login(clerk)
    for _ in range(2):
        response = client.get(f"/documents/{receipt.pk}/")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Cache-Control"] == "no-store"

    logged = entries(AuditAction.PRINT, case_id=receipt.case_id)
    assert logged.count() == 2
    entry = logged.last()
    assert entry.actor_username == "clerk1" and entry.resident_id == receipt.case.resident_id
    assert entry.detail["document_id"] == receipt.pk and entry.detail["kind"] == "receipt"
    assert entry.detail["sha256"] == receipt.sha256


def test_the_operator_may_print_plain_documents_but_never_one_with_a_mynumber(
    client, operator, receipt, mynumber_filing
):
    client.force_login(operator)
    assert client.get(f"/documents/{receipt.pk}/").status_code == 200
    assert entries(AuditAction.PRINT, actor_username="operator1").count() == 1

    response = client.get(f"/documents/{mynumber_filing.pk}/")
    assert response.status_code == 403 and not response.content.startswith(b"%PDF")
    denied = entries(AuditAction.DENIED, actor_username="operator1").get()
    assert denied.detail == {"document_id": mynumber_filing.pk}
    assert entries(AuditAction.PRINT, actor_username="operator1").count() == 1


def test_a_clerk_of_the_office_may_print_the_mynumber_filing(client, clerk, mynumber_filing):
    client.force_login(clerk)
    response = client.get(f"/documents/{mynumber_filing.pk}/")
    assert response.status_code == 200
    assert entries(AuditAction.PRINT, case_id=mynumber_filing.case_id).get().detail["includes_mynumber"]


def test_another_offices_clerk_gets_404_everywhere(client, other_office, receipt):
    client.force_login(make_user("kamui1", "clerk", other_office))
    case = receipt.case
    assert client.get(f"/documents/{receipt.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk}/documents/receipt/preview/").status_code == 404
    assert client.post(f"/documents/{receipt.pk}/regenerate/").status_code == 404
    assert not entries(AuditAction.PRINT).exists()
    assert Document.objects.filter(case=case).count() == 1


def test_the_auditor_reads_cases_but_prints_nothing(client, auditor, receipt):
    client.force_login(auditor)
    assert client.get(f"/documents/{receipt.pk}/").status_code == 403
    page = client.get(f"/cases/{receipt.case_id}/").content.decode()
    assert "受付票" in page and f"/documents/{receipt.pk}/" not in page


def test_preview_shows_the_form_as_html_before_anything_is_issued(client, clerk, intake_case):
    client.force_login(clerk)
    issued = list(Document.objects.filter(case=intake_case).values_list("pk", flat=True))  # the 受付票
    response = client.get(f"/cases/{intake_case.pk}/documents/filing/preview/")

    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "プレビュー (未発行)" in page and "旭 太郎" in page and "免除・納付猶予申請書" in page
    assert "/static/documents/print.css" in page
    assert list(Document.objects.filter(case=intake_case).values_list("pk", flat=True)) == issued
    entry = entries(AuditAction.VIEW, case_id=intake_case.pk, target="document_preview:filing").get()
    assert entry.actor_username == "clerk1"


def test_preview_s_banner_and_back_link_are_in_the_screens_language_the_form_in_japanese(
    client, clerk, intake_case
):
    """Exploratory test in English: the banner and 「案件に戻る」 were Japanese on an English screen. The
    form under them is Japanese whatever the screen (it is what gets printed)."""
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{intake_case.pk}/documents/filing/preview/").content.decode()
    banner = page.split('class="preview-banner"', 1)[1].split("</div>", 1)[0]
    assert 'lang="en"' in banner and f"Back to case {intake_case.number}" in banner
    assert "案件に戻る" not in page and "免除・納付猶予申請書" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    page = client.get(f"/cases/{intake_case.pk}/documents/filing/preview/").content.decode()
    assert (
        f"案件 {intake_case.number} に戻る"
        in page.split('class="preview-banner"', 1)[1].split("</div>", 1)[0]
    )


def test_preview_masks_the_mynumber(client, clerk, case_without_pension_no):
    case, number = case_without_pension_no
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/documents/filing/preview/").content.decode()
    assert "個人番号" in page and "●●●● ●●●● ●●●●" in page
    assert number not in page and number[:4] + " " + number[4:8] not in page


def test_preview_of_a_document_the_case_cannot_have_is_404(client, clerk, intake_case):
    client.force_login(clerk)
    assert client.get(f"/cases/{intake_case.pk}/documents/income/preview/").status_code == 404
    assert client.get(f"/cases/{intake_case.pk}/documents/transmittal/preview/").status_code == 404


def test_regenerate_supersedes_and_is_logged(client, supervisor, receipt, django_capture_on_commit_callbacks):
    client.force_login(supervisor)
    assert client.get(f"/documents/{receipt.pk}/regenerate/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/documents/{receipt.pk}/regenerate/")

    assert response.status_code == 302 and response["Location"] == f"/cases/{receipt.case_id}/"
    receipt.refresh_from_db()
    replacement = document_current(kind=Kind.RECEIPT, case=receipt.case)
    assert receipt.superseded_at is not None and replacement.pk != receipt.pk
    assert replacement.status == Status.DONE and replacement.requested_by == supervisor
    entry = entries(AuditAction.CHANGE, case_id=receipt.case_id).get()
    assert entry.detail["action"] == "regenerate" and entry.detail["new_document_id"] == replacement.pk
    # The old file stays readable: what was printed before can still be shown.
    assert client.get(f"/documents/{receipt.pk}/").status_code == 200


def test_the_operator_cannot_regenerate(client, operator, receipt):
    client.force_login(operator)
    assert client.post(f"/documents/{receipt.pk}/regenerate/").status_code == 403
    assert Document.objects.filter(case=receipt.case).count() == 1


def test_issue_from_the_case_page_then_print_even_before_the_worker_ran(
    client, clerk, intake_case, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/cases/{intake_case.pk}/documents/filing/issue/")
    assert response.status_code == 302
    document = document_current(kind=Kind.FILING, case=intake_case)
    assert document.status == Status.REQUESTED

    # The counter does not wait for the queue: opening it renders it on the spot.
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    document.refresh_from_db()
    assert document.status == Status.DONE


def test_a_failed_document_explains_itself_instead_of_serving_a_file(client, clerk, receipt):
    Document.objects.filter(pk=receipt.pk).update(status=Status.FAILED, error="JapaneseFontMissing: …")
    client.force_login(clerk)
    response = client.get(f"/documents/{receipt.pk}/")
    assert response.status_code == 409 and "作成できませんでした" in response.content.decode()
    assert not entries(AuditAction.PRINT).exists()
