"""H3 (issue 11): 個人番号 reveals are throttled, scoped to the user's office and alerted (番号法 9条:
利用範囲; assessment III: 番号利用事務以外で個人番号の検索はできない、権限のない者による不正使用)."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from cases.registry.models.reveals import RevealApproval
from cases.registry.mynumber import mynumber_register
from cases.registry.reveals import reveal_report
from cases.security.audit import audit_record
from cases.security.models.alerts import RevealSuspension, SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.factories import ResidentFactory, applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def valid_number(seed: int) -> str:
    from cases.common.identifiers.mynumber import mynumber_check_digit

    body = f"{seed:011d}"
    return body + str(mynumber_check_digit(body))


def resident_with_number(seed: int):
    resident = ResidentFactory()
    mynumber_register(resident=resident, number=valid_number(seed))
    return resident


def reveal(client, resident, **data):
    return client.post(f"/residents/{resident.pk}/mynumber/", {"purpose": "identity", "note": "確認", **data})


def shown(response) -> bool:
    return 'id="mynumber"' in response.content.decode()


@pytest.fixture
def kamui_clerk(other_office):
    return make_user("clerk-kamui", "clerk", other_office)


def test_sixty_reveals_of_strangers_in_a_loop_show_nothing(client, kamui_clerk):
    """The attack: clerk-kamui revealed 60 of 60 residents' numbers in 4.3 s with the purpose 「確認」 —
    any office, no case. Now a person with no case or intake at his office needs a 係長's approval."""
    residents = [resident_with_number(1000 + n) for n in range(60)]
    client.force_login(kamui_clerk)
    responses = [reveal(client, resident) for resident in residents]
    assert not any(shown(r) for r in responses)
    assert "係長の承認が必要" in responses[0].content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.MYNUMBER_REVEAL, detail__result="shown").exists()


def test_the_hourly_limit_suspends_revealing_and_alerts(client, clerk, settings):
    settings.NENKIN_REVEAL_LIMIT_PER_HOUR = 5
    residents = []
    for n in range(8):
        applicant, _ = applicant_with_household()
        mynumber_register(resident=applicant, number=valid_number(2000 + n))
        h.start_case(clerk=clerk, resident=applicant)  # a case at the clerk's office
        residents.append(applicant)
    client.force_login(clerk)
    results = [reveal(client, resident) for resident in residents]
    assert [shown(r) for r in results] == [True] * 5 + [False] * 3
    assert results[5].status_code == 403 and "停止しました" in results[5].content.decode()
    assert RevealSuspension.objects.filter(user=clerk, lifted_at__isnull=True).count() == 1
    alert = SecurityAlert.objects.get(kind=SecurityAlert.Kind.REVEAL_LIMIT, user=clerk)
    assert alert.detail["limit"] == 5
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="reveal_limit").count() == 1
    assert (
        AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="reveal_suspended").count() == 2
    )


def test_a_supervisor_of_the_office_lifts_a_suspension(client, clerk, supervisor, other_office):
    RevealSuspension.objects.create(user=clerk, reason="テスト")
    outsider = make_user("super-kamui", "supervisor", other_office)
    client.force_login(outsider)
    item = RevealSuspension.objects.get().pk
    assert client.post("/mynumber/approvals/", {"action": "lift", "item": item}).status_code == 404
    client.force_login(supervisor)
    page = client.get("/mynumber/approvals/").content.decode()
    assert clerk.username in page or str(clerk) in page
    client.post("/mynumber/approvals/", {"action": "lift", "item": item})
    assert not RevealSuspension.objects.filter(lifted_at__isnull=True).exists()


def test_a_stranger_is_revealed_once_after_a_supervisors_approval(client, clerk, clerk2, supervisor):
    person = resident_with_number(3001)
    client.force_login(clerk)
    refused = reveal(client, person)
    assert not shown(refused) and "承認を依頼する" in refused.content.decode()
    reveal(client, person, request_approval="1", purpose="pension_office", note="機構からの照会")
    approval = RevealApproval.objects.get(resident=person, requested_by=clerk)
    client.force_login(clerk2)  # another clerk cannot approve
    assert client.post("/mynumber/approvals/", {"action": "approve", "item": approval.pk}).status_code == 403
    client.force_login(supervisor)
    client.post("/mynumber/approvals/", {"action": "approve", "item": approval.pk})
    client.force_login(clerk)
    assert shown(reveal(client, person, purpose="pension_office", note="機構からの照会"))
    assert not shown(reveal(client, person))  # used up
    approval.refresh_from_db()
    assert approval.state == RevealApproval.State.USED and approval.decided_by == supervisor


def test_the_purpose_is_chosen_from_a_list_and_the_note_holds_no_number(client, clerk):
    applicant, _ = applicant_with_household()
    mynumber_register(resident=applicant, number=valid_number(4001))
    h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    assert not shown(reveal(client, applicant, purpose="確認"))
    assert not shown(reveal(client, applicant, purpose="other", note=""))
    body = reveal(client, applicant, purpose="other", note="番号 1234 5678 9012 の確認").content.decode()
    assert "個人番号" in body and 'id="mynumber"' not in body
    assert shown(reveal(client, applicant, purpose="other", note="住所変更の確認"))
    entry = AuditEntry.objects.get(action=AuditAction.MYNUMBER_REVEAL)
    assert entry.purpose.startswith("その他") and entry.detail["purpose"] == "other"


def test_the_daily_report_alerts_the_auditor_to_unusual_reveal_counts(
    clerk, clerk2, settings, auditor, client
):
    settings.NENKIN_REVEAL_DAILY_ALERT = 30
    for user, count in ((clerk, 40), (clerk2, 3)):
        for _ in range(count):
            audit_record(action=AuditAction.MYNUMBER_REVEAL, actor=user, detail={"result": "shown"})
    # The log is append-only (no back-dating): the report is run for today, when they were written.
    today = timezone.localdate()
    alerts = reveal_report(day=today)
    assert [alert.user for alert in alerts] == [clerk]
    assert reveal_report(day=today) == []  # once per person and day
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert "個人番号の表示件数が通常と異なる" in page


def test_the_reveal_report_is_scheduled_daily():
    from tasks.celery import app
    from tasks.schedules import SCHEDULES

    app.loader.import_default_modules()
    schedule = next(s for s in SCHEDULES if s.task == "security.reveal_report")
    assert schedule.crontab.split()[2:] == ["*", "*", "*"]
    assert "security.reveal_report" in app.tasks


def test_a_finished_case_does_not_stand_in_for_an_approval(client, clerk, supervisor):
    """The exploratory audit of 2026-12-05: after case 29 was withdrawn its clerk still revealed the
    person's number with no approval. Only an open case (or intake) of the office is a reason now;
    a 取下げ, 完了 or 返戻-closed case is history, and the number needs a 係長's approval."""
    from workflows.withdraw import case_withdraw

    applicant, _spouse = applicant_with_household()
    mynumber_register(resident=applicant, number=valid_number(4001))
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    assert shown(reveal(client, applicant))  # an open case at the clerk's office
    case_withdraw(case_id=case.pk, user=supervisor, reason="本人の申出")
    refused = reveal(client, applicant)
    assert not shown(refused) and "係長の承認が必要" in refused.content.decode()
    assert not shown(reveal(client, applicant, case=case.pk))  # choosing the finished case: the same


def test_a_branch_supervisor_choosing_a_honcho_case_needs_an_approval(client, clerk, other_office):
    """Seeing is not acting (decisions §17): the 神居 係長 sees the 本庁's case and may pick it on the
    form, but it is not a case of their office, so it is no reason to show the number."""
    applicant, _spouse = applicant_with_household()
    mynumber_register(resident=applicant, number=valid_number(4002))
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(make_user("super-kamui", "supervisor", other_office))
    refused = reveal(client, applicant, case=case.pk)
    assert not shown(refused) and "係長の承認が必要" in refused.content.decode()


def test_a_supervisor_approving_their_own_request_is_refused_and_logged(client, supervisor):
    """reveal_approval_decide: nobody approves their own request. The refusal was a message only
    (exploratory test 2026-12-06); it is in the access log now (cases/security/refusals.py)."""
    person = resident_with_number(3002)
    client.force_login(supervisor)
    reveal(client, person, request_approval="1", purpose="pension_office", note="機構からの照会")
    approval = RevealApproval.objects.get(resident=person, requested_by=supervisor)
    page = client.post("/mynumber/approvals/", {"action": "approve", "item": approval.pk}, follow=True)
    assert "自分の依頼・停止は承認・解除できません" in page.content.decode()
    approval.refresh_from_db()
    assert approval.state == RevealApproval.State.PENDING
    (entry,) = AuditEntry.objects.filter(actor_id=supervisor.pk, action=AuditAction.DENIED)
    assert entry.detail["view"] == "reveal_approvals" and "自分の依頼" in entry.detail["message"]
