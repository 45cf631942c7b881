"""開示請求: the supervisor's report of everything held on the person, 個人番号 only when approved."""

import pytest
from django.utils import timezone

from cases.common.identifiers.wareki import format_wareki
from cases.kernel.models import CaseEvent, Stage
from cases.registry.models.pension import MyNumber
from cases.registry.mynumber import resident_search_by_mynumber
from cases.security.models.audit import AuditAction, AuditEntry
from documents.models import Document
from documents.selectors import document_current
from documents.services import document_render, document_request
from tests.documents.conftest import pdf_text
from tests.requests.conftest import MYNUMBER, open_task, take_request, work
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
Kind = Document.Kind


@pytest.fixture
def history(client, clerk, person):
    """Things the report must show: an exemption case, a document issued on it, access-log entries."""
    exemption = h.start_case(clerk=clerk, resident=person)
    receipt = document_render(document_id=document_request(kind=Kind.RECEIPT, case=exemption).pk)
    client.force_login(clerk)
    client.get(f"/cases/{exemption.pk}/")
    resident_search_by_mynumber(user=clerk, number=MYNUMBER, purpose="other", note="本人からの電話照会")
    return exemption, receipt


@pytest.fixture
def handled(client, clerk, person, history):
    case = take_request(client, clerk, person, "disclosure", content="保有個人情報のすべて")
    work(client, clerk, case, "respond", {"decision": "grant"})
    assert case.stage == Stage.APPROVAL
    return case


def _report(client, user, case):
    client.force_login(user)
    response = client.post(f"/cases/{case.pk}/disclosure/report/")
    assert response.status_code == 302
    return document_current(kind=Kind.DISCLOSURE, case=case)


def _pdf(client, user, document) -> str:
    client.force_login(user)
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response.content).replace("\n", "")  # table cells wrap


def test_the_report_lists_everything_held_and_masks_the_number(
    client, clerk, supervisor, person, history, handled
):
    exemption, receipt = history
    case = handled
    page = work(client, supervisor, case, "approve", {"decision": "approve"}).content.decode()
    assert "開示報告書を作成してから決裁してください" in page and case.stage == Stage.APPROVAL

    document = _report(client, supervisor, case)
    assert document.kind == Kind.DISCLOSURE and not document.includes_mynumber
    assert case.events.filter(action=CaseEvent.Action.REPORT_ISSUED).exists()
    made = AuditEntry.objects.get(action=AuditAction.EXPORT, target="document:disclosure")
    assert made.resident_id == person.pk and made.case_id == case.pk

    text = _pdf(client, supervisor, document)
    assert "保有個人情報開示報告書" in text
    assert person.kanji_name.replace(" ", "") in text and person.atena_no in text  # 宛名情報
    assert "0166-00-0000" in text  # 年金基本情報
    assert format_wareki(person.pension.qualifications.get().acquired_on) in text  # 資格情報
    assert "付加保険料納付" in text  # 付加年金
    assert "令和7年度" in text and "1,230,000円" in text and "令和8年度" in text  # 所得情報, each 賦課年度
    assert exemption.number in text and case.number in text  # cases with their timelines
    assert "受付票" in text and receipt.sha256[:16] in text  # documents issued, with their hash
    assert "本人からの電話照会" in text and "個人番号による検索" in text  # the access log about them
    assert MYNUMBER not in text and "●●●●●●●●●●●●" in text
    assert AuditEntry.objects.filter(action=AuditAction.PRINT, target="document:disclosure").exists()

    client.force_login(clerk)  # the report shows the access log: supervisors only
    assert client.get(f"/documents/{document.pk}/").status_code == 403
    assert client.post(f"/cases/{case.pk}/disclosure/report/").status_code == 403
    # The clerk who answers is told where the report comes from (exploratory test 2026-12-06: the row
    # said 作成済 with nothing to print and no word why).
    assert "係長が出力して請求者に渡します" in client.get(f"/cases/{case.pk}/").content.decode()

    work(client, supervisor, case, "approve", {"decision": "approve"})
    assert case.stage == Stage.ANSWER
    work(
        client,
        clerk,
        case,
        "answer",
        {"answered_on": timezone.localdate().isoformat(), "outcome": "報告書を交付"},
    )
    assert case.stage == Stage.CLOSED
    client.force_login(supervisor)
    assert client.post(f"/cases/{case.pk}/disclosure/report/", follow=True).status_code == 200
    assert document_current(kind=Kind.DISCLOSURE, case=case) == document  # no report after the fact


def test_the_number_is_printed_only_after_a_supervisor_approved_it(
    client, clerk, supervisor, person, handled
):
    case = handled
    task = open_task(case, "approve")
    client.force_login(clerk)
    assert client.post(f"/cases/{case.pk}/disclosure/mynumber/", {"reason": "本人の求め"}).status_code == 403

    client.force_login(supervisor)
    response = client.post(
        f"/cases/{case.pk}/disclosure/mynumber/", {"reason": "本人が個人番号の開示も求めた", "task": task.pk}
    )
    assert response.status_code == 302 and response.url == f"/desk/tasks/{task.pk}/"
    request = case.resident_request
    request.refresh_from_db()
    assert request.mynumber_approved_by == supervisor
    assert case.events.filter(action=CaseEvent.Action.MYNUMBER_APPROVED).exists()
    approval = AuditEntry.objects.get(target="disclosure_mynumber_approval")
    assert MYNUMBER not in str(approval.detail) + approval.purpose

    document = _report(client, supervisor, case)
    assert document.includes_mynumber
    assert MYNUMBER not in str(document.context)  # the snapshot keeps the ciphertext only
    text = _pdf(client, supervisor, document)
    assert MYNUMBER in text and "本人への開示のため記載しています" in text


def test_a_purged_number_is_reported_as_erased(client, supervisor, person, handled):
    MyNumber.objects.filter(resident=person).update(
        ciphertext="", key_id="", lookup_hash=None, purged_at=timezone.now()
    )
    text = _pdf(client, supervisor, _report(client, supervisor, handled))
    assert "消去済" in text and MYNUMBER not in text


def test_the_generic_document_buttons_do_not_make_disclosure_reports(client, supervisor, handled):
    client.force_login(supervisor)
    assert client.post(f"/cases/{handled.pk}/documents/disclosure/issue/").status_code == 404
    assert client.get(f"/cases/{handled.pk}/documents/disclosure/preview/").status_code == 404
    assert document_current(kind=Kind.DISCLOSURE, case=handled) is None


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("resident_search", "宛名の検索"),
        ("case_search", "案件の検索"),
        ("intake_qualification", "受付 (資格届出)"),
        ("use_suspension_lifted", "利用停止の解除"),
        ("transfer:12", "住基への移転"),
        ("inquiry:5", "問合せ"),
        ("task:verify_identity", "作業の画面"),
        ("something_new:7", "その他の操作"),
    ],
)
def test_the_report_names_every_logged_target_in_words_never_as_a_code(target, shown):
    """Exploratory test 2026-12-06: the 開示報告書's access-log table printed 「resident_search」 to the
    requester — its own list of words lacked the targets added since; it falls back on the auditor's words
    (without the internal id) and never prints a code."""
    from documents.disclosure import _target_label

    assert _target_label(target) == shown
