"""Every export of the desk (CSV, ZIP, PDF), checked for the 個人番号: it leaves the system only where
the output's purpose needs it and a supervisor approved it — the 届書 of a person without a 基礎年金番号
(in the weekly bundle a supervisor approved and sealed), and the 開示報告書 after a supervisor approved
printing it for the requester. Everything else carries no number, or a mask."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.kernel.models import Case
from cases.qualification.models import QualificationList, QualificationListRow
from cases.qualification.services import qualification_solicit
from cases.qualification.texts import SOLICITED
from cases.registry.models.pension import Qualification
from cases.registry.mynumber import mynumber_register, mynumber_reveal, resident_search_by_mynumber
from cases.requests.disclosure import disclosure_mynumber_approve
from cases.requests.services import request_intake
from cases.security.models.security import Inquiry
from cases.submission import bundles as bundle_svc
from cases.submission import transfer as transfer_svc
from cases.submission.storage import archive_read
from documents.models import Document
from documents.selectors import document_pdf
from documents.services import document_render, document_request, report_document_request
from documents.solicitations import letters_render
from tests.disability import helpers as claims
from tests.factories import TRANSFER_DOCUMENT, applicant_with_household
from tests.workflows import helpers as h
from workflows.flows.requests import RequestFlow
from workflows.start import case_start

pytestmark = pytest.mark.django_db
Kind = Document.Kind
WITH_PENSION_NO = "11112222333" + str(mynumber_check_digit("11112222333"))
WITHOUT_PENSION_NO = "44445555666" + str(mynumber_check_digit("44445555666"))
NUMBERS = (WITH_PENSION_NO, WITHOUT_PENSION_NO)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        data = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).encode()
    return data.decode("utf-8", errors="ignore").replace(" ", "").replace("\u3000", "").replace("\n", "")


def carried(data: bytes) -> set[str]:
    text = text_of(data)
    return {number for number in NUMBERS if number in text}


@pytest.fixture
def approved(clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    """Two approved cases with their documents rendered: one member has a 基礎年金番号, one does not."""
    cases = []
    for number, keep_pension_no in ((WITH_PENSION_NO, True), (WITHOUT_PENSION_NO, False)):
        applicant, spouse = applicant_with_household()
        mynumber_register(resident=applicant, number=number)
        Qualification.objects.create(
            pension=applicant.pension,
            insured_kind="1",
            acquired_on=dt.date(2015, 6, 14),
            acquired_reason="01",
        )
        case = h.start_case(clerk=clerk, resident=applicant)
        if not keep_pension_no:
            applicant.pension.basic_pension_no = None
            applicant.pension.save(update_fields=["basic_pension_no"])
        h.verify(case, clerk)
        with django_capture_on_commit_callbacks(execute=True):
            h.enter(case, clerk, spouse=spouse)
        h.cross_check(case, clerk2)
        with django_capture_on_commit_callbacks(execute=True):
            h.approve(case, supervisor)
        Case.objects.filter(pk=case.pk).update(stage_since=timezone.now() - dt.timedelta(hours=1))
        case.refresh_from_db()
        cases.append(case)
    return cases


def test_every_export_carries_the_number_only_where_needed_and_approved(
    client, clerk, clerk2, supervisor, auditor, approved
):
    with_no, without_no = approved
    covered: set[str] = set()

    def check(document: Document, expected: set[str]) -> None:
        document = document_render(document_id=document.pk) or document
        assert carried(document_pdf(document=document)) == expected, document.kind
        assert document.includes_mynumber == bool(expected)
        covered.add(document.kind)

    # Counter documents: 受付票 and 所得情報 never; the 届書 only without a 基礎年金番号.
    for case in approved:
        check(document_request(kind=Kind.RECEIPT, case=case), set())
        check(Document.objects.get(case=case, kind=Kind.INCOME, superseded_at__isnull=True), set())
    check(Document.objects.get(case=with_no, kind=Kind.FILING, superseded_at__isnull=True), set())
    check(Document.objects.get(case=without_no, kind=Kind.FILING), {WITHOUT_PENSION_NO})

    # The weekly bundle: its data file, CSV, manifest and PDFs. (A case without a 基礎年金番号 cannot
    # be sent yet: the data file needs the number from 機構, so it waits for the next bundle.) Only a
    # supervisor (cases.download_bundle) downloads the ZIP, after sealing what they approved.
    Case.objects.filter(pk=without_no.pk).update(stage_since=timezone.now() + dt.timedelta(hours=1))
    bundle = bundle_svc.bundle_build(cutoff_at=timezone.now().replace(second=0, microsecond=0))
    archive = zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number)))
    assert f"cases/{with_no.number}/filing.pdf" in archive.namelist()
    for name in archive.namelist():
        assert carried(archive.read(name)) == set(), name
    assert bundle.manifest["counts"]["documents_with_mynumber"] == 0
    check(document_request(kind=Kind.TRANSMITTAL, bundle=bundle), set())
    check(document_request(kind=Kind.BUNDLE_LIST, bundle=bundle), set())
    client.force_login(clerk)
    assert client.get(f"/bundles/{bundle.pk}/download/").status_code == 403

    # Searches and reveals leave entries; the access log CSV and the audit report PDF show none of it.
    resident_search_by_mynumber(user=clerk, number=WITH_PENSION_NO, purpose="identity")
    mynumber_reveal(user=clerk, resident=with_no.resident, purpose="filing", case=with_no)
    client.force_login(auditor)
    assert carried(client.get("/audit/report.csv").content) == set()
    check(report_document_request(kind=Kind.AUDIT_REPORT, requested_by=auditor, filters={}), set())

    # The 受付簿: its printable page and its PDF.
    Inquiry.objects.create(received_at=timezone.now(), channel="phone", subject="番号の取扱い", handler=clerk)
    client.force_login(clerk)
    assert carried(client.get("/inquiries/print/").content) == set()
    year = timezone.localdate().year
    check(report_document_request(kind=Kind.INQUIRY_LOG, requested_by=clerk, year=year), set())

    # 障害基礎年金: the referral slip and the 送付票 never, even without a 基礎年金番号 (the 年金請求書
    # itself travels as the paper original).
    referred = claims.start_claim(
        clerk=clerk, resident=without_no.resident, status_at_first_visit="category3"
    )
    check(Document.objects.get(case=referred, kind=Kind.REFERRAL), set())
    claim = claims.start_claim(clerk=clerk, resident=without_no.resident)
    claims.ready_to_send(claim, clerk, clerk2, supervisor)
    check(document_request(kind=Kind.FILING, case=claim), set())

    # The 住基 transfer CSV never (its format has no column for it).
    transfer = transfer_svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)
    transfer = transfer_svc.transfer_decide(transfer=transfer, by=supervisor, approve=True)
    transfer = transfer_svc.transfer_produce(transfer=transfer, by=clerk)
    assert transfer.record_count >= 1
    assert carried(transfer_svc.transfer_download(transfer=transfer, by=clerk)) == set()

    # The 開示報告書: masked until a supervisor approves printing it for the requester.
    request = request_intake(
        actor=clerk,
        resident=with_no.resident,
        case_type="disclosure",
        received_on=timezone.localdate(),
        requester="self",
        content="すべて",
        identity_documents=["mynumber_card"],
    )
    RequestFlow.start.run(case=request)
    check(document_request(kind=Kind.DISCLOSURE, case=request), set())
    disclosure_mynumber_approve(case=request, actor=supervisor, reason="本人が番号の開示も求めた")
    check(document_request(kind=Kind.DISCLOSURE, case=request), {WITH_PENSION_NO})

    # The 勧奨状 (a batch of letters to residents): names and addresses, never a number.
    qlist = QualificationList.objects.create(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS,
        filename="kounen.csv",
        sha256="0" * 64,
        imported_by=clerk,
        office=clerk.office,
        reply_by=timezone.localdate(),
    )
    resident = with_no.resident
    solicited = case_start(
        case_type="qualification",
        intake=lambda: qualification_solicit(
            actor=clerk,
            resident=resident,
            kind="kind_change",
            event="leave_employee_pension",
            event_date=timezone.localdate(),
            source=SOLICITED(list="厚生年金保険 資格喪失者一覧", file="list.csv"),
        ),
        receipt=False,
    )
    QualificationListRow.objects.create(
        qualification_list=qlist,
        line_no=2,
        kana_name=resident.kana_name,
        birth_date=resident.birth_date,
        resident=resident,
        status=QualificationListRow.Status.MATCHED,
        case=solicited,
        letter=QualificationListRow.Letter.PENDING,
    )
    (letters,) = letters_render(list_id=qlist.pk, by=clerk)
    check(Document.objects.get(pk=letters), set())

    assert covered == set(Kind.values), "a document kind was added: check it here too"
