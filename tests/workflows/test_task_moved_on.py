"""A screen sent after the task moved on: the owner's second 担当 click, a step form sent after the 係長
reassigned or released the task, a 照合 sent after the case was withdrawn. Each says what happened; a
colleague's move a moment earlier is a race, not a refusal (only someone who never held the task is
refused and logged), and the typed values come back on the form."""

import pytest
from django.core.cache import cache

from cases.kernel.models import CaseEvent
from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine

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
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    return case


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
