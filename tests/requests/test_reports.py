"""The 監査報告 PDF (the /audit/ filter) and the 受付簿 PDF, made through the documents app and logged."""

import pytest
from django.utils import timezone

from cases.security.audit import audit_chain_verify, audit_record
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.security import Inquiry
from documents.models import Document
from tests.documents.conftest import pdf_text
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _open(client, response) -> str:
    assert response.status_code == 302 and response.url.startswith("/documents/")
    pdf = client.get(response.url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    return pdf_text(pdf.content).replace("\n", "")


def test_audit_report_pdf_for_the_current_filter(client, auditor, clerk, clerk2):
    audit_record(action=AuditAction.MYNUMBER_SEARCH, actor=clerk2, purpose="免除申請の本人特定", target="s")
    audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    client.force_login(auditor)
    assert "監査報告 (PDF)" in client.get("/audit/", {"username": "clerk2"}).content.decode()

    response = client.post("/audit/report.pdf", {"username": "clerk2", "purpose": "internal_audit"})
    text = _open(client, response)
    assert "監査報告" in text and "内部監査" in text
    assert "免除申請の本人特定" in text and "clerk2" in text and "clerk1" not in text  # only the filter
    assert "個人番号による検索" in text  # counts per action
    assert "正常" in text and audit_chain_verify().checked >= 2
    document = Document.objects.get(kind=Document.Kind.AUDIT_REPORT)
    assert document.context["chain"]["head"] in text  # the head hash it checked up to
    assert document.case_id is None and document.bundle_id is None and not document.includes_mynumber

    made = AuditEntry.objects.get(action=AuditAction.EXPORT, target="audit_report_pdf")
    assert made.actor_username == "auditor1" and made.detail["filter"] == {"username": "clerk2"}
    assert AuditEntry.objects.filter(action=AuditAction.PRINT, target="document:audit_report").exists()


@pytest.mark.parametrize("persona", ["clerk", "supervisor", "operator", "admin_user"])
def test_only_auditors_make_or_open_audit_reports(client, request, persona, auditor):
    client.force_login(auditor)
    url = client.post("/audit/report.pdf", {}).url
    client.force_login(request.getfixturevalue(persona))
    assert client.post("/audit/report.pdf", {}).status_code == 403
    assert client.get(url).status_code == 403


def test_inquiry_log_pdf_for_a_year(client, clerk, auditor, operator):
    now = timezone.now()
    Inquiry.objects.create(
        received_at=now,
        channel="phone",
        requester="旭 花子",
        subject="番号の利用目的",
        handler=clerk,
        office=clerk.office,  # entries are kept per office (issue 11)
    )
    Inquiry.objects.create(
        received_at=now.replace(year=now.year - 1),
        channel="counter",
        subject="前年の問合せ",
        handler=clerk,
        office=clerk.office,
    )
    client.force_login(clerk)
    assert "受付簿をPDFで出力" in client.get("/inquiries/").content.decode()
    text = _open(client, client.post("/inquiries/log.pdf", {"year": now.year}))
    assert "問合せ受付簿" in text and "番号の利用目的" in text and "前年の問合せ" not in text
    made = AuditEntry.objects.get(action=AuditAction.EXPORT, target="inquiry_log_pdf")
    assert made.detail["year"] == now.year
    assert AuditEntry.objects.filter(action=AuditAction.PRINT, target="document:inquiry_log").exists()

    document = Document.objects.get(kind=Document.Kind.INQUIRY_LOG)
    client.force_login(auditor)  # auditors read the 受付簿 too
    assert client.get(f"/documents/{document.pk}/").status_code == 200
    client.force_login(operator)
    assert client.post("/inquiries/log.pdf", {"year": now.year}).status_code == 403
    assert client.get(f"/documents/{document.pk}/").status_code == 403


def test_inquiry_log_pdf_refuses_a_year_out_of_range(client, clerk):
    client.force_login(clerk)
    page = client.post("/inquiries/log.pdf", {"year": "1990"}, follow=True).content.decode()
    assert "年は2000年から" in page and not Document.objects.exists()


def test_the_inquiry_log_keeps_each_name_on_one_line(client, clerk):
    """Exploratory test 2026-12-06: beside a long 件名・内容 the 申出者 and 担当 columns shrank until 旭川 太郎
    broke as 太 / 郎; they keep a name's width now."""
    Inquiry.objects.create(
        received_at=timezone.now(),
        channel="phone",
        requester="旭川\u3000太郎",
        subject="免除申請の必要書類について",
        detail="学生納付特例の必要書類を知りたいとの電話。" * 3,
        handler=clerk,
        office=clerk.office,
    )
    client.force_login(clerk)
    response = client.post("/inquiries/log.pdf", {"year": timezone.localdate().year})
    text = pdf_text(client.get(response.url).content)  # lines kept: a name broken over two would show
    assert "旭川太郎" in text and str(clerk).replace(" ", "").replace("\u3000", "") in text


def test_an_audit_report_naming_a_twelve_digit_atena_number_opens_for_the_auditor(client, auditor, clerk):
    """Exploratory test 2026-12-06: the 委託先's check (a PDF holding a 12-digit number is not handed out)
    ran for the auditor too, so a report that listed a 12-digit 宛名番号 (the import takes up to 20 digits)
    was refused and logged as a denial. The auditor's own report is theirs to read; the 委託先 is still
    refused such a PDF (tests/documents)."""
    resident = ResidentFactory(atena_no="100000000021")
    audit_record(action=AuditAction.VIEW, actor=clerk, target="resident", resident_id=resident.pk)
    client.force_login(auditor)
    text = _open(
        client, client.post("/audit/report.pdf", {"atena_no": "100000000021", "purpose": "internal_audit"})
    )
    assert "100000000021" in text
    assert not AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=auditor.pk).exists()
