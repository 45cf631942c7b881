"""A 住基への移転 request is rejected with a reason: asked for, kept on the request, shown to the requester
and in the request's history, and written to the access log (PIA III-5: the 依頼書 is checked before
anything is provided, so a refusal of it is a decision the auditor reviews). It was one click, no reason."""

import pytest
from django.core.exceptions import ValidationError

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.security.audit_present import reason_text
from cases.security.models.audit import AuditEntry
from cases.submission import transfer as svc
from cases.submission.models import RegistryTransfer
from tests.factories import TRANSFER_DOCUMENT

pytestmark = pytest.mark.django_db
State = RegistryTransfer.State
MYNUMBER = "12345678901" + str(mynumber_check_digit("12345678901"))
WHY = "依頼書の項目が依頼元の申請書と一致しないため"


@pytest.fixture
def requested(clerk):
    return svc.transfer_request(by=clerk, reason="月次の反映", **TRANSFER_DOCUMENT)


def _unchanged(transfer):
    transfer.refresh_from_db()
    assert transfer.state == State.REQUESTED and transfer.decided_by is None and transfer.decided_at is None
    assert AuditEntry.objects.filter(target=f"transfer:{transfer.pk}").count() == 1  # the request only


@pytest.mark.parametrize("given", ["", "  \u3000 "])
def test_the_service_refuses_a_rejection_without_a_reason(requested, supervisor, given):
    with pytest.raises(ValidationError) as raised:
        svc.transfer_decide(transfer=requested, by=supervisor, approve=False, reason=given)
    assert raised.value.message_dict["rejection_reason"] == ["却下の理由を入力してください。"]
    _unchanged(requested)


def test_the_service_refuses_a_rejection_reason_holding_a_mynumber(requested, supervisor):
    with pytest.raises(ValidationError) as raised:
        svc.transfer_decide(transfer=requested, by=supervisor, approve=False, reason=f"本人 {MYNUMBER} の分")
    assert "個人番号" in raised.value.message_dict["rejection_reason"][0]
    _unchanged(requested)


def test_the_screen_asks_for_the_reason_and_refuses_an_empty_one(client, requested, supervisor):
    client.force_login(supervisor)
    page = client.get(f"/transfers/{requested.pk}/").content.decode()
    assert 'name="rejection_reason"' in page and "却下の理由" in page
    response = client.post(f"/transfers/{requested.pk}/decide/", {"approve": "0", "rejection_reason": ""})
    assert "却下の理由を入力してください。" in response.content.decode()
    _unchanged(requested)
    typed = {"approve": "0", "rejection_reason": f"{MYNUMBER} の件"}
    assert "個人番号" in client.post(f"/transfers/{requested.pk}/decide/", typed).content.decode()
    _unchanged(requested)


def test_the_reason_is_kept_shown_to_the_requester_and_logged(client, requested, clerk, supervisor):
    client.force_login(supervisor)
    response = client.post(f"/transfers/{requested.pk}/decide/", {"approve": "0", "rejection_reason": WHY})
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.state == State.REJECTED and requested.rejection_reason == WHY

    client.force_login(clerk)
    detail = client.get(f"/transfers/{requested.pk}/").content.decode()
    assert "却下の理由" in detail and WHY in detail
    history = detail.split("経過")[-1]
    assert "却下" in history and WHY in history and str(supervisor) in history
    assert WHY in client.get("/transfers/").content.decode()

    entry = AuditEntry.objects.filter(target=f"transfer:{requested.pk}", purpose="住基への移転の却下").get()
    assert entry.detail["rejection_reason"] == WHY
    said = reason_text(entry.detail)
    assert WHY in said and "市民課" in said  # the reason beside the 依頼書 it refused


def test_approving_needs_no_reason(requested, supervisor):
    approved = svc.transfer_decide(transfer=requested, by=supervisor, approve=True)
    assert approved.state == State.APPROVED and approved.rejection_reason == ""


@pytest.mark.parametrize("post", [{}, {"approve": "x", "rejection_reason": WHY}])
def test_a_post_from_neither_button_decides_nothing(client, requested, supervisor, post):
    """Anything but 「承認する」 (1) was taken for a rejection; now only 「却下する」 (0) rejects."""
    client.force_login(supervisor)
    response = client.post(f"/transfers/{requested.pk}/decide/", post, follow=True)
    assert "「承認する」または「却下する」を押してください。" in response.content.decode()
    _unchanged(requested)
