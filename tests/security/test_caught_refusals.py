"""Refusals a screen answers with a message instead of a 403 page are in the access log too (the
assessment's III: every refusal traceable). Exploratory test 2026-12-06: a clerk releasing or working a
colleague's task was sent back with a message and nothing was logged."""

import pytest
from django.core.cache import cache

from cases.security.models.audit import AuditAction, AuditEntry
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_task(clerk, reference_data):
    """The 本人確認 of a new case, held by the clerk who received it."""
    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    task = h.open_task(case, "verify_identity")
    assert task.owner_id == clerk.pk
    return task


def refusals(user):
    return AuditEntry.objects.filter(actor_id=user.pk, action=AuditAction.DENIED)


def test_releasing_a_colleagues_task_is_refused_and_logged(client, clerk2, held_task):
    client.force_login(clerk2)
    response = client.post(f"/desk/tasks/{held_task.pk}/release/", follow=True)
    assert "他の職員の担当は解除できません" in response.content.decode()
    held_task.refresh_from_db()
    assert held_task.owner_id != clerk2.pk and held_task.owner_id is not None
    (entry,) = refusals(clerk2)
    assert entry.target == f"/desk/tasks/{held_task.pk}/release/"
    assert entry.detail["view"] == "task_release" and entry.detail["reason"] == "permission"
    assert "他の職員の担当は解除できません" in entry.detail["message"]


def test_sending_the_step_form_of_a_colleagues_task_is_logged(client, clerk2, held_task):
    client.force_login(clerk2)
    assert client.get(f"/desk/tasks/{held_task.pk}/").status_code == 302  # a link followed: no refusal
    assert not refusals(clerk2).exists()
    client.post(f"/desk/tasks/{held_task.pk}/", {"documents": ["mynumber_card"]})
    (entry,) = refusals(clerk2)
    assert entry.detail["view"] == "task_work" and entry.detail["method"] == "POST"


def test_a_task_taken_a_moment_earlier_is_a_race_not_a_refusal(client, clerk, clerk2, held_task):
    """Two clerks clicking 担当 on the same row: the second is told, and nothing is logged against them."""
    client.force_login(clerk2)
    response = client.post(f"/desk/tasks/{held_task.pk}/claim/", follow=True)
    assert "他の職員が先に担当しました" in response.content.decode()
    assert not refusals(clerk2).exists()
