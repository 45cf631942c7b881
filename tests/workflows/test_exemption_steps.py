import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from cases.common.date_display import month_show as wareki_month
from cases.common.dates import add_months
from cases.exemption.periods import earliest_retroactive_month
from cases.kernel import steps as stages
from cases.kernel.deadlines import approvals_escalate_overdue, documents_remind_overdue
from cases.kernel.models import CaseEvent, Stage
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine
from workflows.selectors import queue_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_at_cross_check(clerk, django_capture_on_commit_callbacks):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    return case


def test_the_inputter_cannot_cross_check_their_own_input(case_at_cross_check, clerk, clerk2):
    case = case_at_cross_check
    task = h.open_task(case, "cross_check")
    assert task not in queue_for(user=clerk)
    assert task in queue_for(user=clerk2)
    with pytest.raises(PermissionDenied):
        engine.task_claim(task_id=task.pk, user=clerk)
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner is None


def test_a_supervisor_cannot_reassign_the_cross_check_to_the_inputter(case_at_cross_check, clerk, supervisor):
    task = h.open_task(case_at_cross_check, "cross_check")
    with pytest.raises(PermissionDenied):
        engine.task_reassign(
            task_id=task.pk, user=supervisor, to_user=clerk, reason="急ぎ", shown_owner_id=task.owner_id
        )


def test_the_service_refuses_the_inputter_even_if_called_directly(case_at_cross_check, clerk):
    with pytest.raises(PermissionDenied):
        stages.stage_cross_check(case=case_at_cross_check, actor=clerk, matches=True)


def test_the_inputter_cannot_claim_through_the_screen_either(client, case_at_cross_check, clerk):
    task = h.open_task(case_at_cross_check, "cross_check")
    client.force_login(clerk)
    response = client.post(f"/desk/tasks/{task.pk}/claim/", follow=True)
    assert "権限がありません" in response.content.decode()
    task.refresh_from_db()
    assert task.owner is None


def test_mismatch_sends_the_case_back_to_the_inputter_with_the_reason(case_at_cross_check, clerk, clerk2):
    case = case_at_cross_check
    h.cross_check(case, clerk2, matches=False, reason="生年月日が申請書と相違")
    assert case.stage == Stage.INPUT
    assert h.open_task(case, "enter_data").owner == clerk
    event = case.events.get(action=CaseEvent.Action.SENT_BACK)
    assert event.comment == "生年月日が申請書と相違" and event.actor == clerk2


def test_sending_back_needs_a_reason(case_at_cross_check, clerk2):
    task = h.open_task(case_at_cross_check, "cross_check")
    engine.task_claim(task_id=task.pk, user=clerk2)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        engine.task_complete(
            task_id=task.pk,
            user=clerk2,
            work=lambda c: stages.stage_cross_check(case=c, actor=clerk2, matches=False, reason=" "),
        )
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED  # nothing moved


def test_supervisor_rejection_returns_to_input(case_at_cross_check, clerk2, supervisor):
    case = case_at_cross_check
    h.cross_check(case, clerk2)
    h.approve(case, supervisor, approved=False, reason="所得の年度を確認")
    assert case.stage == Stage.INPUT
    assert case.events.filter(action=CaseEvent.Action.REJECTED, comment="所得の年度を確認").exists()


def test_only_supervisors_can_take_the_approval(case_at_cross_check, clerk2, office):
    case = case_at_cross_check
    h.cross_check(case, clerk2)
    clerk3 = make_user("clerk3", "clerk", office)
    task = h.open_task(case, "approve")
    assert task not in queue_for(user=clerk3)
    with pytest.raises(PermissionDenied):
        engine.task_claim(task_id=task.pk, user=clerk3)


def test_office_scoping(client, case_at_cross_check, other_office, clerk2):
    case = case_at_cross_check
    outsider = make_user("kamui-clerk", "clerk", other_office)
    task = h.open_task(case, "cross_check")
    assert task not in queue_for(user=outsider)
    with pytest.raises(PermissionDenied):
        engine.task_claim(task_id=task.pk, user=outsider)
    client.force_login(outsider)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.post(f"/desk/tasks/{task.pk}/claim/").status_code == 404
    assert case.number not in client.get("/cases/").content.decode()


def test_the_queue_holds_the_approvals_a_supervisor_may_decide(
    case_at_cross_check, clerk2, supervisor, other_office
):
    """Decisions §17: the 本庁 係長 decide city-wide; a branch 係長 decides their own office's cases, so
    a 本庁 case's 決裁 is not in their queue (they still see it in the case search and the dashboard)."""
    h.cross_check(case_at_cross_check, clerk2)
    approve = h.open_task(case_at_cross_check, "approve")
    assert approve in queue_for(user=supervisor)
    kamui_supervisor = make_user("kamui-super", "supervisor", other_office)
    assert approve not in queue_for(user=kamui_supervisor)


def test_approval_waiting_more_than_three_business_days_is_escalated(
    client, case_at_cross_check, clerk2, supervisor
):
    case = case_at_cross_check
    h.cross_check(case, clerk2)
    # Entered approval on Friday 2026-11-20; Monday 23 is a holiday, so Thursday 26 is day 3.
    case.stage_since = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    case.save(update_fields=["stage_since"])
    assert approvals_escalate_overdue(now=dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)) == 0
    assert approvals_escalate_overdue(now=dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)) == 1
    assert approvals_escalate_overdue(now=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)) == 0  # once per wait
    assert case.events.filter(action=CaseEvent.Action.ESCALATED).count() == 1
    client.force_login(supervisor)
    home = client.get("/desk/").content.decode()
    assert "3業務日を超えた" in home and case.number in home


def test_identity_not_verified_waits_for_documents_then_resumes(clerk, clerk2):
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk, documents=["drivers_licence"])  # photo ID without a number document
    assert case.stage == Stage.AWAITING_DOCUMENTS and case.documents_due_on > timezone.localdate()
    task = h.open_task(case, "await_documents")
    assert task.status == STATUS.NEW  # in the office queue, any clerk may take it

    case.documents_due_on = timezone.localdate() - dt.timedelta(days=1)
    case.save(update_fields=["documents_due_on"])
    assert documents_remind_overdue() == 1
    assert documents_remind_overdue() == 0

    engine.task_claim(task_id=task.pk, user=clerk2)
    engine.task_complete(
        task_id=task.pk,
        user=clerk2,
        work=lambda c: stages.stage_documents_outcome(case=c, actor=clerk2, received=True),
    )
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY
    assert (
        h.open_task(case, "verify_identity").status == STATUS.NEW
    )  # back in the queue, not to the first clerk


def test_withdrawal_ends_the_case(clerk):
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk, documents=[])
    task = h.open_task(case, "await_documents")
    engine.task_claim(task_id=task.pk, user=clerk)
    engine.task_complete(
        task_id=task.pk,
        user=clerk,
        work=lambda c: stages.stage_documents_outcome(
            case=c, actor=clerk, received=False, comment="本人より取下げ"
        ),
    )
    case.refresh_from_db()
    assert case.stage == Stage.WITHDRAWN and case.closed_at is not None
    assert case.process.status == PROCESS.DONE


def test_retroactive_months_beyond_two_years_one_month_are_refused(client, clerk):
    applicant, _ = applicant_with_household()
    today = timezone.localdate()
    earliest = earliest_retroactive_month(today)
    too_early = add_months(earliest, -1)
    # a fiscal year containing the too-early month; the period runs to its end
    from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of

    _start, end = fiscal_year_bounds(fiscal_year_of(too_early, student=False), student=False)
    client.force_login(clerk)
    response = client.post(
        f"/intake/exemption/{applicant.pk}/",
        {
            "received_on": today.isoformat(),
            "kind_1": "full",
            "period_start": too_early.strftime("%Y-%m"),
            "period_end": end.strftime("%Y-%m"),
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "2年1か月前" in text and wareki_month(earliest) in text
    assert not applicant.cases.exists()
    # the earliest month itself is accepted
    _fy_start, fy_end = fiscal_year_bounds(fiscal_year_of(earliest, student=False), student=False)
    response = client.post(
        f"/intake/exemption/{applicant.pk}/",
        {
            "received_on": today.isoformat(),
            "kind_1": "full",
            "period_start": earliest.strftime("%Y-%m"),
            "period_end": fy_end.strftime("%Y-%m"),
        },
    )
    assert response.status_code == 302
    assert applicant.cases.count() == 1


def test_a_child_is_not_taken_as_the_applicants_spouse(clerk):
    """民法731条: a child of the household (14) was saved as the 配偶者, and the 所得 screening then said
    判定不能 (exploratory test, 2026-12-05). Refused on the field, nothing saved."""
    from django.core.exceptions import ValidationError

    from tests.factories import ResidentFactory

    applicant, _spouse = applicant_with_household()
    child = ResidentFactory(birth_date=timezone.localdate() - dt.timedelta(days=365 * 14))
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with pytest.raises(ValidationError, match="配偶者を確認してください"):
        h.enter(case, clerk, spouse=child)
    case.refresh_from_db()
    assert case.stage == "input" and case.exemption.spouse_id is None


def test_a_birth_date_after_today_is_refused_on_its_field_at_input():
    """Exploratory test 2026-12-06: 生年月日 2030-01-01 was saved and only the 照合 showed it as 相違. A date
    of birth after today is a typing mistake the 入力 screen can name at once."""
    import datetime as dt

    from django.utils import timezone

    from workflows.forms.exemption import InputForm

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = InputForm(data={"declared_birth_date": tomorrow.isoformat()})
    assert not form.is_valid()
    assert any("今日より後" in message for message in form.errors["declared_birth_date"])
    today = InputForm(data={"declared_birth_date": timezone.localdate().isoformat()})
    today.is_valid()
    assert "declared_birth_date" not in today.errors
