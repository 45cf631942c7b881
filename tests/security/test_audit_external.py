"""The 監査報告 offers 外部監査 as well as 自己点検 and 内部監査: the assessment (別添2, III-8 監査) names all
three (the privacy inspector's walk of 2026-12-06 found the third missing)."""

import pytest
from django.utils import translation

from cases.security.audit import audit_record
from cases.security.audit_purposes import audit_purpose_show, fixed_purposes
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.selectors.audit import AUDIT_PURPOSES
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_external_audit_is_a_purpose_of_the_report():
    assert AUDIT_PURPOSES == {
        "self_inspection": "自己点検",
        "internal_audit": "内部監査",
        "external_audit": "外部監査",
    }
    assert "外部監査" in fixed_purposes()  # worded for the reader like the other two


def test_the_screen_offers_every_purpose_of_the_report(client, auditor):
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    for code, label in AUDIT_PURPOSES.items():
        assert f'<option value="{code}">{label}</option>' in page
    assert "自己点検・内部監査・外部監査" in page


def test_an_external_audit_report_says_so_and_is_logged_as_one(client, auditor, clerk):
    audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    client.force_login(auditor)
    response = client.post("/audit/report.pdf", {"purpose": "external_audit"})
    assert response.status_code == 302 and response.url.startswith("/documents/")
    pdf = client.get(response.url)
    assert pdf.status_code == 200
    assert "種別:外部監査" in pdf_text(pdf.content).replace("\n", "").replace(" ", "")
    made = AuditEntry.objects.get(action=AuditAction.EXPORT, target="audit_report_pdf")
    assert made.purpose == "外部監査"
    with translation.override("ja"):
        assert audit_purpose_show("audit_report_pdf", made.purpose) == "外部監査"
