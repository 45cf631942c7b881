"""訂正請求 end to end through the screens: 受付 → 対応 → 決裁 (not by the handler) → 回答 → 完了."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.kernel.models import CaseEvent, Stage
from cases.kernel.steps import stage_approval
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.pension import Qualification
from tests.conftest import make_user
from tests.requests.conftest import open_task, take_request, work
from workflows import engine
from workflows.selectors import inbox_for, queue_for

pytestmark = pytest.mark.django_db


def _qualification(person) -> Qualification:
    return Qualification.objects.get(pension__resident=person)


def _respond_correct(client, clerk, case, person, value="2015-07-01"):
    target = f"qualification:{_qualification(person).pk}|acquired_on"
    return work(client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": value})


def test_an_approved_correction_is_applied_with_its_history(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "correction", content="資格取得日が違う")
    assert case.stage == Stage.RESPONSE
    respond = open_task(case, "respond")
    assert respond.owner == clerk and respond in inbox_for(user=clerk)  # the receiving clerk handles it

    page = client.get(f"/desk/tasks/{respond.pk}/").content.decode()
    assert "資格取得日 (2015-06-14" in page  # the current value is shown with each field

    _respond_correct(client, clerk, case, person)
    assert case.stage == Stage.APPROVAL and case.inputter == clerk
    assert _qualification(person).acquired_on == dt.date(2015, 6, 14)  # nothing changes before 決裁

    approval = open_task(case, "approve")
    assert approval not in queue_for(user=clerk)  # a clerk cannot approve
    assert approval in queue_for(user=supervisor)
    page = client.get(f"/desk/tasks/{approval.pk}/").content.decode()
    response = work(client, supervisor, case, "approve", {"decision": "approve"})
    assert response.status_code == 302
    assert case.stage == Stage.ANSWER and case.approver == supervisor

    assert _qualification(person).acquired_on == dt.date(2015, 7, 1)
    history = RecordCorrection.objects.get(case=case)
    assert history.field == "acquired_on" and history.applied_by == supervisor
    assert history.old_value.startswith("2015-06-14") and history.new_value.startswith("2015-07-01")

    answer = open_task(case, "answer")
    assert answer.owner == clerk
    today = timezone.localdate()
    work(client, clerk, case, "answer", {"answered_on": today.isoformat(), "outcome": "訂正しました"})
    assert case.stage == Stage.CLOSED
    assert case.resident_request.answered_on == today and case.resident_request.outcome == "訂正しました"

    actions = list(case.events.values_list("action", flat=True))
    for action in ("received", "request_handled", "approved", "corrected", "answered"):
        assert action in actions
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "訂正を反映" in detail and "請求者へ回答" in detail
    resident_page = client.get(f"/residents/{person.pk}/").content.decode()
    assert "訂正の履歴" in resident_page and case.number in resident_page


def test_returning_from_approval_goes_back_to_the_handler(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "correction")
    _respond_correct(client, clerk, case, person)
    work(client, supervisor, case, "approve", {"decision": "reject", "reason": "訂正後の日付を確認"})
    assert case.stage == Stage.RESPONSE
    assert open_task(case, "respond").owner == clerk
    assert case.events.filter(action=CaseEvent.Action.REJECTED, comment="訂正後の日付を確認").exists()
    assert _qualification(person).acquired_on == dt.date(2015, 6, 14)
    # returning needs a reason
    _respond_correct(client, clerk, case, person)
    page = work(client, supervisor, case, "approve", {"decision": "reject", "reason": ""})
    assert "差戻しの理由を入力してください" in page.content.decode() and case.stage == Stage.APPROVAL


def test_the_handler_never_approves_their_own_handling(client, clerk, person, office):
    both = make_user("kakaricho", "supervisor", office)
    both.groups.add(clerk.groups.get())  # a 係長 who also works the counter
    case = take_request(client, clerk, person, "correction")
    respond = open_task(case, "respond")
    engine.task_reassign(
        task_id=respond.pk, user=both, to_user=both, reason="係長が対応", shown_owner_id=respond.owner_id
    )
    _respond_correct(client, both, case, person)
    assert case.inputter == both
    approval = open_task(case, "approve")
    assert approval not in queue_for(user=both)
    with pytest.raises(PermissionDenied):
        engine.task_claim(task_id=approval.pk, user=both)
    with pytest.raises(PermissionDenied):
        stage_approval(case=case, actor=both, approved=True)


def test_bad_values_are_refused_with_a_message_and_change_nothing(client, clerk, person):
    case = take_request(client, clerk, person, "correction")
    page = _respond_correct(client, clerk, case, person, value="そのうち").content.decode()
    assert "日付として読み取れません" in page and case.stage == Stage.RESPONSE
    target = f"qualification:{_qualification(person).pk}|lost_on"
    page = work(
        client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": "2010-01-01"}
    )
    assert "資格喪失日は資格取得日以降にしてください" in page.content.decode()
    # A 届出日 in the future: the filing has not happened (令和15年 was taken, exploratory test 2026-12-05).
    target = f"qualification:{_qualification(person).pk}|acquired_filed_on"
    page = work(
        client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": "令和15年1月1日"}
    )
    assert "今日以前の日付にしてください" in page.content.decode()
    page = work(client, clerk, case, "respond", {"decision": "refuse", "refusal_reason": ""})
    assert "請求に応じない理由を入力してください" in page.content.decode()
    assert case.stage == Stage.RESPONSE and not RecordCorrection.objects.exists()


def test_a_value_changed_after_handling_is_not_overwritten(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "correction")
    _respond_correct(client, clerk, case, person)
    Qualification.objects.filter(pk=_qualification(person).pk).update(acquired_on=dt.date(2015, 6, 20))
    page = work(client, supervisor, case, "approve", {"decision": "approve"}).content.decode()
    assert "対応の後に" in page and "値が変わりました" in page
    assert case.stage == Stage.APPROVAL and _qualification(person).acquired_on == dt.date(2015, 6, 20)


def test_a_refused_correction_changes_no_record(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "correction", content="氏名の漢字が違う")
    work(client, clerk, case, "respond", {"decision": "refuse", "refusal_reason": "宛名情報は住民記録で訂正"})
    work(client, supervisor, case, "approve", {"decision": "approve"})
    assert case.stage == Stage.ANSWER and not RecordCorrection.objects.exists()


def test_intake_needs_a_photo_id_and_agent_details(client, clerk, person):
    client.force_login(clerk)
    base = {"case_type": "correction", "received_on": timezone.localdate().isoformat(), "content": "x"}
    page = client.post(f"/intake/requests/{person.pk}/", {**base, "requester": "self"}).content.decode()
    assert "写真付きのもの" in page
    data = {**base, "requester": "agent", "identity_documents": ["passport"]}
    page = client.post(f"/intake/requests/{person.pk}/", data).content.decode()
    assert "代理人の氏名と資格" in page
    assert not person.cases.exists()


def test_withdrawal_at_handling_ends_the_case(client, clerk, person):
    case = take_request(client, clerk, person, "suspension")
    work(client, clerk, case, "respond", {"decision": "withdraw", "note": "請求者から取下げの申出"})
    assert case.stage == Stage.WITHDRAWN
    assert not case.process.task_set.filter(status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN").exists()


def test_a_coded_value_is_shown_by_its_label_and_a_numbered_one_with_its_number():
    """Exploratory test 2026-12-06: the 訂正 list read 「免除種類 (maternity 産前産後免除)」 — an internal code in
    front of the label. Numbered codes (被保険者種別 1) are the forms' own and stay."""
    from cases.registry.models.pension import Exemption, Qualification
    from cases.requests.corrections import value_display

    assert value_display(Exemption._meta.get_field("kind"), "maternity") == "産前産後免除"
    assert value_display(Qualification._meta.get_field("insured_kind"), "1") == "1 第1号被保険者"
