"""The 受付票 of a 開示・訂正・利用停止請求 (QA walk: the requester left the counter with nothing in hand).

It is the receipt every type hands over, worded for a request settled by the city: the 請求の種類, the
整理番号 and the 決定期限 by which the decision is notified in writing (個人情報保護法 83条1項 / 94条1項 /
102条1項: 「請求があった日から三十日以内」; extension 83条2項 etc.), and nothing sent to 日本年金機構."""

import uuid

import pytest
from django.template.loader import render_to_string

from cases.kernel.models import Case, CaseType
from cases.templatetags.desk import wareki
from documents.models import Document
from documents.selectors import document_current
from documents.snapshots import receipt_snapshot, snapshot_build
from tests.conftest import make_user
from tests.documents.conftest import pdf_text
from tests.requests.conftest import MYNUMBER, take_request

pytestmark = pytest.mark.django_db
Kind = Document.Kind


def taken(client, clerk, person, case_type: str, capture, **extra) -> Case:
    with capture(execute=True):  # the 受付票 is rendered after the intake commits
        return take_request(client, clerk, person, case_type, once=uuid.uuid4().hex, **extra)


def test_a_request_taken_at_the_counter_is_handed_a_receipt(
    client, clerk, person, django_capture_on_commit_callbacks
):
    case = taken(client, clerk, person, CaseType.DISCLOSURE, django_capture_on_commit_callbacks)
    receipt = document_current(kind=Kind.RECEIPT, case=case)
    assert receipt is not None and receipt.status == Document.Status.DONE

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/documents/{receipt.pk}/" in page and "受付票" in page
    # The counter is told where to print it, as after every other intake (the intake's message, shown on
    # the first page after it).
    assert (
        f"整理番号 {case.number} で開示請求を受け付けました (受付票は案件画面の「帳票」から印刷できます)。"
        in page
    )
    text = pdf_text(client.get(f"/documents/{receipt.pk}/").content)
    assert case.number in text and wareki(case.decision_due_on) in text


@pytest.mark.parametrize(
    ("case_type", "decided"),
    [
        (CaseType.DISCLOSURE, "開示するかどうか"),  # 83条1項
        (CaseType.CORRECTION, "訂正するかどうか"),  # 94条1項
        (CaseType.SUSPENSION, "利用停止をするかどうか"),  # 102条1項
    ],
)
def test_the_receipt_gives_the_decision_deadline_of_art_83_94_102_and_sends_nothing_to_kiko(
    client, clerk, person, django_capture_on_commit_callbacks, case_type, decided
):
    """Each request is decided within 30 days (個人情報保護法83条1項・94条1項・102条1項) and the requester is
    told in writing; the 受付票 says so, with the 決定期限 in 和暦, and not that papers go to 機構."""
    case = taken(client, clerk, person, case_type, django_capture_on_commit_callbacks)
    snapshot = receipt_snapshot(case=case)
    assert snapshot.context["decision_due_on"] == case.decision_due_on.isoformat()

    html = render_to_string(snapshot.template, snapshot.context)
    assert "請求の種類" in html and str(case.type_label) in html
    assert "決定期限" in html and wareki(case.decision_due_on) in html
    assert decided in html and "書面でお知らせします" in html
    assert "延長" in html  # 83条2項 etc.: the period may be extended, in writing
    assert "送付" not in html and "日本年金機構" not in html
    assert "受け付けた書類" not in html and "申請・届出の内容" not in html  # a request, named once
    assert "免除等の承認" not in html
    assert "お問い合わせの際は、この受付票の整理番号をお伝えください。" in html


def test_the_receipt_carries_no_mynumber_even_when_the_request_holds_one(
    client, clerk, person, django_capture_on_commit_callbacks
):
    """Guard (it held before): the intake refuses a 個人番号 in the request's content, and the 受付票 prints
    none of the request's free text, so one written there by other means (an older row) never reaches it."""
    case = taken(client, clerk, person, CaseType.DISCLOSURE, django_capture_on_commit_callbacks)
    case.resident_request.content = f"番号 {MYNUMBER} の記録"
    case.resident_request.save(update_fields=["content"])
    snapshot = snapshot_build(kind=Kind.RECEIPT, case=Case.objects.get(pk=case.pk))
    assert not snapshot.includes_mynumber
    assert MYNUMBER not in render_to_string(snapshot.template, snapshot.context)


def test_the_request_receipt_is_previewed_and_printed_by_its_office_only(
    client, clerk, auditor, other_office, person, django_capture_on_commit_callbacks
):
    case = taken(client, clerk, person, CaseType.CORRECTION, django_capture_on_commit_callbacks)
    receipt = document_current(kind=Kind.RECEIPT, case=case)
    preview = f"/cases/{case.pk}/documents/receipt/preview/"
    client.force_login(clerk)
    assert client.get(preview).status_code == 200

    client.force_login(make_user("kamui1", "clerk", other_office))
    assert client.get(preview).status_code == 404
    assert client.get(f"/documents/{receipt.pk}/").status_code == 404
    assert client.post(f"/cases/{case.pk}/documents/receipt/issue/").status_code == 404

    client.force_login(auditor)
    assert client.get(f"/documents/{receipt.pk}/").status_code == 403


def test_an_exemptions_receipt_keeps_its_snapshot_and_wording(clerk):
    """Guard (it held before): the request's rows and keys are the request's; an exemption's 受付票 has the
    keys it always had (so re-issuing one with the same data stays no new document), the 送付 to 機構 and
    the closing line of an application."""
    from tests.factories import applicant_with_household
    from tests.workflows import helpers as h

    applicant, _ = applicant_with_household()
    snapshot = receipt_snapshot(case=h.start_case(clerk=clerk, resident=applicant))
    assert set(snapshot.context) == {
        *("version", "case", "city", "applicant", "form", "kinds", "fiscal_year", "details", "next_steps")
    }
    assert "へ送付します" in snapshot.context["next_steps"][0]
    html = render_to_string(snapshot.template, snapshot.context)
    assert "受け付けた書類" in html and "決定期限" not in html and "免除等の承認" in html
