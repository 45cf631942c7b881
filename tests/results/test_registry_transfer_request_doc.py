"""A 住基への移転 request names the 依頼元の担当課 and its 情報処理依頼書 (番号・日付), so the 係長 approves
against the 依頼書 (PIA III-5: 「提供先の各担当課より原則的に情報処理依頼書及び申請書を提出してもらう…
依頼書等の内容を検査した上で、必要な情報のみを提供」)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.security.audit_present import reason_text
from cases.security.models.audit import AuditEntry
from cases.submission import transfer as svc
from cases.submission.models import RegistryTransfer

pytestmark = pytest.mark.django_db
DOC = {
    "department": "市民課",
    "request_doc_no": "市民第12号",
    "request_doc_date": dt.date(2026, 11, 30),
    "columns": ["資格喪失日"],
}
FORM = {
    "reason": "月次の反映",
    "department": "市民課",
    "request_doc_no": "市民第12号",
    "request_doc_date": "2026-11-30",
    "columns": ["資格喪失日"],
}


@pytest.mark.parametrize("missing", ["department", "request_doc_no", "request_doc_date"])
def test_the_service_requires_each_part_of_the_request_document(clerk, missing):
    given = {**DOC, missing: "" if missing != "request_doc_date" else None}
    with pytest.raises(ValidationError) as raised:
        svc.transfer_request(by=clerk, reason="月次の反映", **given)
    assert missing in raised.value.message_dict
    assert not RegistryTransfer.objects.exists()


def test_a_request_document_dated_in_the_future_is_refused(clerk):
    later = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        svc.transfer_request(by=clerk, reason="月次の反映", **{**DOC, "request_doc_date": later})
    assert "request_doc_date" in raised.value.message_dict and not RegistryTransfer.objects.exists()


def test_the_service_refuses_a_mynumber_in_the_reason_as_the_form_does(clerk):
    """番号法 20条 (cases.common.freetext): the 依頼理由 is kept on the request and in the access log, so the
    service refuses a 個人番号 in it as the form does — a caller other than the screen meets the same check."""
    from cases.common.identifiers.mynumber import mynumber_check_digit

    number = "21096040111" + str(mynumber_check_digit("21096040111"))
    with pytest.raises(ValidationError) as raised:
        svc.transfer_request(by=clerk, reason=f"番号 {number} の方の反映", **DOC)
    assert "reason" in raised.value.message_dict and not RegistryTransfer.objects.exists()


@pytest.mark.parametrize("missing", ["reason", "department", "request_doc_no", "request_doc_date"])
def test_the_screen_names_the_missing_field_and_makes_nothing(client, clerk, missing):
    client.force_login(clerk)
    response = client.post("/transfers/", {**FORM, missing: ""})
    assert response.status_code == 200 and not RegistryTransfer.objects.exists()
    text = response.content.decode()
    expected = {
        "reason": "依頼理由を入力してください。",
        "department": "依頼元の担当課を入力してください。",
        "request_doc_no": "情報処理依頼書の番号を入力してください。",
        "request_doc_date": "情報処理依頼書の日付を入力してください。",
    }[missing]
    assert expected in text and "このフィールドは必須です。" not in text


def test_the_request_document_is_shown_for_approval_listed_and_logged(client, clerk, supervisor):
    client.force_login(clerk)
    assert client.post("/transfers/", FORM).status_code == 302
    transfer = RegistryTransfer.objects.get()
    assert (transfer.requesting_department, transfer.request_doc_no, transfer.request_doc_date) == (
        "市民課",
        "市民第12号",
        dt.date(2026, 11, 30),
    )
    client.force_login(supervisor)
    detail = client.get(f"/transfers/{transfer.pk}/").content.decode()
    assert (
        "承認する" in detail and "市民課" in detail and "市民第12号" in detail and "令和8年11月30日" in detail
    )
    assert "依頼書" in detail.split("承認する")[0].split('method="post"')[-1]  # the approval asks to check it
    listed = client.get("/transfers/").content.decode()
    assert "市民課" in listed and "市民第12号" in listed
    svc.transfer_decide(transfer=transfer, by=supervisor, approve=True)
    for entry in AuditEntry.objects.filter(target=f"transfer:{transfer.pk}"):
        assert entry.detail["department"] == "市民課" and entry.detail["request_doc_no"] == "市民第12号"
        assert entry.detail["request_doc_date"] == "2026-11-30"
        said = reason_text(entry.detail)
        assert "市民課" in said and "市民第12号" in said
