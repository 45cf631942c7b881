"""決裁 and the 提出書類: a 承認 waits for every required paper, even one marked 未提出 after 照合 while
the 係長's form was open; a 差戻し does not wait; once 決裁 has approved, the papers are fixed (the case
page offers no change and a change sent anyway is refused) until a 差戻し or 返戻 reopens them. For
every case type that keeps a checklist."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from viewflow.workflow.status import STATUS

from cases.kernel.models import CaseEvent, ChecklistItem, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory
from tests.qualification import helpers as q

pytestmark = pytest.mark.django_db
State = ChecklistItem.State


@pytest.fixture(autouse=True)
def _refusals_logged_afresh():
    # A refusal is logged once per user and URL for a while, and ids repeat between runs: without
    # this, "nothing was logged" could hold only because an earlier run's entry suppressed it.
    cache.clear()


def _disability_at_approval(clerk, clerk2):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    d.enter(case, clerk)
    d.cross_check(case, clerk2)
    return case, "certificate_recognition", d.take


def _qualification_at_approval(clerk, clerk2):
    from cases.common.codes import InsuredKind

    resident = q.person(kind=InsuredKind.SECOND)
    event_date = timezone.localdate() - dt.timedelta(days=10)
    case = q.intake(
        clerk, resident, kind="kind_change", event="leave_employee_pension", event_date=event_date
    )
    from workflows import steps

    steps.identity_record(
        task_id=q.take(case, "verify_identity", clerk).pk, user=clerk, documents=["mynumber_card"]
    )
    steps.input_save(task_id=q.take(case, "enter_data", clerk).pk, user=clerk, data=None)
    case.refresh_from_db()
    q.papers_received(case, clerk)
    steps.cross_check(task_id=q.take(case, "cross_check", clerk2).pk, user=clerk2, matches=True)
    case.refresh_from_db()
    return case, "loss_proof", q.take


@pytest.fixture(params=["disability", "qualification"])
def at_approval(request, clerk, clerk2):
    """A case of each type at 決裁 with every required paper 受領: (case, a required paper's code, take)."""
    build = {"disability": _disability_at_approval, "qualification": _qualification_at_approval}
    case, code, take = build[request.param](clerk, clerk2)
    assert case.stage == Stage.APPROVAL
    item = case.checklist.get(code=code)
    assert item.required and item.settled
    return case, code, take


def _mark(client, user, case, code, state):
    client.force_login(user)
    return client.post(f"/cases/{case.pk}/checklist/", {"code": code, "state": state}, follow=True)


def test_approval_refuses_while_a_required_paper_was_marked_missing_after_the_form_opened(
    client, at_approval, clerk, supervisor
):
    case, code, take = at_approval
    task = take(case, "approve", supervisor)
    client.force_login(supervisor)
    assert client.get(f"/desk/tasks/{task.pk}/").status_code == 200  # the 係長 opens the 決裁 form
    _mark(client, clerk, case, code, State.MISSING)  # meanwhile a clerk marks the paper 未提出
    client.force_login(supervisor)
    response = client.post(f"/desk/tasks/{task.pk}/", {"decision": "approve", "reason": ""})
    assert response.status_code == 200  # the form again, with why
    page = response.content.decode()
    label = case.checklist.get(code=code).label_shown
    assert "提出されていない必須の書類があります" in page and label in page
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.stage == Stage.APPROVAL and case.approver_id is None
    assert task.status == STATUS.ASSIGNED and task.owner_id == supervisor.pk
    assert not case.events.filter(action=CaseEvent.Action.APPROVED).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.DENIED).exists()


def test_a_send_back_at_approval_does_not_wait_for_the_papers_and_reopens_them(
    client, at_approval, clerk, supervisor
):
    case, code, take = at_approval
    task = take(case, "approve", supervisor)
    _mark(client, clerk, case, code, State.MISSING)
    client.force_login(supervisor)
    client.post(f"/desk/tasks/{task.pk}/", {"decision": "reject", "reason": "診断書を再度依頼"})
    case.refresh_from_db()
    assert case.stage == Stage.INPUT
    _mark(client, clerk, case, code, State.RECEIVED)  # back at 入力, the papers move again
    assert case.checklist.get(code=code).state == State.RECEIVED


def test_the_papers_are_fixed_once_approval_has_decided_the_case(client, at_approval, clerk, supervisor):
    case, code, take = at_approval
    task = take(case, "approve", supervisor)
    client.force_login(supervisor)
    client.post(f"/desk/tasks/{task.pk}/", {"decision": "approve", "reason": ""})
    case.refresh_from_db()
    assert case.stage == Stage.READY_TO_SEND
    marks_before = case.events.filter(action=CaseEvent.Action.CHECKLIST).count()
    for user in (clerk, supervisor):
        client.force_login(user)
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert "提出書類" in page  # still shown, read-only
        assert f"/cases/{case.pk}/checklist/" not in page  # no form to change it
        response = _mark(client, user, case, code, State.MISSING)
        assert "決裁済み" in response.content.decode()
    assert case.checklist.get(code=code).state != State.MISSING
    assert case.events.filter(action=CaseEvent.Action.CHECKLIST).count() == marks_before
