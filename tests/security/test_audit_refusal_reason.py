"""A refusal whose reason was written down (the sentence the refused user read, kept in the entry's
detail) shows it after the reason's label in the 理由 column: 「権限なし」 alone did not say why another
office's 係長 was refused a results upload. Shortened on the screen, whole in the CSV; never a code."""

import pytest

from cases.security.audit import audit_record
from cases.security.audit_present import audit_rows
from cases.security.models.audit import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

SENTENCE = (
    "他の事務所 (本庁) の係長が取り込んだものです。確認と反映は取り込んだ事務所の係長が行います。"
    "この処理結果の取込は、取り込んだ事務所の係長が確認するまで反映されません。"
)


@pytest.fixture
def refused(clerk):
    return audit_record(
        action=AuditAction.DENIED,
        actor=clerk,
        target="/results/uploads/7/apply/",
        detail={"reason": "permission", "view": "result_upload_apply", "method": "POST", "message": SENTENCE},
    )


def test_the_row_gives_the_label_then_the_sentence(refused):
    (row,) = audit_rows(AuditEntry.objects.filter(pk=refused.pk))
    assert row.reason == f"権限なし: {SENTENCE}"


def test_a_refusal_without_a_sentence_keeps_its_label(clerk):
    entry = audit_record(action=AuditAction.DENIED, actor=clerk, target="/x/", detail={"reason": "not_found"})
    (row,) = audit_rows(AuditEntry.objects.filter(pk=entry.pk))
    assert row.reason == "対象なし・他の事務所"


def test_the_screen_shortens_the_sentence_and_the_csv_keeps_it_whole(client, auditor, refused):
    client.force_login(auditor)
    page = client.get("/audit/", {"action": "denied"}).content.decode()
    assert "権限なし: 他の事務所 (本庁) の係長が取り込んだものです。" in page
    assert f"権限なし: {SENTENCE}</td>" not in page and "…" in page
    assert "permission" not in page.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    body = client.get("/audit/report.csv", {"action": "denied"}).content.decode("utf-8-sig")
    assert f"権限なし: {SENTENCE}" in body and ",permission," not in body
