"""Snapshot on request, render once from the snapshot, store encrypted; approval renders in advance."""

import json
from unittest import mock

import pytest

from cases.kernel.models import Case, CaseEvent
from cases.security.sealed_files import media_path
from documents import services
from documents.models import Document
from documents.selectors import document_current, document_pdf
from documents.services import case_documents_request, document_render, document_request
from documents.storage import read_sealed
from tasks.documents import MAX_RETRIES, render_document
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db
Kind, Status = Document.Kind, Document.Status


def issue(case, kind, capture, **kwargs) -> Document:
    with capture(execute=True):
        document = document_request(kind=kind, case=case, **kwargs)
    document.refresh_from_db()
    return document


def test_approval_renders_the_filing_and_income_documents(approved_case):
    current = Document.objects.filter(case=approved_case, superseded_at__isnull=True)
    documents = {d.kind: d for d in current.exclude(kind=Kind.RECEIPT)}

    assert set(documents) == {Kind.FILING, Kind.INCOME}
    assert current.filter(kind=Kind.RECEIPT).count() == 1  # requested when the case was started
    for document in documents.values():
        assert document.status == Status.DONE and document.pages >= 1 and len(document.sha256) == 64
        assert not document.includes_mynumber
    filing = pdf_text(document_pdf(document=documents[Kind.FILING]))
    assert "旭太郎" in filing and "免除・納付猶予申請書" in filing and "旭花子" in filing
    income = pdf_text(document_pdf(document=documents[Kind.INCOME]))
    assert "配偶者" in income and "300,000円" in income and "ひとり親控除" in income
    assert documents[Kind.INCOME].context["tax_year"] == approved_case.exemption.fiscal_year


def test_an_edit_after_issue_never_changes_the_issued_pdf(
    approved_case, media_root, django_capture_on_commit_callbacks
):
    issued = document_current(kind=Kind.FILING, case=approved_case)
    issued_pdf = document_pdf(document=issued)
    resident = approved_case.resident
    resident.kanji_name = "旭 次郎"
    resident.save(update_fields=["kanji_name"])
    application = approved_case.exemption
    application.declared_kanji_name = "旭 次郎"
    application.save(update_fields=["declared_kanji_name"])

    # The issued document is untouched, byte for byte, and still renders nothing new.
    issued.refresh_from_db()
    assert issued.status == Status.DONE and document_pdf(document=issued) == issued_pdf
    assert "旭太郎" in pdf_text(issued_pdf)

    # A new request sees the change: a new document supersedes the old one, which stays on file.
    case = Case.objects.get(pk=approved_case.pk)
    replacement = issue(case, Kind.FILING, django_capture_on_commit_callbacks)
    issued.refresh_from_db()
    assert replacement.pk != issued.pk and issued.superseded_at is not None
    assert replacement.sha256 != issued.sha256 and "旭次郎" in pdf_text(document_pdf(document=replacement))
    assert document_pdf(document=issued) == issued_pdf


def test_the_same_snapshot_requested_again_is_a_no_op(approved_case, django_capture_on_commit_callbacks):
    approval_documents = Document.objects.filter(case=approved_case).exclude(kind=Kind.RECEIPT)
    before = list(approval_documents.values_list("pk", "sha256", "rendered_at"))
    case = Case.objects.get(pk=approved_case.pk)
    with (
        mock.patch.object(services, "render_pdf", wraps=services.render_pdf) as rendering,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        again = case_documents_request(case_id=case.pk)

    assert rendering.call_count == 0 and callbacks == []
    assert {d.pk for d in again} == {pk for pk, _sha, _at in before}
    assert list(approval_documents.values_list("pk", "sha256", "rendered_at")) == before


def test_rendering_twice_renders_once(intake_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind=Kind.RECEIPT, case=intake_case)
    with mock.patch.object(services, "render_pdf", wraps=services.render_pdf) as rendering:
        render_document.delay(document.pk)
        document.refresh_from_db()
        first = (document.file, document.sha256, document.rendered_at)
        render_document.delay(document.pk)
        document_render(document_id=document.pk)

    document.refresh_from_db()
    assert rendering.call_count == 1
    assert (document.file, document.sha256, document.rendered_at) == first


def test_a_vanished_document_is_skipped_quietly():
    assert document_render(document_id=987654321) is None
    assert render_document.delay(987654321).get() == "gone"


def test_a_failing_render_is_marked_failed_and_tried_again_on_request(
    intake_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind=Kind.RECEIPT, case=intake_case)
    with mock.patch.object(services, "render_pdf", side_effect=OSError("disk full")) as rendering:
        assert render_document.delay(document.pk).get() == "failed"

    document.refresh_from_db()
    assert rendering.call_count == 1  # in-process: no retry loop inside the user's request
    assert document.status == Status.FAILED and "disk full" in document.error

    # Asking again for the same data tries the same document again rather than stacking new ones.
    retried = issue(intake_case, Kind.RECEIPT, django_capture_on_commit_callbacks)
    assert retried.pk == document.pk and retried.status == Status.DONE and retried.error == ""


def test_a_worker_retries_with_backoff_and_gives_up_after_the_last_try(
    intake_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind=Kind.RECEIPT, case=intake_case)
    with (
        mock.patch.object(services, "render_pdf", side_effect=OSError("disk full")),
        mock.patch.object(render_document, "retry", side_effect=RuntimeError("retry scheduled")) as retry,
    ):
        render_document.push_request(retries=2, is_eager=False)
        try:
            with pytest.raises(RuntimeError, match="retry scheduled"):
                render_document(document.pk)
        finally:
            render_document.pop_request()
        assert retry.call_args.kwargs["countdown"] == 40
        document.refresh_from_db()
        assert document.status == Status.REQUESTED

        render_document.push_request(retries=MAX_RETRIES, is_eager=False)
        try:
            assert render_document(document.pk) == "failed"
        finally:
            render_document.pop_request()
    document.refresh_from_db()
    assert document.status == Status.FAILED


def test_a_missing_font_fails_the_document_without_retrying(
    settings, intake_case, django_capture_on_commit_callbacks
):
    settings.NENKIN_PDF_FONT_FAMILY = "NoSuchJapaneseFont"
    document = issue(intake_case, Kind.RECEIPT, django_capture_on_commit_callbacks)

    assert document.status == Status.FAILED and "fonts-ipaexfont" in document.error
    assert document.file == "" and not media_path("documents").exists()


def test_stored_files_are_encrypted_and_bound_to_their_document(
    intake_case, django_capture_on_commit_callbacks
):
    document = issue(intake_case, Kind.RECEIPT, django_capture_on_commit_callbacks)
    stored = media_path(document.file).read_bytes()

    assert document.file.startswith("documents/")
    pdf = read_sealed(name=document.file, document_id=document.pk)
    assert pdf.startswith(b"%PDF") and "受付票" in pdf_text(pdf)
    # No stretch of the PDF is on disk as written. Windows of 16 bytes: a short pattern such as one
    # kanji's 3 bytes turns up in random ciphertext by chance (about once in 300 runs for this size).
    windows = [pdf[start : start + 16] for start in range(0, len(pdf) - 16, max(1, len(pdf) // 64))]
    assert not stored.startswith(b"%PDF") and not any(window in stored for window in windows)
    with pytest.raises(Exception, match="別の帳票"):
        read_sealed(name=document.file, document_id=document.pk + 1)


def test_the_mynumber_is_printed_only_where_the_form_needs_it(approved_case):
    for document in Document.objects.filter(case=approved_case):
        assert not document.includes_mynumber and "mynumber" not in document.context


def test_without_a_pension_number_the_filing_carries_the_mynumber_never_in_plain_text(
    case_without_pension_no, django_capture_on_commit_callbacks
):
    case, number = case_without_pension_no
    case = Case.objects.select_related("resident__pension").get(pk=case.pk)
    document = issue(case, Kind.FILING, django_capture_on_commit_callbacks)

    assert document.includes_mynumber and document.status == Status.DONE
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    stored_json = json.dumps(document.context, ensure_ascii=False)
    assert number not in stored_json and spaced not in stored_json
    assert document.context["mynumber"]["ciphertext"].startswith("v1$")
    stored = media_path(document.file).read_bytes()
    assert number.encode() not in stored and spaced.encode() not in stored
    # Decrypted only into the printed form.
    assert number in pdf_text(document_pdf(document=document))
    # The receipt never carries it.
    receipt = issue(case, Kind.RECEIPT, django_capture_on_commit_callbacks)
    assert not receipt.includes_mynumber and number not in pdf_text(document_pdf(document=receipt))


def test_the_same_mynumber_snapshot_is_still_recognised_as_the_same(
    case_without_pension_no, django_capture_on_commit_callbacks
):
    case, _number = case_without_pension_no
    first = issue(case, Kind.FILING, django_capture_on_commit_callbacks)
    again = issue(Case.objects.get(pk=case.pk), Kind.FILING, django_capture_on_commit_callbacks)

    # Each encryption has a fresh nonce; the snapshot digest must not depend on it.
    assert again.pk == first.pk


def test_a_document_whose_mynumber_was_purged_is_not_printed(
    case_without_pension_no, django_capture_on_commit_callbacks
):
    case, number = case_without_pension_no
    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind=Kind.FILING, case=case)
    record = case.resident.mynumber
    record.ciphertext, record.lookup_hash = "", None
    record.save(update_fields=["ciphertext", "lookup_hash"])

    assert render_document.delay(document.pk).get() == "failed"
    document.refresh_from_db()
    assert document.status == Status.FAILED and "個人番号が消去" in document.error
    assert number not in document.error


def test_statutory_and_maternity_filings_use_their_own_form(intake_case, django_capture_on_commit_callbacks):
    application = intake_case.exemption
    application.kinds = ["statutory"]
    application.statutory_ground = "2"
    application.save(update_fields=["kinds", "statutory_ground"])
    document = issue(Case.objects.get(pk=intake_case.pk), Kind.FILING, django_capture_on_commit_callbacks)

    assert document.template == "documents/pdf/filing_statutory.html"
    text = pdf_text(document_pdf(document=document))
    assert "法定免除該当届" in text and "生活保護法による生活扶助の受給" in text

    application.kinds = ["maternity"]
    application.save(update_fields=["kinds"])
    document = issue(Case.objects.get(pk=intake_case.pk), Kind.FILING, django_capture_on_commit_callbacks)
    assert document.template == "documents/pdf/filing_maternity.html"


def test_the_income_attachment_prints_every_item_and_marks_missing_returns(
    approved_case, django_capture_on_commit_callbacks
):
    from cases.registry.models.income import IncomeRecord

    IncomeRecord.objects.filter(personal_code=approved_case.exemption.spouse.atena_no).delete()
    application = approved_case.exemption
    attachment = application.income_attachment
    attachment["people"][1].update(missing=True, income=None)
    application.income_attachment = attachment
    application.save(update_fields=["income_attachment"])

    document = issue(Case.objects.get(pk=approved_case.pk), Kind.INCOME, django_capture_on_commit_callbacks)
    applicant = document.context["people"][0]
    labels = [item["label"] for item in applicant["items"]]
    deductions = {
        str(field.verbose_name)
        for field in IncomeRecord._meta.concrete_fields
        if field.name.endswith(("_deduction", "_count", "_carryover")) or field.name.startswith("dependants")
    }
    assert len(deductions) >= 18 and deductions <= set(labels)
    assert {"前年所得額", "ひとり親控除", "特定親族特別控除", "本人寡婦"} <= set(labels)
    assert document.context["people"][1]["missing"] is True
    assert "未申告" in pdf_text(document_pdf(document=document))


def test_approval_only_schedules_documents_after_commit(approved_case):
    assert approved_case.events.filter(action=CaseEvent.Action.APPROVED).exists()
    # Approval adds the filing documents only; the one 受付票 is the one requested at intake.
    assert Document.objects.filter(case=approved_case, kind=Kind.RECEIPT).count() == 1


def test_the_retention_purge_removes_the_mynumber_from_snapshots_and_files(
    case_without_pension_no, django_capture_on_commit_callbacks
):
    case, _number = case_without_pension_no
    document = issue(case, Kind.FILING, django_capture_on_commit_callbacks)
    stored = media_path(document.file)
    receipt = issue(case, Kind.RECEIPT, django_capture_on_commit_callbacks)

    assert len(services.documents_mynumber_purge(resident_ids=[case.resident_id])) == 1
    document.refresh_from_db()
    assert not stored.exists() and document.file == "" and document.status == Status.FAILED
    assert "ciphertext" not in json.dumps(document.context) and document.context["mynumber"]["purged"]
    receipt.refresh_from_db()
    assert receipt.status == Status.DONE and media_path(receipt.file).exists()


def test_documents_whose_task_was_lost_are_found_by_the_sweep(
    intake_case, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from tasks.documents import render_pending

    with django_capture_on_commit_callbacks(execute=False):
        lost = document_request(kind=Kind.RECEIPT, case=intake_case)
    Document.objects.filter(pk=lost.pk).update(requested_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=False):
        fresh = document_request(kind=Kind.FILING, case=intake_case)

    assert services.documents_render_pending() == [lost.pk]
    assert render_pending.delay().get() == 1
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == Status.DONE and fresh.status == Status.REQUESTED
    assert services.documents_render_pending() == []


def test_the_receipt_prints_the_counters_phone_number_set_in_the_admin(intake_case):
    from documents.snapshots import snapshot_build

    intake_case.office.phone = "0166-26-1111"
    intake_case.office.save(update_fields=["phone"])
    snapshot = snapshot_build(kind=Kind.RECEIPT, case=intake_case)
    assert snapshot.context["case"]["office"]["phone"] == "0166-26-1111"


def _suspend(resident) -> None:
    from django.utils import timezone

    type(resident).objects.filter(pk=resident.pk).update(use_suspended_on=timezone.localdate())
    resident.refresh_from_db()


def test_a_filing_of_a_person_whose_number_use_is_stopped_carries_no_number(
    case_without_pension_no, django_capture_on_commit_callbacks
):
    """利用停止 (個人情報保護法98条, issue 11): once granted, the person's 個人番号 is not used — not revealed, not
    searched, and (found 2026-12-06) not printed on a 届書 either. The form says why the box is empty."""
    case, number = case_without_pension_no
    _suspend(case.resident)
    case = Case.objects.select_related("resident__pension").get(pk=case.pk)
    document = issue(case, Kind.FILING, django_capture_on_commit_callbacks)
    assert document.status == Status.DONE and not document.includes_mynumber
    assert "ciphertext" not in json.dumps(document.context)
    text = pdf_text(document_pdf(document=document))
    assert number not in text and "利用停止中のため記載しません" in text


def test_a_filing_snapshotted_before_the_number_use_was_stopped_is_not_printed(
    case_without_pension_no, django_capture_on_commit_callbacks
):
    case, number = case_without_pension_no
    with django_capture_on_commit_callbacks(execute=False):
        document = document_request(kind=Kind.FILING, case=case)
    _suspend(case.resident)
    assert render_document.delay(document.pk).get() == "failed"
    document.refresh_from_db()
    assert document.status == Status.FAILED and "利用停止" in document.error and number not in document.error
