"""A screen sent after the task moved on: the owner's second 担当 click, a step form sent after the 係長
reassigned or released the task, a 照合 sent after the case was withdrawn. Each says what happened; a
colleague's move a moment earlier is a race, not a refusal (only someone who never held the task is
refused and logged), and the typed values come back on the form."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from viewflow.workflow.status import STATUS

from cases.common.date_display import date_show
from cases.kernel.models import CaseEvent, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.workflows import helpers as h
from workflows import engine
from workflows.withdraw import case_withdraw

pytestmark = pytest.mark.django_db
TYPED = "配偶者の所得が住民税の記録と違う"


@pytest.fixture(autouse=True)
def _refusals_logged_afresh():
    # A refusal is logged once per user and URL for a while, and ids repeat between runs: without
    # this, "nothing was logged" could hold only because an earlier run's entry suppressed it.
    cache.clear()


@pytest.fixture
def at_cross_check(clerk, django_capture_on_commit_callbacks):
    """An exemption case at 照合 (the income attachment job run as on commit)."""
    return h.case_at_cross_check(clerk, django_capture_on_commit_callbacks)


@pytest.fixture
def cross_check_task(at_cross_check, clerk2):
    """The case's 照合 task, held by clerk2."""
    case = at_cross_check
    task = h.open_task(case, "cross_check")
    engine.task_claim(task_id=task.pk, user=clerk2)
    return case, task


@pytest.fixture
def clerk3(office):
    return make_user("clerk3", "clerk", office)


def _denied(user):
    return AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=user.pk).count()


def _send(client, user, task):
    client.force_login(user)
    return client.post(f"/desk/tasks/{task.pk}/", {"decision": "mismatch", "reason": TYPED})


def test_the_owner_claiming_again_hears_it_is_already_theirs_and_goes_to_the_task(
    client, at_cross_check, clerk2
):
    case = at_cross_check
    task = h.open_task(case, "cross_check")
    client.force_login(clerk2)
    client.post(f"/desk/tasks/{task.pk}/claim/")
    response = client.post(f"/desk/tasks/{task.pk}/claim/")  # the same button again (Back, a second tab)
    assert response.status_code == 302 and response.url == f"/desk/tasks/{task.pk}/"
    page = client.get(response.url).content.decode()
    assert "既にあなたの担当です" in page and "他の職員が先に担当しました" not in page
    assert case.events.filter(action=CaseEvent.Action.CLAIMED, actor=clerk2).count() == 1
    assert _denied(clerk2) == 0


def test_a_step_sent_after_reassignment_names_the_new_owner_keeps_the_input_and_is_no_refusal(
    client, cross_check_task, clerk2, clerk3, supervisor
):
    case, task = cross_check_task
    engine.task_reassign(
        task_id=task.pk, user=supervisor, to_user=clerk3, reason="休暇のため", shown_owner_id=clerk2.pk
    )
    response = _send(client, clerk2, task)
    assert response.status_code == 200  # the form again, not the queue
    page = response.content.decode()
    assert f"{clerk3} さん" in page and f"{supervisor} さん" in page and "付け替えました" in page
    assert "キューから担当してください" not in page
    assert TYPED in page  # to copy
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK and task.owner_id == clerk3.pk
    assert _denied(clerk2) == 0


def test_a_step_sent_after_the_supervisor_released_the_task_says_so(
    client, cross_check_task, clerk2, supervisor
):
    _case, task = cross_check_task
    engine.task_release(task_id=task.pk, user=supervisor)
    response = _send(client, clerk2, task)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{supervisor} さん" in page and "解除" in page and "キューに戻っています" in page
    assert TYPED in page
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner_id is None
    assert _denied(clerk2) == 0


def test_someone_who_never_held_the_task_is_still_refused_and_logged(client, cross_check_task, clerk3):
    case, task = cross_check_task
    response = _send(client, clerk3, task)
    assert response.status_code == 302
    assert _denied(clerk3) == 1
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK


def test_the_engine_tells_a_former_holder_from_a_stranger(cross_check_task, clerk2, clerk3, supervisor):
    _case, task = cross_check_task
    engine.task_reassign(
        task_id=task.pk, user=supervisor, to_user=clerk3, reason="休暇のため", shown_owner_id=clerk2.pk
    )

    def work(user):
        return engine.task_complete(task_id=task.pk, user=user, work=lambda c: None)

    with pytest.raises(engine.TaskUnavailable, match="付け替えました"):
        work(clerk2)
    stranger = make_user("clerk4", "clerk", clerk2.office)
    with pytest.raises(PermissionDenied) as refused:
        work(stranger)
    assert not isinstance(refused.value, engine.TaskUnavailable)


def test_a_cross_check_sent_after_the_case_was_withdrawn_says_it_was_withdrawn_and_when(
    client, cross_check_task, clerk, clerk2
):
    case, task = cross_check_task
    case_withdraw(case_id=case.pk, user=clerk, reason="本人から取下げの申出")
    response = _send(client, clerk2, task)
    page = client.get(response.url).content.decode()
    case.refresh_from_db()
    assert "取下げ" in page and date_show(timezone.localtime(case.stage_since).date()) in page
    assert "既に終わっています" not in page
    assert _denied(clerk2) == 0
